import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import {
  areSettingsEditable,
  areStagesEditable,
  endOfDayWib,
  shiftStagesByYears,
  standardStageDates,
  startOfDayWib,
  validateStageDates,
  type CycleStageDates,
  type StageProblem,
} from "@/lib/domain/cycle";
import { stageHasStarted } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateCycle, TCycleStages, TUpdateCycleSettings } from "@/lib/schemas/cycles";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { addDraftAssessments, copyVerifierAssignments } from "./cycle-assessments";
import { lockCycle, lockInstrumentVersion, touchCycle } from "./lock";
import { cycleScopeWhere, cycleTarget } from "./scope";
import { uniqueAs } from "../db/unique";

type Manager = Actor & { email: string };
type Tx = Prisma.TransactionClient;

const stagesJson = (stages: readonly CycleStageDates[]) =>
  stages.map((s) => ({ kind: s.kind, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));

/** The actor's cycles under cycles.manage (docs/domain.md §3.12); none: "not found". */
function managedScope(actor: Actor) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  if (!scope) throw new ActionError("errors.notFound");
  return scope;
}

/**
 * Who owns a new cycle and of which programme: an institution admin's cycles are its
 * institution's, of a programme institutions may run (Mandiri, Ramah Kelompok Rentan); the
 * national admin's are the ministry's, of any programme (the national PEKPPP by default).
 */
async function resolveOwnership(tx: Tx, actor: Actor, input: TCreateCycle) {
  const ownerInstitutionId = actor.role === "INSTITUTION_ADMIN" ? actor.institutionId : null;
  const code = input.programmeCode ?? (ownerInstitutionId ? "MANDIRI" : "PEKPPP");
  const programme = await tx.programme.findUnique({ where: { code }, select: { code: true, institutionsMayRun: true } });
  if (!programme || (ownerInstitutionId && !programme.institutionsMayRun)) throw new ActionError("cycleAdmin.validation.programme");
  if (!can(actor, "cycles.manage", cycleTarget({ ownerInstitutionId }))) throw new ActionError("errors.notFound");
  return { programmeCode: programme.code, ownerInstitutionId };
}

/** What a new cycle starts from: an instrument version with its own settings, or an earlier cycle the actor reads. */
async function resolveSetUp(tx: Tx, actor: Actor, input: TCreateCycle) {
  if (input.from === "instrument") {
    const version = await tx.instrumentVersion.findUnique({ where: { id: input.instrumentVersionId }, select: { id: true } });
    if (!version) throw new ActionError("cycleAdmin.validation.instrument");
    return {
      instrumentVersionId: version.id,
      settings: input.settings,
      stages: standardStageDates(input.year),
      fromCycleId: null,
      sourceName: null,
      sourceOwnerId: null,
    };
  }
  const readable = cycleScopeWhere(actor, "cycles.view") ?? { id: { in: [] } };
  const source = await tx.cycle.findFirst({ where: { AND: [{ id: input.sourceCycleId }, readable] }, include: { stages: true } });
  if (!source) throw new ActionError("cycleAdmin.validation.source");
  if (input.year <= source.year) throw new ActionError("cycleAdmin.errors.copyYear", { year: source.year });
  const years = input.year - source.year;
  const stages = source.stages.length > 0 ? shiftStagesByYears(source.stages, years) : standardStageDates(input.year);
  const settings = {
    f02SharePercent: source.f02SharePercent,
    minSurveyRespondents: source.minSurveyRespondents,
    evidenceRequiredAboveZero: source.evidenceRequiredAboveZero,
    secondTierEnabled: source.secondTierEnabled,
    secondTierInstitutionTypes: source.secondTierInstitutionTypes,
  };
  return {
    instrumentVersionId: source.instrumentVersionId,
    settings,
    stages,
    fromCycleId: source.id,
    sourceName: source.name,
    sourceOwnerId: source.ownerInstitutionId,
  };
}

/**
 * Creates a cycle in preparation, with its stage dates (the usual calendar of its year, or the
 * copied cycle's moved by the years between them) and one DRAFT assessment per active locus of
 * the institutions taking part. A copy also keeps each of those institutions' verifiers (active
 * verifier accounts only). Audited: the cycle, and one record per institution given verifiers.
 * An institution admin's cycle belongs to its institution and takes that institution's active
 * units; a ministry cycle takes the national loci (docs/domain.md §3.12, §9).
 */
export async function createCycle(actor: Manager, input: TCreateCycle) {
  managedScope(actor);
  return uniqueAs("cycleAdmin.errors.nameTaken", { year: input.year, name: input.name }, () =>
    db.$transaction(
      async (tx) => {
        const owner = await resolveOwnership(tx, actor, input);
        const setUp = await resolveSetUp(tx, actor, input);
        const cycle = await tx.cycle.create({
          data: {
            year: input.year,
            name: input.name,
            ...owner,
            instrumentVersionId: setUp.instrumentVersionId,
            status: "PREPARATION",
            ...setUp.settings,
          },
          select: { id: true },
        });
        await tx.cycleStage.createMany({ data: setUp.stages.map((s) => ({ cycleId: cycle.id, kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt })) });
        // A copy keeps the institutions of its source; an institution's copy stays within its own units.
        const loci = await addDraftAssessments(tx, cycle.id, owner.ownerInstitutionId ? null : setUp.fromCycleId);
        // Verifier assignments are copied within one owner only (national verifiers never reach an institution's cycle).
        const assigned =
          setUp.fromCycleId && setUp.sourceOwnerId === owner.ownerInstitutionId
            ? await copyVerifierAssignments(tx, cycle.id, setUp.fromCycleId, actor.id)
            : new Map<string, string[]>();
        const assignments = [...assigned.values()].reduce((sum, verifiers) => sum + verifiers.length, 0);
        await audit(tx, actor, [
          {
            action: input.from === "copy" ? "cycle.copy" : "cycle.create",
            entityType: "Cycle",
            entityId: cycle.id,
            after: {
              year: input.year,
              name: input.name,
              ...owner,
              instrumentVersionId: setUp.instrumentVersionId,
              ...setUp.settings,
              copiedFrom: setUp.fromCycleId,
              stages: stagesJson(setUp.stages),
              loci,
              ...(setUp.fromCycleId ? { assignments, assignedInstitutions: assigned.size } : {}),
            },
          },
          // Like every other assignment change: one record per institution, its verifier ids before and after.
          ...[...assigned]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([institutionId, verifierIds]) => ({
              action: "assignment.copy",
              entityType: "VerifierAssignment",
              entityId: `${cycle.id}:${institutionId}`,
              before: { verifierIds: [] },
              after: { verifierIds: [...verifierIds].sort(), copiedFrom: setUp.fromCycleId },
            })),
        ]);
        return { id: cycle.id, loci, assignments };
      },
      { timeout: 30_000 },
    ),
  );
}

export type SaveStagesOutcome = { saved: true; updatedAt: string } | { saved: false; problems: StageProblem[] };

/**
 * Sets a cycle's stage dates (calendar days in WIB) after checking the whole schedule: every
 * problem comes back at once and nothing is written. Allowed until the cycle is finalised; a
 * self-assessment that has begun locks the cycle's instrument version. Audited before and after.
 */
export async function updateCycleStages(actor: Manager, input: TCycleStages, now = new Date()): Promise<SaveStagesOutcome> {
  const scope = managedScope(actor);
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, input.expectedUpdatedAt, scope);
    if (!areStagesEditable(cycle.status)) throw new ActionError("cycleAdmin.errors.stagesFixed", { status: cycle.status });
    const wanted = input.stages.map((s) => ({ kind: s.kind, startsAt: startOfDayWib(s.startsOn), endsAt: endOfDayWib(s.endsOn) }));
    const checked = validateStageDates(wanted);
    if (!checked.ok) return { saved: false as const, problems: checked.problems };
    await tx.cycleStage.deleteMany({ where: { cycleId: cycle.id } });
    await tx.cycleStage.createMany({ data: checked.stages.map((s) => ({ cycleId: cycle.id, ...s })) });
    if (stageHasStarted(checked.stages, "SELF_ASSESSMENT", now)) await lockInstrumentVersion(tx, cycle.instrumentVersionId);
    const touched = await touchCycle(tx, cycle);
    await audit(tx, actor, {
      action: "cycle.stages",
      entityType: "Cycle",
      entityId: cycle.id,
      before: { stages: stagesJson(cycle.stages as CycleStageDates[]) },
      after: { stages: stagesJson(checked.stages) },
    });
    return { saved: true as const, updatedAt: touched.updatedAt.toISOString() };
  });
}

/** The scoring settings of a cycle still in preparation. Audited before and after. */
export async function updateCycleSettings(actor: Manager, input: TUpdateCycleSettings) {
  const scope = managedScope(actor);
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, input.expectedUpdatedAt, scope);
    if (!areSettingsEditable(cycle.status)) throw new ActionError("cycleAdmin.errors.settingsFixed", { status: cycle.status });
    const before = {
      f02SharePercent: cycle.f02SharePercent,
      minSurveyRespondents: cycle.minSurveyRespondents,
      evidenceRequiredAboveZero: cycle.evidenceRequiredAboveZero,
      secondTierEnabled: cycle.secondTierEnabled,
      secondTierInstitutionTypes: cycle.secondTierInstitutionTypes,
    };
    const touched = await touchCycle(tx, cycle, input.settings);
    await audit(tx, actor, { action: "cycle.settings", entityType: "Cycle", entityId: cycle.id, before, after: input.settings });
    return { updatedAt: touched.updatedAt.toISOString() };
  });
}

/**
 * Adds the active loci of the whole registry that the cycle does not have yet (loci registered
 * after the cycle was made), as DRAFT assessments; until the cycle is finalised. Audited.
 */
export async function addMissingLoci(actor: Manager, cycleId: string) {
  const scope = managedScope(actor);
  return db.$transaction(async (tx) => {
    // A shared lock on the cycle row: a start or close (which updates it) cannot change the status between this check and the insert.
    await tx.$executeRaw`SELECT 1 FROM "Cycle" WHERE id = ${cycleId}::uuid FOR SHARE`;
    const cycle = await tx.cycle.findFirst({ where: { AND: [{ id: cycleId }, scope] }, select: { id: true, status: true } });
    if (!cycle) throw new ActionError("errors.notFound");
    if (!areStagesEditable(cycle.status)) throw new ActionError("cycleAdmin.errors.stagesFixed", { status: cycle.status });
    const added = await addDraftAssessments(tx, cycle.id, null);
    if (added > 0) await audit(tx, actor, { action: "cycle.addLoci", entityType: "Cycle", entityId: cycle.id, after: { added } });
    return { added };
  });
}
