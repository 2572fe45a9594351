import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { afterFailure } from "@/lib/domain/notifications/delivery";
import { db } from "../db/client";
import { queueRetry } from "./queue";
import { withPortalOrigin } from "./templates";

/** What sends one e-mail; nodemailer over SMTP in the portal, anything in a test. */
export interface Mailer {
  send(message: { from: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<void>;
}

/** Whether e-mail goes out over SMTP (both SMTP_URL and MAIL_FROM set), or stays in the outbox. */
export const smtpConfigured = () => Boolean(env.SMTP_URL && env.MAIL_FROM);

/**
 * The portal's mailer: nodemailer over SMTP_URL, from MAIL_FROM; null when they are not set (the
 * quick start), and the outbox then keeps every message for admins to read (/admin/outbox).
 */
export function smtpMailer(): { mailer: Mailer; from: string } | null {
  if (!env.SMTP_URL || !env.MAIL_FROM) return null;
  // A server that does not answer fails this attempt quickly; the queue retries it with backoff.
  // Pooled: a batch goes out over a few open connections, not one connection per message.
  const transport = nodemailer.createTransport({
    url: env.SMTP_URL,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    from: env.MAIL_FROM,
    mailer: {
      send: async (message) => {
        await transport.sendMail({ ...message, headers: { "Auto-Submitted": "auto-generated" } });
      },
    },
  };
}

export interface DeliveryCounts {
  sent: number;
  kept: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/**
 * Delivers a batch of outbox messages, each once: a message already SENT is skipped (a job run
 * twice, a resend racing a retry). Without SMTP they are KEPT, in one statement. With SMTP each is
 * sent in turn; a refused one records its attempt and error and is RETRYING with its own retry job
 * after the backoff (`afterFailure`, lib/domain/notifications/delivery.ts), or FAILED after the
 * last attempt. The others go on: nothing is lost while the SMTP server is down, and one bad
 * address holds up no one else.
 */
export async function deliverOutboxBatch(outboxIds: readonly string[], transport: { mailer: Mailer; from: string } | null): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, kept: 0, retrying: 0, failed: 0, skipped: 0 };
  if (!transport) {
    const kept = await db.outboxMessage.updateMany({
      where: { id: { in: [...outboxIds] }, status: { in: ["QUEUED", "RETRYING"] } },
      data: { status: "KEPT", lastAttemptAt: new Date() },
    });
    counts.kept = kept.count;
    counts.skipped = outboxIds.length - kept.count;
    return counts;
  }
  const messages = await db.outboxMessage.findMany({
    where: { id: { in: [...outboxIds] }, status: { not: "SENT" } },
    select: { id: true, toAddress: true, subject: true, textBody: true, htmlBody: true, attempts: true },
  });
  counts.skipped = outboxIds.length - messages.length;
  for (const message of messages) {
    try {
      await transport.mailer.send({
        from: transport.from,
        to: message.toAddress,
        subject: message.subject,
        text: withPortalOrigin(message.textBody),
        html: withPortalOrigin(message.htmlBody),
        // One Message-ID per outbox row: a receiving server can tell a repeat of the same message.
        messageId: `<${message.id}@pekppp.portal>`,
      });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
      const next = afterFailure(message.attempts + 1);
      await db.$transaction(async (tx) => {
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: { status: next.status, attempts: { increment: 1 }, lastError: reason, lastAttemptAt: new Date() },
        });
        if (next.retryInSeconds !== null) await queueRetry(tx, message.id, next.retryInSeconds);
      });
      counts[next.status === "FAILED" ? "failed" : "retrying"] += 1;
      continue;
    }
    await db.outboxMessage.update({
      where: { id: message.id },
      data: { status: "SENT", attempts: { increment: 1 }, sentAt: new Date(), lastAttemptAt: new Date() },
    });
    counts.sent += 1;
  }
  return counts;
}
