import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditRow {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actorId: string;
  actorLabel: string;
  ipAddress: string | null;
  userAgent: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Many audit records in one statement (an import or a bulk assignment writes hundreds), in the
 * given order, inside the caller's transaction so they commit or roll back with the change.
 */
export async function insertAuditRows(tx: Prisma.TransactionClient, context: AuditContext, rows: readonly AuditRow[]) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("actorId", "actorLabel", action, "entityType", "entityId", before, after, "ipAddress", "userAgent")
    SELECT ${context.actorId}::uuid, ${context.actorLabel}, action, type, entity, before::jsonb, after::jsonb, ${context.ipAddress}, ${context.userAgent}
    FROM unnest(${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityId)}::text[],
                ${rows.map((r) => json(r.before))}::text[], ${rows.map((r) => json(r.after))}::text[]) WITH ORDINALITY AS x(action, type, entity, before, after, n)
    ORDER BY n`;
}

