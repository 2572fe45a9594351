import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { stageWindow, transition, type AssessmentStatus } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSendBack } from "@/lib/schemas/validation";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { assertStageOpen } from "../cycle/stage-gate";
import { emitNotification } from "../notifications/emit";
import { recomputeCycleResults } from "../results/recompute";

type Tx = Prisma.TransactionClient;
type Validator = Actor & { email: string };

/**
 * The second tier (docs/domain.md §3.9). A cycle setting (`secondTierEnabled`, for the
 * institution types in `secondTierInstitutionTypes`, by default regencies and cities) makes a
 * first-tier approval await the ministry's validation. Who validates is data: the validators
 * assigned to the institution in the cycle (ValidatorAssignment); the first tier stays the
 * verifiers of VerifierAssignment.
 */
export async function secondTierApplies(tx: Tx, assessmentId: string): Promise<boolean> {
  const row = await tx.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    select: {
      cycle: { select: { secondTierEnabled: true, secondTierInstitutionTypes: true } },
      locus: { select: { institution: { select: { type: true } } } },
    },
  });
  return row.cycle.secondTierEnabled && row.cycle.secondTierInstitutionTypes.includes(row.locus.institution.type);
}

/** The assessments a validator validates: their institution is assigned to it in their cycle. */
export function validatorScope(actor: Actor): Prisma.AssessmentWhereInput {
  if (actor.role !== "VERIFIER") return { id: { in: [] } };
  return { locus: { institution: { validatorAssignments: { some: { validatorId: actor.id } } } } };
}

const validatorTargetFields = {
  cycleId: true,
  locus: { select: { institutionId: true, institution: { select: { validatorAssignments: { select: { cycleId: true, validatorId: true } } } } } },
} satisfies Prisma.AssessmentSelect;

function validatorTargetOf(row: Prisma.AssessmentGetPayload<{ select: typeof validatorTargetFields }>) {
  return {
    institutionId: row.locus.institutionId,
    verifierIds: row.locus.institution.validatorAssignments.filter((a) => a.cycleId === row.cycleId).map((a) => a.validatorId),
  };
}

async function loadForValidator(tx: Tx, actor: Actor, assessmentId: string, now: Date) {
  await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
  const assessment = await tx.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, validatorScope(actor)] },
    select: {
      id: true,
      status: true,
      version: true,
      ...validatorTargetFields,
      cycle: { select: { stages: { where: { kind: "VERIFICATION" }, select: { kind: true, startsAt: true, endsAt: true } } } },
    },
  });
  if (!assessment || !can(actor, "validation.decide", validatorTargetOf(assessment))) throw new ActionError("errors.notFound");
  assertStageOpen(stageWindow(assessment.cycle.stages, "VERIFICATION", now), {
    noStage: "verification.noStage",
    notStarted: "verification.notStarted",
    ended: "verification.ended",
  });
  return assessment;
}

async function move(
  tx: Tx,
  actor: Actor,
  assessment: { id: string; status: AssessmentStatus; version: number },
  action: "VALIDATE" | "SEND_BACK",
  data: Prisma.AssessmentUpdateManyMutationInput = {},
) {
  const step = transition(assessment.status, action, actor.role);
  if (!step.ok) throw new ActionError("verification.wrongStatus", { status: assessment.status });
  const updated = await tx.assessment.updateMany({
    where: { id: assessment.id, version: assessment.version, status: assessment.status },
    data: { ...data, status: step.to, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ActionError("errors.conflict");
  return step;
}

/** The validator accepts the first tier's approval: AWAITING_VALIDATION → VERIFIED. Audited; results recomputed. */
export async function validateAssessment(actor: Validator, assessmentId: string, now = new Date()) {
  const outcome = await db.$transaction(async (tx) => {
    const assessment = await loadForValidator(tx, actor, assessmentId, now);
    const step = await move(tx, actor, assessment, "VALIDATE", { verifiedAt: now });
    await tx.assessmentValidation.create({ data: { assessmentId, decision: "VALIDATED", decidedById: actor.id, decidedAt: now } });
    await audit(tx, actor, {
      action: "assessment.validate",
      entityType: "Assessment",
      entityId: assessmentId,
      assessmentId,
      before: { status: step.from },
      after: { status: step.to },
    });
    // The unit hears of its locus verified now (the first tier's approval did not notify it).
    await emitNotification(tx, { kind: "assessment.approved", assessmentId, actorId: actor.id });
    return { status: step.to, cycleId: assessment.cycleId };
  });
  await recomputeCycleResults(outcome.cycleId);
  return { status: outcome.status };
}

/** The validator sends the locus back to the first tier with reasons: AWAITING_VALIDATION → IN_REVIEW. Audited. */
export async function sendBackAssessment(actor: Validator, input: TSendBack, now = new Date()) {
  return db.$transaction(async (tx) => {
    const assessment = await loadForValidator(tx, actor, input.assessmentId, now);
    const step = await move(tx, actor, assessment, "SEND_BACK");
    await tx.assessmentValidation.create({
      data: { assessmentId: assessment.id, decision: "SENT_BACK", reasons: input.reasons, decidedById: actor.id, decidedAt: now },
    });
    await audit(tx, actor, {
      action: "assessment.sendBack",
      entityType: "Assessment",
      entityId: assessment.id,
      assessmentId: assessment.id,
      before: { status: step.from },
      after: { status: step.to, reasons: input.reasons },
    });
    return { status: step.to };
  });
}

/** The validator's queue: loci of its institutions awaiting validation (and those it decided). */
export async function validationQueue(actor: Actor) {
  if (!can(actor, "validation.queue", { verifierIds: [actor.id] })) throw new ActionError("errors.notFound");
  const rows = await db.assessment.findMany({
    where: { AND: [validatorScope(actor), { status: "AWAITING_VALIDATION" }] },
    select: {
      id: true,
      status: true,
      ...validatorTargetFields,
      locus: {
        select: {
          name: true,
          institutionId: true,
          institution: { select: { name: true, type: true, validatorAssignments: { select: { cycleId: true, validatorId: true } } } },
        },
      },
      validations: { select: { decision: true, reasons: true, decidedAt: true }, orderBy: { decidedAt: "desc" }, take: 1 },
    },
    orderBy: [{ locus: { institution: { name: "asc" } } }, { locus: { name: "asc" } }],
  });
  // Exact per cycle: the scope above spans every cycle the validator was ever assigned in.
  return rows
    .filter((row) => validatorTargetOf(row).verifierIds.includes(actor.id))
    .map((row) => ({
      id: row.id,
      status: row.status,
      locusName: row.locus.name,
      institutionName: row.locus.institution.name,
      institutionType: row.locus.institution.type,
      lastDecision: row.validations[0] ?? null,
    }));
}

/** The latest second-tier send-back of a locus, for the first tier's review page. */
export function lastSendBack(assessmentId: string) {
  return db.assessmentValidation.findFirst({
    where: { assessmentId, decision: "SENT_BACK" },
    orderBy: { decidedAt: "desc" },
    select: { reasons: true, decidedAt: true, decidedBy: { select: { name: true } } },
  });
}
