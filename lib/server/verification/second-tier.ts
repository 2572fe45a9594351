import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { stageWindow, transition, type AssessmentStatus } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TAssignValidator, TSendBack, TUpdateSecondTier } from "@/lib/schemas/validation";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { assertStageOpen } from "../cycle/stage-gate";
import { cycleScopeWhere } from "../cycle/scope";
import { emitNotification } from "../notifications/emit";
import { recomputeLocusResults, sqlOfTransaction } from "../results/recompute-locus";

type Tx = Prisma.TransactionClient;
type Validator = Actor & { email: string };

/**
 * The second tier (docs/domain.md §3.10). A cycle setting (`secondTierEnabled`, for the
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
    // Verified now: its result and its institution's, in this transaction (issue 17).
    await recomputeLocusResults(sqlOfTransaction(tx), assessmentId);
    return { status: step.to };
  });
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
      cycle: { select: { name: true } },
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
      // The queue spans every cycle the validator is assigned in (issue 16): each row names its own.
      cycleName: row.cycle.name,
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

type Admin = Actor & { email: string };

/**
 * The admin turns the second tier on or off for a cycle and chooses the institution types it
 * applies to. A workflow setting, not a scoring one: it may change until the cycle is finalised
 * (loci already awaiting validation keep waiting for it). Audited before and after.
 */
export async function updateSecondTier(actor: Admin, input: TUpdateSecondTier) {
  const scope = secondTierScope(actor);
  if (!scope) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Cycle" WHERE id = ${input.cycleId}::uuid FOR UPDATE`;
    const cycle = await tx.cycle.findFirst({
      where: { AND: [{ id: input.cycleId }, scope] },
      select: { status: true, secondTierEnabled: true, secondTierInstitutionTypes: true },
    });
    if (!cycle) throw new ActionError("errors.notFound");
    if (cycle.status !== "PREPARATION" && cycle.status !== "ACTIVE") throw new ActionError("cycleAdmin.errors.settingsFixed", { status: cycle.status });
    await tx.cycle.update({ where: { id: input.cycleId }, data: { secondTierEnabled: input.enabled, secondTierInstitutionTypes: input.institutionTypes } });
    await audit(tx, actor, {
      action: "cycle.secondTier",
      entityType: "Cycle",
      entityId: input.cycleId,
      before: { enabled: cycle.secondTierEnabled, institutionTypes: cycle.secondTierInstitutionTypes },
      after: { enabled: input.enabled, institutionTypes: input.institutionTypes },
    });
    return { enabled: input.enabled };
  });
}

/** The admin makes a verifier a validator of an institution in a cycle (idempotent). Audited. */
export async function assignValidator(actor: Admin, input: TAssignValidator) {
  if (!can(actor, "assignments.manage")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const [cycle, validator, institution] = await Promise.all([
      tx.cycle.findUnique({ where: { id: input.cycleId }, select: { id: true } }),
      tx.user.findFirst({ where: { id: input.validatorId, role: "VERIFIER", isActive: true }, select: { id: true } }),
      tx.institution.findUnique({ where: { id: input.institutionId }, select: { id: true } }),
    ]);
    if (!cycle || !validator || !institution) throw new ActionError("errors.notFound");
    const existing = await tx.validatorAssignment.findFirst({ where: input, select: { id: true } });
    if (existing) return { assigned: false };
    await tx.validatorAssignment.create({ data: input });
    await audit(tx, actor, { action: "validator.assign", entityType: "Institution", entityId: input.institutionId, after: { ...input } });
    return { assigned: true };
  });
}

/**
 * The ministry cycles whose second tier the actor runs: the second tier is the ministry's own
 * validation (docs/domain.md §3.10), so an institution's own cycle has none (§3.12). null: none.
 */
function secondTierScope(actor: Actor): Prisma.CycleWhereInput | null {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  return scope ? { AND: [scope, { ownerInstitutionId: null }] } : null;
}

/** The second-tier page of a cycle: its setting, its validators, and the choices for a new one; null outside the actor's scope. */
export async function secondTierSetup(actor: Actor, cycleId: string) {
  const scope = secondTierScope(actor);
  if (!scope || (await db.cycle.count({ where: { AND: [{ id: cycleId }, scope] } })) === 0) return null;
  const [cycle, assignments, verifiers, institutions] = await Promise.all([
    db.cycle.findUnique({ where: { id: cycleId }, select: { id: true, name: true, status: true, secondTierEnabled: true, secondTierInstitutionTypes: true } }),
    db.validatorAssignment.findMany({
      where: { cycleId },
      select: { id: true, validator: { select: { name: true, email: true } }, institution: { select: { name: true } } },
      orderBy: [{ institution: { name: "asc" } }],
    }),
    db.user.findMany({ where: { role: "VERIFIER", isActive: true }, select: { id: true, name: true, email: true }, orderBy: { email: "asc" } }),
    db.institution.findMany({ select: { id: true, name: true, type: true }, orderBy: { name: "asc" } }),
  ]);
  if (!cycle) return null;
  return { cycle, assignments, verifiers, institutions };
}
