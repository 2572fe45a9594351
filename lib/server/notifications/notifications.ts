import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/domain/notifications/events";
import { DEFAULT_CHANNEL, type NotificationChannel } from "@/lib/domain/notifications/preferences";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TNotificationListFilter, TNotificationPreferences, TOutboxFilter } from "@/lib/schemas/notifications";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { ActionError } from "../errors";
import { queueRetry } from "./queue";
import { type NotificationParams, notificationText, withPortalOrigin } from "./templates";

type Reader = Actor & { email: string };

/**
 * A user's notifications that are still in their scope (docs/domain.md §2): their own rows, and of
 * those only the ones whose institution they still reach — an evaluator or head its own
 * institution, a verifier the institutions assigned to it in that cycle — so a notification never
 * shows another institution's data, even after a move or an unassignment. As SQL, for counts and
 * lists alike; anything else is "not found".
 */
function scopeSql(actor: Actor): Prisma.Sql {
  const own = Prisma.sql`n."userId" = ${actor.id}::uuid`;
  switch (actor.role) {
    case "ADMIN":
      return own;
    case "EVALUATOR":
    case "HEAD":
      return actor.institutionId
        ? Prisma.sql`${own} AND (n."institutionId" IS NULL OR n."institutionId" = ${actor.institutionId}::uuid)`
        : Prisma.sql`${own} AND n."institutionId" IS NULL`;
    case "VERIFIER":
      return Prisma.sql`${own} AND (n."institutionId" IS NULL OR EXISTS (
        SELECT 1 FROM "VerifierAssignment" v WHERE v."verifierId" = ${actor.id}::uuid AND v."cycleId" = n."cycleId" AND v."institutionId" = n."institutionId"))`;
    default:
      return Prisma.sql`FALSE`;
  }
}

const allowed = (actor: Actor, key: "notifications.view" | "notifications.markRead" | "notifications.preferences") => can(actor, key, { userId: actor.id });

/** The bell's number: unread notifications in scope. */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
  if (!allowed(actor, "notifications.view")) return 0;
  // Every signed-in page's header asks: a plain statement rather than Prisma's (issue 17).
  const count = Prisma.sql`SELECT count(*)::int AS n FROM "Notification" n WHERE ${scopeSql(actor)} AND n."readAt" IS NULL`;
  const { rows } = await pgPool.query<{ n: number }>(count.text, count.values);
  return rows[0]?.n ?? 0;
}

/** One notification as the list shows it, in the reader's language. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  text: string;
  link: string;
  createdAt: string;
  read: boolean;
  /** The cycle it is about (issue 16: a user may take part in several at once); null for none. */
  cycleName: string | null;
}

export const NOTIFICATION_PAGE_SIZE = 20;

/** The list page: unread or all, newest first, in pages. */
export async function listNotifications(actor: Actor, filter: TNotificationListFilter, locale: string) {
  if (!allowed(actor, "notifications.view")) throw new ActionError("errors.notFound");
  const unread = filter.show === "unread" ? Prisma.sql`AND n."readAt" IS NULL` : Prisma.empty;
  const offset = (filter.page - 1) * NOTIFICATION_PAGE_SIZE;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<{ id: string; kind: string; params: NotificationParams; link: string; createdAt: Date; readAt: Date | null; cycleName: string | null }[]>`
      SELECT n.id, n.kind, n.params, n.link, n."createdAt", n."readAt", c.name AS "cycleName" FROM "Notification" n
      LEFT JOIN "Cycle" c ON c.id = n."cycleId"
      WHERE ${scopeSql(actor)} ${unread} ORDER BY n."createdAt" DESC, n.id LIMIT ${NOTIFICATION_PAGE_SIZE} OFFSET ${offset}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Notification" n WHERE ${scopeSql(actor)} ${unread}`,
  ]);
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    ...notificationText(locale, r.kind as NotificationKind, r.params),
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
    cycleName: r.cycleName,
  }));
  return { items, total: count?.n ?? 0, page: filter.page, pageSize: NOTIFICATION_PAGE_SIZE };
}

/**
 * Marks some of one's notifications read. Ids outside the reader's scope (another user's, another
 * institution's) change nothing: when none of them is the reader's, the answer is "not found".
 */
export async function markNotificationsRead(actor: Actor, ids: readonly string[], now = new Date()) {
  if (!allowed(actor, "notifications.markRead")) throw new ActionError("errors.notFound");
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification" n SET "readAt" = COALESCE(n."readAt", ${now})
    WHERE n.id = ANY(${ids}::uuid[]) AND ${scopeSql(actor)} RETURNING n.id`;
  if (rows.length === 0) throw new ActionError("errors.notFound");
  return { marked: rows.length };
}

/** Marks every unread notification in scope read. */
export async function markAllNotificationsRead(actor: Actor, now = new Date()) {
  if (!allowed(actor, "notifications.markRead")) throw new ActionError("errors.notFound");
  const marked = await db.$executeRaw`UPDATE "Notification" n SET "readAt" = ${now} WHERE ${scopeSql(actor)} AND n."readAt" IS NULL`;
  return { marked };
}

/** Opens a notification: marks it read and gives its link; "not found" outside the reader's scope. */
export async function openNotification(actor: Actor, id: string, now = new Date()) {
  if (!allowed(actor, "notifications.view")) throw new ActionError("errors.notFound");
  const [row] = await db.$queryRaw<{ link: string }[]>`
    UPDATE "Notification" n SET "readAt" = COALESCE(n."readAt", ${now}) WHERE n.id = ${id}::uuid AND ${scopeSql(actor)} RETURNING n.link`;
  if (!row) throw new ActionError("errors.notFound");
  return { link: row.link };
}

/** The reader's channel for every kind (the default where they made no choice). */
export async function notificationPreferences(actor: Actor): Promise<{ kind: NotificationKind; channel: NotificationChannel }[]> {
  if (!allowed(actor, "notifications.preferences")) throw new ActionError("errors.notFound");
  const chosen = await db.notificationPreference.findMany({ where: { userId: actor.id }, select: { kind: true, channel: true } });
  const byKind = new Map(chosen.map((c) => [c.kind, c.channel]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, channel: byKind.get(kind) ?? DEFAULT_CHANNEL }));
}

/** Saves the reader's channels; only the changed ones are written and audited (before and after). */
export async function saveNotificationPreferences(actor: Reader, input: TNotificationPreferences) {
  if (!allowed(actor, "notifications.preferences")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const current = await tx.notificationPreference.findMany({ where: { userId: actor.id }, select: { kind: true, channel: true } });
    const before = new Map(current.map((c) => [c.kind, c.channel]));
    const changed = input.preferences.filter((p) => (before.get(p.kind) ?? DEFAULT_CHANNEL) !== p.channel);
    for (const p of changed) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.id, kind: p.kind } },
        create: { userId: actor.id, kind: p.kind, channel: p.channel },
        update: { channel: p.channel },
      });
    }
    if (changed.length > 0) {
      await audit(tx, actor, {
        action: "notification.preferences",
        entityType: "User",
        entityId: actor.id,
        before: Object.fromEntries(changed.map((p) => [p.kind, before.get(p.kind) ?? DEFAULT_CHANNEL])),
        after: Object.fromEntries(changed.map((p) => [p.kind, p.channel])),
      });
    }
    return { changed: changed.length };
  });
}

export const OUTBOX_PAGE_SIZE = 50;

/** The admins' outbox: every message, newest first, with its status, attempts and last error. */
export async function listOutbox(actor: Actor, filter: TOutboxFilter) {
  if (!can(actor, "outbox.view")) throw new ActionError("errors.notFound");
  const where = filter.status ? { status: filter.status } : {};
  const [messages, total, byStatus] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        toAddress: true,
        subject: true,
        textBody: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
    }),
    db.outboxMessage.count({ where }),
    db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    messages: messages.map((m) => ({
      ...m,
      textBody: withPortalOrigin(m.textBody),
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
    total,
    page: filter.page,
    pageSize: OUTBOX_PAGE_SIZE,
    counts: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Partial<Record<string, number>>,
  };
}

/**
 * An admin sends a message again: one that failed for good, one kept while no SMTP server was
 * configured, or one still retrying (sooner). A sent or queued one is refused. Audited.
 */
export async function resendOutboxMessage(actor: Reader, id: string) {
  if (!can(actor, "outbox.resend")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const [message] = await tx.$queryRaw<{ id: string; status: string; attempts: number }[]>`
      SELECT id, status::text, attempts FROM "OutboxMessage" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!message) throw new ActionError("errors.notFound");
    if (message.status === "SENT" || message.status === "QUEUED") throw new ActionError("notifications.outbox.notResendable");
    await tx.outboxMessage.update({ where: { id }, data: { status: "QUEUED" } });
    await queueRetry(tx, id, 0);
    await audit(tx, actor, {
      action: "outbox.resend",
      entityType: "OutboxMessage",
      entityId: id,
      before: { status: message.status, attempts: message.attempts },
      after: { status: "QUEUED" },
    });
    return { status: "QUEUED" as const };
  });
}
