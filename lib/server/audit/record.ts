import "server-only";
import { headers } from "next/headers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestClient } from "../http/request-client";

/**
 * The audit trail (table AuditEvent, append-only) is written through `audit` only. The one
 * exception is the self-assessment autosave (lib/server/assessment/self-assessment.ts), whose
 * answer and audit row are one SQL statement for speed; it writes the same columns, with the
 * origin from `requestOrigin`.
 */

/**
 * Who acted. An account: its id, and its e-mail as the label (kept even if the account is later
 * renamed). `{ id: null, email }`: nobody signed in, under a label (the address typed at a
 * refused sign-in). `null`: the system, no id and an empty label.
 */
export type AuditActor = { readonly id: string | null; readonly email: string } | null;

/** One audit record: what happened to which entity, with the entity as it was before and after. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The assessment a change belongs to, so a locus can show its own history. */
  assessmentId?: string | null;
  before?: AuditPayload;
  after?: AuditPayload;
}

/**
 * A before/after payload: anything JSON.stringify writes as JSON, stored as jsonb. Wider than
 * Prisma's InputJsonValue, which refuses interface-typed objects (no index signature). Leave it
 * out for SQL NULL.
 */
export type AuditPayload = string | number | boolean | object;

/** The database the records go to: the caller's transaction, or `db` for a lone record. */
export type AuditWriter = Pick<Prisma.TransactionClient, "$executeRaw">;

export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * Address and user agent of the current request, for the audit record and the per-address limits
 * (sign-in, F-03 survey). The address is the connection's, or behind TRUSTED_PROXY_HOPS trusted
 * proxies the one they forwarded (`requestClient`, lib/server/http/client-address.ts): never a
 * value the client wrote into X-Forwarded-For. Outside a request (a script, a test) there are no
 * headers: both are then null.
 */
export async function requestOrigin(): Promise<RequestOrigin> {
  let h: Awaited<ReturnType<typeof headers>>;
  try {
    h = await headers();
  } catch {
    return { ipAddress: null, userAgent: null };
  }
  return { ipAddress: requestClient(h).address, userAgent: h.get("user-agent") };
}

const json = (value: AuditPayload | undefined) => (value === undefined ? null : JSON.stringify(value));

/**
 * Appends audit records: one entry, or many in the given order (an import or a bulk assignment
 * writes hundreds), always in ONE statement, with the actor and the request origin (read here,
 * once) shared by every row. `writer` is required: pass the transaction of the change so that the
 * records commit or roll back with it. An empty list writes nothing.
 */
export async function audit(writer: AuditWriter, actor: AuditActor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (rows.length === 0) return;
  const origin = await requestOrigin();
  await writer.$executeRaw`
    INSERT INTO "AuditEvent" ("actorId", "actorLabel", action, "entityType", "entityId", "assessmentId", before, after, "ipAddress", "userAgent")
    SELECT ${actor?.id ?? null}::uuid, ${actor?.email ?? ""}, action, type, entity, assessment, before::jsonb, after::jsonb, ${origin.ipAddress}, ${origin.userAgent}
    FROM unnest(${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityId ?? null)}::text[],
                ${rows.map((r) => r.assessmentId ?? null)}::uuid[], ${rows.map((r) => json(r.before))}::text[], ${rows.map((r) => json(r.after))}::text[])
      WITH ORDINALITY AS x(action, type, entity, assessment, before, after, n)
    ORDER BY n`;
}
