"use client";

import { useRouter } from "next/navigation";
import { removeFollowUpEvidenceAction } from "@/lib/server/follow-up/actions";
import { EvidencePanel } from "@/components/self-assessment/evidence-panel";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";

/**
 * The evidence of one follow-up action: the self-assessment's evidence panel (same uploads, link
 * rules and removal), posting to the follow-up's own route. A change sends the action back to the
 * verifier, so the page is refreshed to show its new review state and version.
 */
export function FollowUpEvidence({
  followUpId,
  items,
  editable,
  maxBytes,
}: {
  followUpId: string;
  items: EvidenceItemView[];
  editable: boolean;
  maxBytes: number;
}) {
  const router = useRouter();
  return (
    <EvidencePanel
      assessmentId=""
      indicatorCode={`follow-up-${followUpId}`}
      initialItems={items}
      editable={editable}
      maxBytes={maxBytes}
      uploadUrl={`/api/follow-up/${followUpId}/evidence`}
      removeAction={removeFollowUpEvidenceAction}
      onItemsChange={() => router.refresh()}
    />
  );
}
