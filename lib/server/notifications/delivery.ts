import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { db } from "../db/client";

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
  const transport = nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    from: env.MAIL_FROM,
    mailer: {
      send: async (message) => {
        await transport.sendMail({ ...message, headers: { "Auto-Submitted": "auto-generated" } });
      },
    },
  };
}

export type DeliveryOutcome = "SENT" | "KEPT" | "SKIPPED";

/**
 * Delivers one outbox message, once: a message already SENT is left alone (a job run twice, or a
 * resend racing a retry). Without SMTP the message is KEPT. A failed attempt records its error
 * and status (RETRYING, or FAILED on the last attempt) and throws, so the queue retries it with
 * backoff: nothing is lost while the SMTP server is down.
 */
export async function deliverOutboxMessage(
  outboxId: string,
  attempt: { number: number; max: number },
  transport: { mailer: Mailer; from: string } | null,
): Promise<DeliveryOutcome> {
  const message = await db.outboxMessage.findUnique({ where: { id: outboxId } });
  if (!message || message.status === "SENT") return "SKIPPED";
  if (!transport) {
    await db.outboxMessage.update({ where: { id: outboxId }, data: { status: "KEPT", lastAttemptAt: new Date() } });
    return "KEPT";
  }
  try {
    await transport.mailer.send({
      from: transport.from,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      // One Message-ID per outbox row: a receiving server can tell a repeat of the same message.
      messageId: `<${message.id}@pekppp.portal>`,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.outboxMessage.update({
      where: { id: outboxId },
      data: {
        status: attempt.number >= attempt.max ? "FAILED" : "RETRYING",
        attempts: { increment: 1 },
        lastError: reason.slice(0, 2_000),
        lastAttemptAt: new Date(),
      },
    });
    throw error;
  }
  await db.outboxMessage.update({
    where: { id: outboxId },
    data: { status: "SENT", attempts: { increment: 1 }, sentAt: new Date(), lastAttemptAt: new Date() },
  });
  return "SENT";
}
