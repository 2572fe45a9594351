import "server-only";
import { headers } from "next/headers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";

type Writer = Pick<typeof db, "auditEvent">;

export interface AuditInput {
  actorId?: string | null;
  actorLabel?: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  assessmentId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * Address and user agent of the current request, for the audit record. Outside a request (a
 * script, a test) there are no headers: both are then null.
 */
export async function requestOrigin(): Promise<RequestOrigin> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return { ipAddress: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
  } catch {
    return { ipAddress: null, userAgent: null };
  }
}

/** Appends one audit record; pass the transaction client to make it part of the same change. */
export async function recordAudit(input: AuditInput, writer: Writer = db) {
  const origin = await requestOrigin();
  await writer.auditEvent.create({
    data: {
      actorId: input.actorId ?? null,
      actorLabel: input.actorLabel ?? "",
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      assessmentId: input.assessmentId ?? null,
      before: input.before,
      after: input.after,
      ...origin,
    },
  });
}

/** One record of a batch written by recordAuditRows; the actor and request origin are shared. */
export interface AuditRow {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Many audit records in one statement (an import or a bulk assignment writes hundreds), in the
 * given order, inside the caller's transaction so they commit or roll back with the change.
 */
export async function recordAuditRows(tx: Prisma.TransactionClient, actor: { id: string; email: string }, rows: readonly AuditRow[]) {
  if (rows.length === 0) return;
  const origin = await requestOrigin();
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("actorId", "actorLabel", action, "entityType", "entityId", before, after, "ipAddress", "userAgent")
    SELECT ${actor.id}::uuid, ${actor.email}, action, type, entity, before::jsonb, after::jsonb, ${origin.ipAddress}, ${origin.userAgent}
    FROM unnest(${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityId)}::text[],
                ${rows.map((r) => json(r.before))}::text[], ${rows.map((r) => json(r.after))}::text[]) WITH ORDINALITY AS x(action, type, entity, before, after, n)
    ORDER BY n`;
}
