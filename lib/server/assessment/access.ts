import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { isSelfAssessmentEditable, selfAssessmentWindow, type AssessmentStatus, type StageWindow } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";
import { assessmentScope } from "./queries";
import { assertStageOpen } from "../cycle/stage-gate";

type Reader = Pick<Prisma.TransactionClient, "assessment" | "$executeRaw">;

/**
 * The assessment an evaluator is about to change (an answer, an evidence item, a submission), if
 * it may be changed now. Refuses, with a message the user can act on:
 * - outside the actor's scope: "not found" (the same as a record that does not exist);
 * - not with the unit (submitted, in review, verified, final): "locked";
 * - outside the self-assessment stage dates and not reopened by an admin: the dates.
 * Call it inside the transaction that makes the change.
 */
export async function loadEditableAssessment(reader: Reader, actor: Actor, assessmentId: string, now = new Date()) {
  // A shared row lock: saves run side by side, but a submission (which updates the row) waits for
  // them, and a save arriving after a submission reads the new status and is refused.
  await reader.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR SHARE`;
  const assessment = await reader.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "selfAssessment.edit")] },
    select: {
      id: true,
      status: true,
      cycleId: true,
      round: true,
      version: true,
      reopenedUntil: true,
      locus: { select: { institutionId: true, name: true } },
      cycle: {
        select: {
          instrumentVersionId: true,
          evidenceRequiredAboveZero: true,
          stages: { where: { kind: "SELF_ASSESSMENT" }, select: { startsAt: true, endsAt: true } },
        },
      },
    },
  });
  if (!assessment) throw new ActionError("errors.notFound");
  assertEditable(assessment.status, assessment.cycle.stages[0] ?? null, assessment.reopenedUntil, now);
  return assessment;
}

/** Refuses a change to a locus that is not with the unit, or outside its stage dates (with the dates). */
export function assertEditable(status: AssessmentStatus, stage: StageWindow | null, reopenedUntil: Date | null, now = new Date()) {
  if (!isSelfAssessmentEditable(status)) throw new ActionError("selfAssessment.locked", { status });
  assertStageOpen(selfAssessmentWindow(stage, reopenedUntil, now), {
    noStage: "selfAssessment.noStage",
    notStarted: "selfAssessment.notStarted",
    ended: "selfAssessment.ended",
  });
}
