import "server-only";
import type { NotificationEvent } from "@/lib/domain/notifications/events";
import { AUDIENCE, commentRecipients, notificationLink } from "@/lib/domain/notifications/recipients";
import type { Role } from "@/lib/domain/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationParams } from "./templates";
import { type NotificationDraft, writeNotifications } from "./write";

export type { NotificationEvent } from "@/lib/domain/notifications/events";

type Tx = Prisma.TransactionClient;

/**
 * Writes the notifications of one event inside the caller's transaction: they exist if and only
 * if the change that causes them commits. Recipients follow the policy scopes
 * (lib/domain/notifications/recipients.ts): the institution's evaluators and heads, the verifiers
 * assigned to it in the cycle, every head; the actor never notifies themselves. E-mail for those
 * who want it at once is rendered into the outbox and its delivery queued in the same transaction
 * (lib/server/notifications/write.ts); the worker sends it. Returns the notifications written.
 */
export async function emitNotification(tx: Tx, event: NotificationEvent): Promise<number> {
  const drafts = await draftsFor(tx, event);
  return writeNotifications(tx, drafts);
}

const excerpt = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** An assessment as a notification shows it, with what its scope needs. */
async function assessmentFacts(tx: Tx, assessmentId: string) {
  return tx.assessment.findUnique({
    where: { id: assessmentId },
    select: {
      id: true,
      cycleId: true,
      cycle: { select: { name: true } },
      locus: { select: { name: true, institutionId: true, institution: { select: { name: true } } } },
    },
  });
}

/** Active users of institutions, by role. */
async function institutionUsers(tx: Tx, institutionIds: readonly string[], roles: readonly Role[]) {
  if (institutionIds.length === 0) return [];
  return tx.user.findMany({
    where: { institutionId: { in: [...institutionIds] }, role: { in: [...roles] }, isActive: true },
    select: { id: true, role: true, institutionId: true },
  });
}

async function draftsFor(tx: Tx, event: NotificationEvent): Promise<NotificationDraft[]> {
  switch (event.kind) {
    case "assessment.submitted": {
      const a = await assessmentFacts(tx, event.assessmentId);
      if (!a) return [];
      const verifiers = await tx.verifierAssignment.findMany({
        where: { cycleId: a.cycleId, institutionId: a.locus.institutionId, verifier: { isActive: true } },
        select: { verifierId: true },
      });
      return verifiers.map((v) => ({
        userId: v.verifierId,
        kind: event.kind,
        institutionId: a.locus.institutionId,
        cycleId: a.cycleId,
        assessmentId: a.id,
        link: notificationLink(event.kind, "VERIFIER", { assessmentId: a.id }),
        params: { locus: a.locus.name, institution: a.locus.institution.name, cycle: a.cycle.name },
      }));
    }
    case "assessment.returned":
    case "assessment.approved":
    case "survey.minimumReached":
    case "correction.published":
    case "signOff.awaitingHead": {
      const a = await assessmentFacts(tx, event.assessmentId);
      if (!a) return [];
      const audience = AUDIENCE[event.kind];
      const roles = audience.scope === "institution" ? audience.roles : [];
      const users = await institutionUsers(tx, [a.locus.institutionId], roles);
      const params: NotificationParams = { locus: a.locus.name, institution: a.locus.institution.name, cycle: a.cycle.name };
      if (event.kind === "assessment.returned") params.count = event.indicatorCodes.length;
      if (event.kind === "survey.minimumReached") params.respondents = event.respondents;
      if (event.kind === "signOff.awaitingHead") params.code = event.code;
      const indicatorCode = event.kind === "assessment.returned" ? event.indicatorCodes[0] : null;
      return users
        .filter((u) => !("actorId" in event) || u.id !== event.actorId)
        .map((u) => ({
          userId: u.id,
          kind: event.kind,
          institutionId: a.locus.institutionId,
          cycleId: a.cycleId,
          assessmentId: a.id,
          link: notificationLink(event.kind, u.role, { assessmentId: a.id, indicatorCode }),
          params,
          // The F-03 minimum is reached once per locus, however many responses race past it.
          dedupeKey: event.kind === "survey.minimumReached" ? `survey-minimum:${a.id}` : null,
        }));
    }
    case "assessment.finalised": {
      if (event.assessmentIds.length === 0) return [];
      const [cycle, assessments] = await Promise.all([
        tx.cycle.findUnique({ where: { id: event.cycleId }, select: { name: true } }),
        tx.assessment.findMany({
          where: { id: { in: event.assessmentIds }, cycleId: event.cycleId },
          select: { locus: { select: { institutionId: true, institution: { select: { name: true } } } } },
        }),
      ]);
      const perInstitution = new Map<string, { name: string; count: number }>();
      for (const a of assessments) {
        const entry = perInstitution.get(a.locus.institutionId) ?? { name: a.locus.institution.name, count: 0 };
        entry.count += 1;
        perInstitution.set(a.locus.institutionId, entry);
      }
      const users = await institutionUsers(tx, [...perInstitution.keys()], ["EVALUATOR", "HEAD"]);
      return users.map((u) => {
        const inst = perInstitution.get(u.institutionId!)!;
        return {
          userId: u.id,
          kind: event.kind,
          institutionId: u.institutionId,
          cycleId: event.cycleId,
          assessmentId: null,
          link: notificationLink(event.kind, u.role, {}),
          params: { institution: inst.name, count: inst.count, cycle: cycle?.name ?? "" },
        };
      });
    }
    case "recommendation.written": {
      const r = await tx.recommendation.findUnique({ where: { id: event.recommendationId }, select: { id: true, text: true, assessmentId: true } });
      if (!r) return [];
      return unitDrafts(tx, event.kind, r.assessmentId, r.id, { excerpt: excerpt(r.text) });
    }
    case "followUp.accepted":
    case "followUp.moreRequested": {
      const f = await tx.followUpAction.findUnique({
        where: { id: event.followUpActionId },
        select: { reviewNote: true, recommendation: { select: { id: true, assessmentId: true } } },
      });
      if (!f) return [];
      return unitDrafts(tx, event.kind, f.recommendation.assessmentId, f.recommendation.id, { note: excerpt(f.reviewNote) });
    }
    case "results.published":
      return publishedDrafts(tx, event.cycleId);
    case "appeal.filed":
    case "appeal.decided":
      return appealDrafts(tx, event);
    case "comment.posted":
      return commentDrafts(tx, event);
  }
}

/**
 * An appeal (docs/domain.md §3.11): filed, to every active admin (who assign its reviewer), at the
 * cycle's appeals list; decided, to the unit's evaluators, at the locus. The actor is never told.
 */
async function appealDrafts(tx: Tx, event: Extract<NotificationEvent, { kind: "appeal.filed" | "appeal.decided" }>): Promise<NotificationDraft[]> {
  const appeal = await tx.appeal.findUnique({
    where: { id: event.appealId },
    select: { status: true, assessmentId: true, indicator: { select: { code: true } } },
  });
  if (!appeal) return [];
  const a = await assessmentFacts(tx, appeal.assessmentId);
  if (!a) return [];
  const users =
    event.kind === "appeal.filed"
      ? await tx.user.findMany({ where: { role: "ADMIN", isActive: true }, select: { id: true, role: true } })
      : await institutionUsers(tx, [a.locus.institutionId], ["EVALUATOR"]);
  const params: NotificationParams = {
    locus: a.locus.name,
    institution: a.locus.institution.name,
    cycle: a.cycle.name,
    indicator: appeal.indicator.code,
    outcome: appeal.status,
  };
  return users
    .filter((u) => u.id !== event.actorId)
    .map((u) => ({
      userId: u.id,
      kind: event.kind,
      institutionId: a.locus.institutionId,
      cycleId: a.cycleId,
      assessmentId: a.id,
      link: notificationLink(event.kind, u.role, { assessmentId: a.id, cycleId: a.cycleId }),
      params,
    }));
}

/** A verifier's recommendation or review: the unit's evaluators, at the recommendation. */
async function unitDrafts(
  tx: Tx,
  kind: "recommendation.written" | "followUp.accepted" | "followUp.moreRequested",
  assessmentId: string,
  recommendationId: string,
  extra: NotificationParams,
): Promise<NotificationDraft[]> {
  const a = await assessmentFacts(tx, assessmentId);
  if (!a) return [];
  const users = await institutionUsers(tx, [a.locus.institutionId], ["EVALUATOR"]);
  return users.map((u) => ({
    userId: u.id,
    kind,
    institutionId: a.locus.institutionId,
    cycleId: a.cycleId,
    assessmentId: a.id,
    link: notificationLink(kind, u.role, { recommendationId }),
    params: { locus: a.locus.name, institution: a.locus.institution.name, cycle: a.cycle.name, ...extra },
  }));
}

/** Publication: every head of an institution with a locus in the cycle, with its own index and grade. */
async function publishedDrafts(tx: Tx, cycleId: string): Promise<NotificationDraft[]> {
  const heads = await tx.$queryRaw<{ id: string; institutionId: string; institution: string; index: string | null; grade: string | null }[]>`
    SELECT u.id, u."institutionId", i.name AS institution, r."indexPublished"::text AS index, r.grade
    FROM "User" u
    JOIN "Institution" i ON i.id = u."institutionId"
    LEFT JOIN "InstitutionResult" r ON r."institutionId" = i.id AND r."cycleId" = ${cycleId}::uuid AND r.kind = 'VERIFIED'
    WHERE u.role = 'HEAD' AND u."isActive"
      AND EXISTS (SELECT 1 FROM "Locus" l JOIN "Assessment" a ON a."locusId" = l.id WHERE l."institutionId" = i.id AND a."cycleId" = ${cycleId}::uuid)`;
  const cycle = await tx.cycle.findUnique({ where: { id: cycleId }, select: { name: true } });
  return heads.map((h) => ({
    userId: h.id,
    kind: "results.published" as const,
    institutionId: h.institutionId,
    cycleId,
    assessmentId: null,
    link: notificationLink("results.published", "HEAD", {}),
    params: { cycle: cycle?.name ?? "", institution: h.institution, hasIndex: h.index ? "yes" : "no", index: h.index ?? "", grade: h.grade ?? "" },
    // Publishing, unpublishing and publishing again tells each head once.
    dedupeKey: `published:${cycleId}`,
  }));
}

/**
 * A comment: the thread's participants and the mentioned users, only those who may read the
 * thread (the institution's evaluators and heads, the verifiers assigned in the cycle, admins).
 */
async function commentDrafts(tx: Tx, event: Extract<NotificationEvent, { kind: "comment.posted" }>): Promise<NotificationDraft[]> {
  const a = await assessmentFacts(tx, event.assessmentId);
  if (!a) return [];
  const ids = [...new Set([...event.participantIds, ...event.mentionedUserIds])].filter((id) => id !== event.authorId);
  if (ids.length === 0) return [];
  const [users, assigned, author, comment] = await Promise.all([
    tx.user.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, role: true, institutionId: true } }),
    tx.verifierAssignment.findMany({
      where: { cycleId: a.cycleId, institutionId: a.locus.institutionId, verifierId: { in: ids } },
      select: { verifierId: true },
    }),
    tx.user.findUnique({ where: { id: event.authorId }, select: { name: true } }),
    tx.indicatorComment.findUnique({ where: { id: event.commentId }, select: { body: true } }),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const assignedIds = new Set(assigned.map((v) => v.verifierId));
  const inScope = (id: string) => {
    const u = byId.get(id);
    if (!u) return false;
    if (u.role === "ADMIN") return true;
    if (u.role === "VERIFIER") return assignedIds.has(id);
    return u.institutionId === a.locus.institutionId;
  };
  const params = {
    locus: a.locus.name,
    institution: a.locus.institution.name,
    cycle: a.cycle.name,
    indicator: event.indicatorCode,
    author: author?.name ?? "",
    excerpt: excerpt(comment?.body ?? ""),
  };
  return [...commentRecipients(event, inScope)].map(([userId, kind]) => ({
    userId,
    kind,
    institutionId: a.locus.institutionId,
    cycleId: a.cycleId,
    assessmentId: a.id,
    link: notificationLink(kind, byId.get(userId)!.role, { assessmentId: a.id, indicatorCode: event.indicatorCode }),
    params,
    dedupeKey: `comment:${event.commentId}`,
  }));
}
