import "server-only";
import { headers } from "next/headers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

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

/** Address and user agent of the current request, for the audit record. */
export async function requestOrigin() {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ipAddress: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}

/** Appends one audit record; pass the transaction client to make it part of the same change. */
export async function recordAudit(input: AuditInput, writer: Writer = db) {
  const origin = await requestOrigin().catch(() => ({ ipAddress: null, userAgent: null }));
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
