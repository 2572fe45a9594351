import "server-only";
import { ZEvidenceLink } from "@/lib/domain/evidence/link";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { assessmentScope } from "../assessment/queries";
import { auditView, itemFields, removedAuditView, removedItemFields, storeEvidenceFile, toView } from "../assessment/evidence";
import { loadReportableFollowUp, markFollowUpChanged, type FollowUpActor } from "./follow-ups";

/**
 * Evidence of a follow-up action: the same storage, type checks, size limit and link rules as the
 * self-assessment's evidence (lib/server/data/evidence.ts). Each change sends the action back to
 * the verifier and moves its version on, in the same transaction as the row and its audit record.
 */

/**
 * What the audit trail keeps: the item, the action it belongs to, the recommendation's target, and
 * what the change did to the action (its review back to PENDING, its new version).
 */
function followUpAuditView(row: ChangedFollowUp, item: Prisma.InputJsonObject) {
  return { ...item, followUpActionId: row.id, recommendationId: row.recommendationId, followUpReview: "PENDING", followUpVersion: row.newVersion };
}

type ChangedFollowUp = Awaited<ReturnType<typeof markFollowUpChanged>>;

const targetCode = (row: ChangedFollowUp) => row.recommendation.indicator?.code ?? row.recommendation.aspect?.code ?? "";

export async function addFollowUpFileEvidence(
  actor: FollowUpActor,
  input: { followUpId: string; originalName: string; bytes: Uint8Array },
): Promise<EvidenceItemView> {
  // Refuse early (out of scope, settled, closed) so nothing is stored for a refused caller.
  await db.$transaction((tx) => loadReportableFollowUp(tx, actor, input.followUpId));
  return storeEvidenceFile(`follow-up/${input.followUpId}`, input, (file) =>
    db.$transaction(async (tx) => {
      const row = await markFollowUpChanged(tx, actor, input.followUpId);
      const item = await tx.evidenceItem.create({ data: { kind: "FILE", followUpActionId: row.id, ...file, uploadedById: actor.id }, select: itemFields });
      await audit(tx, actor, {
        action: "followUp.evidenceAddFile",
        entityType: "EvidenceItem",
        entityId: item.id,
        assessmentId: row.recommendation.assessmentId,
        after: followUpAuditView(row, auditView({ kind: "FILE", indicatorCode: targetCode(row), ...file })),
      });
      return toView(item);
    }),
  );
}

export async function addFollowUpLinkEvidence(actor: FollowUpActor, input: { followUpId: string; url: string; title?: string }): Promise<EvidenceItemView> {
  const parsed = ZEvidenceLink.safeParse(input);
  if (!parsed.success) throw new ActionError(parsed.error.issues[0]?.message ?? "validation.invalid");
  const link = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await markFollowUpChanged(tx, actor, input.followUpId);
    const item = await tx.evidenceItem.create({
      data: { kind: "LINK", followUpActionId: row.id, url: link.url, title: link.title, uploadedById: actor.id },
      select: itemFields,
    });
    await audit(tx, actor, {
      action: "followUp.evidenceAddLink",
      entityType: "EvidenceItem",
      entityId: item.id,
      assessmentId: row.recommendation.assessmentId,
      after: followUpAuditView(row, auditView({ kind: "LINK", indicatorCode: targetCode(row), url: link.url, title: link.title })),
    });
    return toView(item);
  });
}

/** Removal is recorded (removedAt), never erased, and audited, as for self-assessment evidence. */
export async function removeFollowUpEvidence(actor: FollowUpActor, evidenceId: string) {
  return db.$transaction(async (tx) => {
    const item = await tx.evidenceItem.findFirst({
      where: { id: evidenceId, removedAt: null, followUpAction: { recommendation: { assessment: assessmentScope(actor, "followUp.report") } } },
      select: removedItemFields,
    });
    if (!item?.followUpActionId) throw new ActionError("errors.notFound");
    const row = await markFollowUpChanged(tx, actor, item.followUpActionId);
    const removed = await tx.evidenceItem.updateMany({ where: { id: item.id, removedAt: null }, data: { removedAt: new Date() } });
    if (removed.count === 0) throw new ActionError("errors.notFound");
    await audit(tx, actor, {
      action: "followUp.evidenceRemove",
      entityType: "EvidenceItem",
      entityId: item.id,
      assessmentId: row.recommendation.assessmentId,
      before: followUpAuditView(row, removedAuditView(item, targetCode(row))),
    });
    return { id: item.id, followUpId: item.followUpActionId, recommendationId: row.recommendationId };
  });
}
