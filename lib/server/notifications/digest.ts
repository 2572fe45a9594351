import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications/events";
import { db } from "../db/client";
import { queueDeliveries } from "./queue";
import { type NotificationParams, renderDigest } from "./templates";

/**
 * Writes each user's daily digest: every notification they chose to get as a digest and no digest
 * has taken yet, in one e-mail, queued for delivery. Taking a notification and writing its digest
 * are one transaction per user (UPDATE … WHERE "digestedAt" IS NULL), so two runs never put a
 * notification in two digests. Returns the digests written.
 */
export async function writeDigests(now: Date = new Date()): Promise<number> {
  const users = await db.notification.findMany({ where: { channel: "DIGEST", digestedAt: null }, distinct: ["userId"], select: { userId: true } });
  let digests = 0;
  for (const { userId } of users) {
    const wrote = await db.$transaction(async (tx) => {
      const taken = await tx.notification.updateManyAndReturn({
        where: { userId, channel: "DIGEST", digestedAt: null },
        data: { digestedAt: now },
        select: { kind: true, params: true, link: true, createdAt: true },
      });
      const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true, isActive: true } });
      if (taken.length === 0 || !user?.isActive) return false;
      taken.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const email = renderDigest(
        user.locale,
        user.name,
        taken.map((n) => ({ kind: n.kind as NotificationKind, params: n.params as NotificationParams, link: n.link })),
      );
      const message = await tx.outboxMessage.create({
        data: { userId, kind: "digest", toAddress: user.email, locale: user.locale, subject: email.subject, textBody: email.text, htmlBody: email.html },
        select: { id: true },
      });
      await queueDeliveries(tx, [message.id]);
      return true;
    });
    if (wrote) digests += 1;
  }
  return digests;
}
