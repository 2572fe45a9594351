import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications/events";
import { channelFor, type NotificationChannel } from "@/lib/domain/notifications/preferences";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueDeliveries } from "./queue";
import { type NotificationParams, renderEmail } from "./templates";

/** One notification to write for one user. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /** What it is about, for its scope when read (lib/server/notifications/notifications.ts). */
  institutionId: string | null;
  cycleId: string | null;
  assessmentId: string | null;
  link: string;
  params: NotificationParams;
  /** A notification with the same key for the same user is never written twice. */
  dedupeKey?: string | null;
}

type Tx = Prisma.TransactionClient;

/**
 * Writes notifications in the caller's transaction: one in-app row per draft (inactive accounts
 * get none; a draft whose dedupe key the user already has is skipped), then, for recipients who
 * chose e-mail at once, the rendered message in the outbox and its delivery job. Digest rows wait
 * for the daily digest. Returns the rows written.
 */
export async function writeNotifications(tx: Tx, drafts: readonly NotificationDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const userIds = [...new Set(drafts.map((d) => d.userId))];
  const kinds = [...new Set(drafts.map((d) => d.kind))];
  const [users, chosen] = await Promise.all([
    tx.user.findMany({ where: { id: { in: userIds }, isActive: true }, select: { id: true, email: true, name: true, locale: true } }),
    tx.notificationPreference.findMany({ where: { userId: { in: userIds }, kind: { in: kinds } }, select: { userId: true, kind: true, channel: true } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const choices = new Map<string, Map<string, NotificationChannel>>();
  for (const c of chosen) {
    const mine = choices.get(c.userId) ?? new Map<string, NotificationChannel>();
    mine.set(c.kind, c.channel);
    choices.set(c.userId, mine);
  }
  const rows = drafts
    .filter((d) => userById.has(d.userId))
    .map((d) => ({
      userId: d.userId,
      kind: d.kind,
      institutionId: d.institutionId,
      cycleId: d.cycleId,
      assessmentId: d.assessmentId,
      link: d.link,
      params: d.params,
      dedupeKey: d.dedupeKey ?? null,
      channel: channelFor(d.kind, choices.get(d.userId) ?? new Map()),
    }));
  if (rows.length === 0) return 0;
  // ON CONFLICT ("userId", "dedupeKey") DO NOTHING: a reminder scanned twice (two instances, a
  // restart) is written once, and only the written rows go on to the outbox.
  const written = await tx.notification.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, userId: true, kind: true, params: true, link: true, channel: true },
  });
  const emails = written
    .filter((n) => n.channel === "EMAIL")
    .map((n) => {
      const user = userById.get(n.userId)!;
      const email = renderEmail(user.locale, user.name, { kind: n.kind as NotificationKind, params: n.params as NotificationParams, link: n.link });
      return {
        userId: user.id,
        notificationId: n.id,
        kind: n.kind,
        toAddress: user.email,
        locale: user.locale,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
      };
    });
  if (emails.length > 0) {
    const outbox = await tx.outboxMessage.createManyAndReturn({ data: emails, select: { id: true } });
    await queueDeliveries(
      tx,
      outbox.map((o) => o.id),
    );
  }
  return written.length;
}
