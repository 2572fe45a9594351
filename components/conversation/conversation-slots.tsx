import type { ReactNode } from "react";
import type { ConversationView } from "@/lib/server/conversation/views";
import { IndicatorThread } from "./indicator-thread";

/**
 * The thread of every indicator of a locus, keyed by indicator code, for the workspace's cards
 * and the review's one indicator at a time (the page loads the conversation, components only
 * render it). An indicator without comments still gets its thread, so a participant can start one.
 */
export function conversationSlots(view: ConversationView, indicatorCodes: readonly string[], options: { maxBytes: number; collapsible: boolean }) {
  const slots: Record<string, ReactNode> = {};
  for (const code of indicatorCodes) {
    slots[code] = (
      <IndicatorThread
        key={code}
        assessmentId={view.assessmentId}
        indicatorCode={code}
        comments={view.threads[code] ?? []}
        participants={view.participants}
        viewerId={view.viewerId}
        canPost={view.canPost}
        canAsk={view.canAsk}
        open={view.open}
        maxBytes={options.maxBytes}
        collapsible={options.collapsible}
      />
    );
  }
  return slots;
}
