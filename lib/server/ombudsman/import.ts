import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import {
  formatScore,
  planOmbudsmanImport,
  validateOmbudsmanTable,
  type OmbudsmanFileProblem,
  type OmbudsmanPlan,
  type OmbudsmanPlanRow,
  type OmbudsmanRowError,
} from "@/lib/domain/ombudsman";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, type AuditEntry } from "../audit/record";
import { db } from "../db/client";
import { ActionError } from "../errors";
import { readImportTable, type RegistryTable } from "../registry/file";

type Manager = Actor & { email: string };
type Db = Prisma.TransactionClient | typeof db;

/** At most this many row errors and planned changes travel back to the browser; the counts are always whole. */
const LIST_LIMIT = 500;

export interface OmbudsmanFile {
  name: string;
  bytes: Uint8Array;
}

export interface OmbudsmanImportPreview {
  fileName: string;
  sha256: string;
  format: "csv" | "xlsx";
  dataRows: number;
  fileProblems: (OmbudsmanFileProblem | { code: "unreadable"; detail: string })[];
  errorCount: number;
  errors: OmbudsmanRowError[];
  counts: OmbudsmanPlan["counts"];
  /** The results that would be created or updated, in file order, with the institution's name. */
  changes: (OmbudsmanPlanRow & { institutionName: string })[];
  /** Years whose zone bands are not known: their zones are stored as given (docs/domain.md §7). */
  uncheckedYears: number[];
  ok: boolean;
}

export type OmbudsmanImportOutcome = { applied: false; preview: OmbudsmanImportPreview } | { applied: true; counts: OmbudsmanPlan["counts"]; dataRows: number };

function assertManager(actor: Actor) {
  if (!can(actor, "ombudsman.manage")) throw new ActionError("errors.notFound");
}

/** Validates a parsed file and plans it against the registry and the stored results. Writes nothing. */
async function evaluate(client: Db, read: { table: RegistryTable } | { unreadable: string }) {
  if ("unreadable" in read) return read;
  const validation = validateOmbudsmanTable(read.table.rows);
  const codes = [...new Set(validation.rows.map((r) => r.code))];
  const institutions = await client.institution.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, name: true } });
  const stored = await client.ombudsmanResult.findMany({
    where: { institutionId: { in: institutions.map((i) => i.id) }, year: { in: [...new Set(validation.rows.map((r) => r.year))] } },
    select: { id: true, institutionId: true, year: true, score: true, zone: true, rank: true },
  });
  const plan = planOmbudsmanImport(
    validation.rows,
    new Map(institutions.map((i) => [i.code, i.id])),
    stored.map((r) => ({ ...r, score: hundredthsOf(r.score) })),
  );
  return { table: read.table, validation, plan, nameOf: new Map(institutions.map((i) => [i.id, i.name])) } as const;
}

/** A Decimal(5,2) column as exact hundredths (its text form, never through a float). */
export function hundredthsOf(value: Prisma.Decimal | { toFixed(digits: number): string }): number {
  return Number(value.toFixed(2).replace(".", ""));
}

function preview(file: OmbudsmanFile, result: Awaited<ReturnType<typeof evaluate>>): OmbudsmanImportPreview {
  if ("unreadable" in result) {
    return {
      fileName: file.name,
      sha256: "",
      format: "csv",
      dataRows: 0,
      fileProblems: [{ code: "unreadable", detail: result.unreadable }],
      errorCount: 0,
      errors: [],
      counts: { create: 0, update: 0, unchanged: 0 },
      changes: [],
      uncheckedYears: [],
      ok: false,
    };
  }
  const { table, validation, plan, nameOf } = result;
  const errors = [...validation.errors, ...plan.errors].sort((a, b) => a.row - b.row);
  return {
    fileName: file.name,
    sha256: table.sha256,
    format: table.format,
    dataRows: validation.dataRows,
    fileProblems: validation.fileProblems,
    errorCount: errors.length,
    errors: errors.slice(0, LIST_LIMIT),
    counts: plan.counts,
    changes: plan.rows
      .filter((r) => r.action !== "unchanged")
      .slice(0, LIST_LIMIT)
      .map((r) => ({ ...r, institutionName: nameOf.get(r.institutionId) ?? r.code })),
    uncheckedYears: validation.uncheckedYears,
    ok: validation.fileProblems.length === 0 && errors.length === 0 && validation.dataRows > 0,
  };
}

/** The dry run: what the file would change, and every problem row by row. Nothing is written. */
export async function previewOmbudsmanImport(actor: Actor, file: OmbudsmanFile): Promise<OmbudsmanImportPreview> {
  assertManager(actor);
  return preview(file, await evaluate(db, await readImportTable(file.bytes)));
}

/**
 * Applies a file in ONE transaction, as the registry import does: the bytes are read and validated
 * again, a file with any bad row writes nothing, a different file than the previewed one is refused,
 * and each created or changed result is audited. Importing the same file again changes nothing.
 */
export async function applyOmbudsmanImport(actor: Manager, file: OmbudsmanFile, expectedSha256: string, now = new Date()): Promise<OmbudsmanImportOutcome> {
  assertManager(actor);
  const read = await readImportTable(file.bytes);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pekppp.ombudsman-import'))`;
      const result = await evaluate(tx, read);
      const summary = preview(file, result);
      if ("unreadable" in result || !summary.ok) return { applied: false, preview: summary };
      if (summary.sha256 !== expectedSha256) throw new ActionError("registryImport.fileChanged");
      const entries: AuditEntry[] = [];
      for (const row of result.plan.rows) {
        if (row.action === "unchanged") continue;
        const data = { score: formatScore(row.after.score), zone: row.after.zone, rank: row.after.rank, importedAt: now, importedById: actor.id };
        const saved = await tx.ombudsmanResult.upsert({
          where: { institutionId_year: { institutionId: row.institutionId, year: row.year } },
          create: { institutionId: row.institutionId, year: row.year, ...data },
          update: data,
          select: { id: true },
        });
        entries.push({
          action: row.action === "create" ? "ombudsman.create" : "ombudsman.update",
          entityType: "OmbudsmanResult",
          entityId: saved.id,
          before: row.before ? auditValues(row.before) : undefined,
          after: { institutionId: row.institutionId, year: row.year, ...auditValues(row.after) },
        });
      }
      await audit(tx, actor, [
        {
          action: "ombudsman.import",
          entityType: "OmbudsmanImport",
          entityId: summary.sha256,
          after: { fileName: file.name, rows: summary.dataRows, counts: result.plan.counts },
        },
        ...entries,
      ]);
      return { applied: true, counts: result.plan.counts, dataRows: summary.dataRows };
    },
    { timeout: 120_000, maxWait: 15_000 },
  );
}

const auditValues = (v: OmbudsmanPlanRow["after"]) => ({ score: formatScore(v.score), zone: v.zone, rank: v.rank });
