import "server-only";
import type { Actor } from "@/lib/auth/policies";
import {
  planRegistryImport,
  registryFileRows,
  validateRegistryTable,
  type ExistingInstitution,
  type FileProblem,
  type InstitutionPlan,
  type LocusPlan,
  type RegistryPlan,
  type RowError,
} from "@/lib/domain/registry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { readImportTable, type RegistryTable } from "./file";
import { writeRegistryPlan } from "./import-write";
import { institutionFilter } from "./institutions";
import { managesInstitutions, registryScopeWhere } from "./scope";

type Manager = Actor & { email: string };
type Db = Prisma.TransactionClient | typeof db;

/** At most this many row errors and planned changes travel back to the browser; the counts are always whole. */
const LIST_LIMIT = 500;

export interface RegistryFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: "csv" | "xlsx";
  dataRows: number;
  fileProblems: (FileProblem | { code: "unreadable"; detail: string })[];
  errorCount: number;
  errors: RowError[];
  counts: RegistryPlan["counts"];
  /** The institutions and loci that would be created or updated (not the unchanged ones), in file order. */
  institutionChanges: InstitutionPlan[];
  locusChanges: LocusPlan[];
  /** True when the file can be applied as it is. */
  ok: boolean;
}

function scopeOrNotFound(actor: Actor): Prisma.InstitutionWhereInput {
  const scope = registryScopeWhere(actor);
  if (!scope) throw new ActionError("errors.notFound");
  return scope;
}

/** What the import compares with: an institution's loci, with their kind and their parent's name. */
const institutionForImport = {
  id: true,
  code: true,
  name: true,
  shortName: true,
  type: true,
  province: { select: { code: true } },
  loci: { select: { id: true, name: true, serviceType: true, address: true, isActive: true, unitKind: true, parent: { select: { name: true } } } },
} satisfies Prisma.InstitutionSelect;

function asExisting({ province, loci, ...i }: Prisma.InstitutionGetPayload<{ select: typeof institutionForImport }>): ExistingInstitution {
  return {
    ...i,
    provinceCode: province?.code ?? null,
    loci: loci.map(({ parent, ...l }) => ({ ...l, parentName: parent?.name ?? null })),
  };
}

/** The stored institutions the file names (by code) within the importer's scope. */
async function loadExisting(client: Db, scope: Prisma.InstitutionWhereInput, codes: readonly string[]): Promise<Map<string, ExistingInstitution>> {
  const rows = await client.institution.findMany({ where: { AND: [{ code: { in: [...codes] } }, scope] }, select: institutionForImport });
  return new Map(rows.map((row) => [row.code, asExisting(row)]));
}

/**
 * Validates and plans a parsed file against the registry as `client` sees it, within the
 * actor's scope: an institution admin's file may hold its own institution's units only (another
 * code is "not yours", whether it exists or not). Writes nothing.
 */
async function evaluate(client: Db, actor: Actor, read: { table: RegistryTable } | { unreadable: string }) {
  if ("unreadable" in read) return read;
  const { table } = read;
  const scope = scopeOrNotFound(actor);
  const provinces = await client.province.findMany({ select: { id: true, code: true, name: true } });
  const validation = validateRegistryTable(table.rows, provinces);
  const existing = await loadExisting(
    client,
    scope,
    validation.institutions.map((i) => i.code),
  );
  const plan = planRegistryImport(validation.institutions, existing, { institutionsFixed: !managesInstitutions(actor) });
  return { table, provinces, validation, plan } as const;
}

function preview(file: RegistryFile, result: Awaited<ReturnType<typeof evaluate>>): ImportPreview {
  if ("unreadable" in result) {
    const none = { create: 0, update: 0, unchanged: 0 };
    return {
      fileName: file.name,
      sha256: "",
      format: "csv",
      dataRows: 0,
      fileProblems: [{ code: "unreadable", detail: result.unreadable! }],
      errorCount: 0,
      errors: [],
      counts: { institutions: none, loci: none },
      institutionChanges: [],
      locusChanges: [],
      ok: false,
    };
  }
  const { table, validation, plan } = result;
  const errors = [...validation.errors, ...plan.errors].sort((a, b) => a.row - b.row);
  const changed = <T extends { action: string }>(list: T[]) => list.filter((p) => p.action !== "unchanged").slice(0, LIST_LIMIT);
  return {
    fileName: file.name,
    sha256: table.sha256,
    format: table.format,
    dataRows: validation.dataRows,
    fileProblems: validation.fileProblems,
    errorCount: errors.length,
    errors: errors.slice(0, LIST_LIMIT),
    counts: plan.counts,
    institutionChanges: changed(plan.institutions),
    locusChanges: changed(plan.loci),
    ok: validation.fileProblems.length === 0 && errors.length === 0 && validation.dataRows > 0,
  };
}

/** The dry run: what the file would change, and every problem row by row. Nothing is written. */
export async function previewRegistryImport(actor: Actor, file: RegistryFile): Promise<ImportPreview> {
  scopeOrNotFound(actor);
  return preview(file, await evaluate(db, actor, await readImportTable(file.bytes)));
}

/**
 * Applies a file in ONE transaction: the server reads and validates the bytes again (it never
 * trusts a preview sent back by the browser), refuses the whole file if any row is wrong, and
 * otherwise creates and updates institutions and loci, each change audited. Imports are
 * serialised by an advisory lock, so two at once cannot both create the same code.
 * `expectedSha256` is the hash the preview showed: a different file is refused.
 */
export async function applyRegistryImport(actor: Manager, file: RegistryFile, expectedSha256: string): Promise<ImportOutcome> {
  scopeOrNotFound(actor);
  const started = performance.now();
  // Parsed before the transaction: a large file's parsing holds neither a connection nor the lock.
  const read = await readImportTable(file.bytes);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pekppp.registry-import'))`;
      const result = await evaluate(tx, actor, read);
      const summary = preview(file, result);
      // Nothing has been written yet: a refused file leaves the registry exactly as it was.
      if ("unreadable" in result || !summary.ok) return { applied: false, preview: summary };
      if (summary.sha256 !== expectedSha256) throw new ActionError("registryImport.fileChanged");
      const { plan, provinces } = result;
      // An institution admin's units are its own, not loci the ministry picked (docs/domain.md §3.12).
      const changes = await writeRegistryPlan(tx, plan, new Map(provinces.map((p) => [p.code, p.id])), { nationalLocus: managesInstitutions(actor) });
      await audit(tx, actor, [
        {
          action: "registry.import",
          entityType: "Registry",
          entityId: summary.sha256,
          after: { fileName: file.name, rows: summary.dataRows, counts: plan.counts },
        },
        ...changes,
      ]);
      return { applied: true, counts: plan.counts, dataRows: summary.dataRows, milliseconds: Math.round(performance.now() - started) };
    },
    // Room for a national file on a busy small machine; the default 5 s is meant for short transactions.
    { timeout: 120_000, maxWait: 15_000 },
  );
}

export type ImportOutcome =
  | { applied: false; preview: ImportPreview }
  | { applied: true; counts: RegistryPlan["counts"]; dataRows: number; milliseconds: number };

/** The stored registry (optionally one type or province) in the import layout, for the export. */
export async function registryExportRows(actor: Actor, filter: { type?: ExistingInstitution["type"]; province?: string }) {
  const scope = registryScopeWhere(actor);
  if (!scope) return [];
  const [institutions, provinces] = await Promise.all([
    db.institution.findMany({ where: { AND: [scope, institutionFilter(filter)] }, select: institutionForImport, orderBy: [{ type: "asc" }, { code: "asc" }] }),
    db.province.findMany({ select: { code: true, name: true } }),
  ]);
  return registryFileRows(institutions.map(asExisting), provinces);
}
