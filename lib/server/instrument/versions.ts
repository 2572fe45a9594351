import "server-only";
import { randomUUID } from "node:crypto";
import { can, type Actor } from "@/lib/auth/policies";
import { checkNewVersionLabel, copyDefinition, instrumentRows, isVersionReadOnly, type CycleUsingVersion } from "@/lib/domain/cycle";
import { validateInstrument, type InstrumentDefinition, type InstrumentProblem } from "@/lib/domain/instrument";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/schemas/ids";
import type { TCopyInstrumentVersion, TSaveInstrumentVersion } from "@/lib/schemas/instruments";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { readInstrument } from "./load";
import { uniqueAs } from "../db/unique";

type Manager = Actor & { email: string };
// The client's own type (password hashes omitted): a cycle reaches accounts through its owner institution.
type Reader = Pick<typeof db, "cycle" | "$queryRaw">;

/**
 * Instrument versions as data (docs/domain.md §4: "the instrument is therefore data, versioned per
 * cycle"): admins view them, make a new version by copying one, and edit a version until a cycle
 * that uses it has started (then it is read-only, here on the server, whatever the page shows).
 */

/**
 * What decides whether versions are read-only: their lock, their cycles, and whether anyone
 * answered on them. Two queries, however many versions.
 */
async function lockFactsOf(reader: Reader, versionIds: string[]) {
  const [cycles, answered] = await Promise.all([
    reader.cycle.findMany({
      where: { instrumentVersionId: { in: versionIds } },
      select: {
        id: true,
        name: true,
        year: true,
        status: true,
        instrumentVersionId: true,
        stages: { where: { kind: "SELF_ASSESSMENT" }, select: { startsAt: true } },
      },
      orderBy: { year: "desc" },
    }),
    reader.$queryRaw<{ versionId: string }[]>`
      SELECT DISTINCT c."instrumentVersionId"::text AS "versionId"
      FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId"
      WHERE c."instrumentVersionId" = ANY(${versionIds}::uuid[])
        AND (EXISTS (SELECT 1 FROM "SelfAnswer" s WHERE s."assessmentId" = a.id)
          OR EXISTS (SELECT 1 FROM "VerifiedAnswer" v WHERE v."assessmentId" = a.id)
          OR EXISTS (SELECT 1 FROM "EvidenceItem" e WHERE e."assessmentId" = a.id))`,
  ]);
  const answeredIds = new Set(answered.map((row) => row.versionId));
  return new Map(
    versionIds.map((versionId) => {
      const own = cycles.filter((c) => c.instrumentVersionId === versionId);
      const using: CycleUsingVersion[] = own.map((c) => ({ status: c.status, selfAssessmentStartsAt: c.stages[0]?.startsAt ?? null }));
      return [versionId, { cycles: own.map(({ id, name, year, status }) => ({ id, name, year, status })), using, answered: answeredIds.has(versionId) }];
    }),
  );
}

async function lockFacts(reader: Reader, versionId: string) {
  return (await lockFactsOf(reader, [versionId])).get(versionId)!;
}

export interface InstrumentVersionSummary {
  id: string;
  code: string;
  version: string;
  name: string;
  aspects: number;
  indicators: number;
  surveyItems: number;
  readOnly: boolean;
  updatedAt: string;
  cycles: { id: string; name: string; year: number; status: string }[];
}

/** Every version, newest first per code, with its size, its cycles and whether it can still change. */
export async function listInstrumentVersions(actor: Actor, now = new Date()): Promise<InstrumentVersionSummary[]> {
  if (!can(actor, "instruments.manage")) return [];
  const versions = await db.instrumentVersion.findMany({
    orderBy: [{ code: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      code: true,
      version: true,
      name: true,
      lockedAt: true,
      updatedAt: true,
      _count: { select: { aspects: true, indicators: true, surveyItems: true } },
    },
  });
  const factsById = await lockFactsOf(
    db,
    versions.map((v) => v.id),
  );
  return versions.map((v) => {
    const facts = factsById.get(v.id)!;
    return {
      id: v.id,
      code: v.code,
      version: v.version,
      name: v.name,
      updatedAt: v.updatedAt.toISOString(),
      aspects: v._count.aspects,
      indicators: v._count.indicators,
      surveyItems: v._count.surveyItems,
      readOnly: isVersionReadOnly({ lockedAt: v.lockedAt, answered: facts.answered }, facts.using, now),
      cycles: facts.cycles,
    };
  });
}

/** One version with its whole definition; null when it does not exist (or the actor may not manage instruments). */
export async function getInstrumentVersion(actor: Actor, versionId: string, now = new Date()) {
  if (!can(actor, "instruments.manage") || !isUuid(versionId)) return null;
  const version = await db.instrumentVersion.findUnique({
    where: { id: versionId },
    select: { id: true, code: true, version: true, lockedAt: true, updatedAt: true, createdAt: true },
  });
  if (!version) return null;
  const [definition, facts, labels] = await Promise.all([
    readInstrument(versionId),
    lockFacts(db, versionId),
    db.instrumentVersion.findMany({ where: { code: version.code }, select: { version: true } }),
  ]);
  return {
    id: version.id,
    definition,
    updatedAt: version.updatedAt.toISOString(),
    readOnly: isVersionReadOnly({ lockedAt: version.lockedAt, answered: facts.answered }, facts.using, now),
    cycles: facts.cycles,
    /** The labels the version's code already has (a copy needs a free one). */
    labels: labels.map((l) => l.version),
  };
}

async function writeContent(tx: Prisma.TransactionClient, versionId: string, definition: InstrumentDefinition) {
  const rows = instrumentRows(definition, versionId, randomUUID);
  await tx.instrumentAspect.createMany({ data: rows.aspects });
  await tx.instrumentIndicator.createMany({ data: rows.indicators });
  await tx.indicatorLevel.createMany({ data: rows.levels });
  await tx.surveyItem.createMany({ data: rows.surveyItems });
}

/** A new, editable version of the same instrument code, copied whole from another. Audited. */
export async function copyInstrumentVersion(actor: Manager, input: TCopyInstrumentVersion) {
  if (!can(actor, "instruments.manage")) throw new ActionError("errors.notFound");
  const source = await db.instrumentVersion.findUnique({ where: { id: input.sourceId }, select: { id: true, code: true } });
  if (!source) throw new ActionError("errors.notFound");
  const labels = (await db.instrumentVersion.findMany({ where: { code: source.code }, select: { version: true } })).map((l) => l.version);
  const problem = checkNewVersionLabel(input.version, labels);
  if (problem)
    throw new ActionError(problem === "EMPTY" ? "instrumentAdmin.validation.versionEmpty" : "instrumentAdmin.errors.versionTaken", {
      version: input.version.trim(),
    });
  const definition = copyDefinition(await readInstrument(source.id), input.version, input.name);
  // Two copies racing for one label: the unique index decides, and the loser is told plainly.
  return uniqueAs("instrumentAdmin.errors.versionTaken", { version: definition.version }, () =>
    db.$transaction(async (tx) => {
      const created = await tx.instrumentVersion.create({
        data: { code: definition.code, version: definition.version, name: definition.name, description: definition.description },
        select: { id: true },
      });
      await writeContent(tx, created.id, definition);
      await audit(tx, actor, {
        action: "instrumentVersion.copy",
        entityType: "InstrumentVersion",
        entityId: created.id,
        after: { from: source.id, code: definition.code, version: definition.version, name: definition.name },
      });
      return { id: created.id };
    }),
  );
}

export type SaveInstrumentOutcome = { saved: true; updatedAt: string } | { saved: false; problems: InstrumentProblem[] };

/**
 * Replaces a version's content with the edited definition, after validating the WHOLE instrument
 * (every problem is returned at once: weights not summing to 100, duplicate codes, missing
 * levels …). Refused when the version is read-only, or when it changed since the editor loaded it
 * (the updatedAt condition sits in the write). The code and label never change. Audited with the
 * definitions before and after.
 */
export async function saveInstrumentVersion(actor: Manager, input: TSaveInstrumentVersion, now = new Date()): Promise<SaveInstrumentOutcome> {
  if (!can(actor, "instruments.manage")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    // Cycles that start, and other saves, take this lock too: nothing slips in between check and write.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "InstrumentVersion" WHERE id = ${input.versionId}::uuid FOR UPDATE`;
    if (!locked[0]) throw new ActionError("errors.notFound");
    const stored = await tx.instrumentVersion.findUniqueOrThrow({
      where: { id: input.versionId },
      select: { code: true, version: true, lockedAt: true, updatedAt: true },
    });
    const facts = await lockFacts(tx, input.versionId);
    if (isVersionReadOnly({ lockedAt: stored.lockedAt, answered: facts.answered }, facts.using, now)) throw new ActionError("instrumentAdmin.errors.readOnly");
    if (stored.updatedAt.getTime() !== new Date(input.expectedUpdatedAt).getTime()) throw new ActionError("errors.conflict");

    const checked = validateInstrument({ ...input.definition, code: stored.code, version: stored.version });
    if (!checked.ok) return { saved: false as const, problems: checked.problems };
    const before = await readInstrument(input.versionId, tx);
    await tx.instrumentAspect.deleteMany({ where: { instrumentVersionId: input.versionId } });
    await tx.surveyItem.deleteMany({ where: { instrumentVersionId: input.versionId } });
    await writeContent(tx, input.versionId, checked.instrument);
    const updated = await tx.instrumentVersion.updateMany({
      where: { id: input.versionId, updatedAt: stored.updatedAt },
      data: { name: checked.instrument.name, description: checked.instrument.description, updatedAt: now },
    });
    if (updated.count === 0) throw new ActionError("errors.conflict");
    await audit(tx, actor, {
      action: "instrumentVersion.save",
      entityType: "InstrumentVersion",
      entityId: input.versionId,
      before: before as unknown as Prisma.InputJsonValue,
      after: checked.instrument as unknown as Prisma.InputJsonValue,
    });
    return { saved: true as const, updatedAt: now.toISOString() };
  });
}
