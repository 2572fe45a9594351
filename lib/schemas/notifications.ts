import { z } from "zod";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications/events";
import { NOTIFICATION_CHANNELS } from "@/lib/domain/notifications/preferences";

export const NOTIFICATION_SHOW = ["unread", "all"] as const;

/** The notification list's filter, from the URL; a malformed value falls back, it is not an error. */
export const ZNotificationListFilter = z.object({
  show: z.enum(NOTIFICATION_SHOW).catch("unread"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TNotificationListFilter = z.infer<typeof ZNotificationListFilter>;

/** Marks some of one's own notifications read (ids of someone else's are ignored: not found). */
export const ZMarkNotificationsRead = z.object({
  // One id from a plain form's hidden field, or a list from a script.
  ids: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.uuid()).min(1).max(200)),
});
export type TMarkNotificationsRead = z.infer<typeof ZMarkNotificationsRead>;

/** Opening a notification: it is marked read and the portal goes to its link. */
export const ZOpenNotification = z.object({ id: z.uuid() });

/** "Mark all read" takes nothing. */
export const ZMarkAllNotificationsRead = z.object({});

/** One's channel per kind; kinds left out keep their current choice. */
export const ZNotificationPreferences = z.object({
  preferences: z
    .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(NOTIFICATION_CHANNELS, { error: "notifications.channelInvalid" }) }))
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((rows) => new Set(rows.map((r) => r.kind)).size === rows.length, { error: "notifications.channelInvalid" }),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

export const OUTBOX_STATUSES = ["QUEUED", "SENT", "RETRYING", "FAILED", "KEPT"] as const;

/** The admin outbox's filter, from the URL. */
export const ZOutboxFilter = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TOutboxFilter = z.infer<typeof ZOutboxFilter>;

/** An admin sends one message of the outbox again (failed, or kept while SMTP was not configured). */
export const ZOutboxResend = z.object({ id: z.uuid() });
