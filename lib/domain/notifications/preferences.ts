import type { NotificationKind } from "./events";

/**
 * How a user receives a kind of notification (issue 14): always in the portal, and by e-mail at
 * once, in a daily digest, or not at all. One choice per user and kind.
 */
export const NOTIFICATION_CHANNELS = ["IN_APP", "EMAIL", "DIGEST"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Without a choice of their own, people get each notice by e-mail at once: nobody misses a step. */
export const DEFAULT_CHANNEL: NotificationChannel = "EMAIL";

export function channelFor(kind: NotificationKind, chosen: ReadonlyMap<string, NotificationChannel>): NotificationChannel {
  return chosen.get(kind) ?? DEFAULT_CHANNEL;
}
