import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TAuditSearch } from "@/lib/schemas/audit";
import { historyVisibility, visibleHistoryEvent } from "@/lib/domain/workflow/visibility";
import { db } from "../db/client";

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

const eventFields = {
  id: true,
  occurredAt: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  ipAddress: true,
  userAgent: true,
  actor: { select: { name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

/** Admins search the whole trail by actor, entity, action and date (dates are whole days, UTC+7 not applied). */
export async function searchAuditEvents(actor: Actor, filter: TAuditSearch) {
  if (!can(actor, "audit.search")) return { events: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.actor
      ? { OR: [{ actorLabel: { contains: filter.actor, mode: "insensitive" } }, { actor: { name: { contains: filter.actor, mode: "insensitive" } } }] }
      : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.from || filter.to
      ? {
          occurredAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
  };
  const [events, total] = await db.$transaction([
    db.auditEvent.findMany({ where, select: eventFields, orderBy: { id: "desc" }, skip: (filter.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditEvent.count({ where }),
  ]);
  return { events, total, page: filter.page, pageSize: PAGE_SIZE };
}

/** The distinct actions and entity types, for the search form's choices. */
export async function auditFacets(actor: Actor) {
  if (!can(actor, "audit.search")) return { actions: [], entityTypes: [] };
  const [actions, entityTypes] = await Promise.all([
    // groupBy is a SQL GROUP BY; findMany({ distinct }) would read every audit row and dedupe in memory.
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: entityTypes.map((e) => e.entityType) };
}

/**
 * Audit records of one locus as the viewer may read them (historyVisibility of lib/domain/workflow,
 * by the viewer's role and the locus's status now): the records it may not read are left out in
 * the query itself (so `take` counts only readable ones), and other people's address and user
 * agent are removed. Empty when the locus does not exist.
 */
async function listVisibleHistory(viewer: Actor, assessmentId: string, where: Prisma.AuditEventWhereInput, take: number) {
  const assessment = await db.assessment.findUnique({ where: { id: assessmentId }, select: { status: true } });
  if (!assessment) return [];
  const visibility = historyVisibility(viewer.role, assessment.status);
  const events = await db.auditEvent.findMany({
    where: { AND: [{ assessmentId }, where, ...visibility.hiddenActionPrefixes.map((prefix) => ({ NOT: { action: { startsWith: prefix } } }))] },
    select: { ...eventFields, actorId: true },
    orderBy: { id: "desc" },
    take,
  });
  return events.flatMap((event) => visibleHistoryEvent(visibility, viewer.id, event) ?? []);
}

/** A locus's own history, newest first, as the viewer may read it; the caller has already found the viewer in scope for it. */
export function listAssessmentHistory(viewer: Actor, assessmentId: string, take = 100) {
  return listVisibleHistory(viewer, assessmentId, {}, take);
}

/**
 * The history of some records of a locus (e.g. one recommendation and its follow-up), newest
 * first, as the viewer may read it; the caller has checked the scope.
 */
export function listEntityHistory(viewer: Actor, assessmentId: string, entityIds: string[], take = 200) {
  return listVisibleHistory(viewer, assessmentId, { entityId: { in: entityIds } }, take);
}
