import { nameKey, type InstitutionType, type ServiceType, type UnitKind } from "./fields";
import type { ImportedInstitution, RowError } from "./validate";

/** The registry as stored, in the shape the import compares against. */
export interface ExistingLocus {
  id: string;
  name: string;
  serviceType: ServiceType;
  address: string | null;
  isActive: boolean;
  unitKind: UnitKind;
  /** The stored parent unit's name (null: directly under the institution). */
  parentName: string | null;
}

export interface ExistingInstitution {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: InstitutionType;
  provinceCode: string | null;
  loci: ExistingLocus[];
}

export type PlanAction = "create" | "update" | "unchanged";

export interface FieldChange {
  field: string;
  before: string | boolean | null;
  after: string | boolean | null;
}

export interface InstitutionValues {
  code: string;
  name: string;
  shortName: string | null;
  type: InstitutionType;
  provinceCode: string | null;
}

export interface LocusValues {
  name: string;
  serviceType: ServiceType;
  address: string | null;
  isActive: boolean;
  unitKind: UnitKind;
  /** The parent unit, by name in the same institution (the write resolves it to its id). */
  parentName: string | null;
}

export interface InstitutionPlan {
  action: PlanAction;
  row: number;
  /** The stored institution's id, for updates and unchanged rows. */
  id?: string;
  values: InstitutionValues;
  changes: FieldChange[];
}

export interface LocusPlan {
  action: PlanAction;
  row: number;
  institutionCode: string;
  id?: string;
  values: LocusValues;
  changes: FieldChange[];
}

export interface ActionCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface RegistryPlan {
  institutions: InstitutionPlan[];
  loci: LocusPlan[];
  counts: { institutions: ActionCounts; loci: ActionCounts };
  /** Rows that only the stored registry shows wrong: an unknown parent unit, a loop, an institution outside the importer's reach. */
  errors: RowError[];
}

export interface PlanOptions {
  /**
   * An institution admin's import (issue 16): `existing` holds its own institution only, so any
   * other code would be created; that is refused as not its own, and its institution's columns
   * must match what is stored (only the national admin edits an institution).
   */
  institutionsFixed?: boolean;
}

function diff<T extends object>(before: T, after: T): FieldChange[] {
  return (Object.keys(after) as (keyof T & string)[])
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field] as FieldChange["before"], after: after[field] as FieldChange["after"] }));
}

function count(plans: readonly { action: PlanAction }[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, unchanged: 0 };
  for (const plan of plans) counts[plan.action] += 1;
  return counts;
}

/** The stored locus a file row means: the same name exactly, or else the same name in another case or spacing. */
function matchLocus(loci: readonly ExistingLocus[], name: string): ExistingLocus | undefined {
  return loci.find((l) => l.name === name) ?? loci.find((l) => nameKey(l.name) === nameKey(name));
}

/**
 * What importing the validated rows would do to the stored registry. Institutions match on their
 * code, loci on (institution, name), so importing the same file twice changes nothing the second
 * time. The import only adds and updates: an institution or locus absent from the file stays as it
 * is (a locus is retired by importing it with lokus_aktif = tidak). A column absent from the file
 * keeps the stored value.
 */
export function planRegistryImport(
  imported: readonly ImportedInstitution[],
  existing: ReadonlyMap<string, ExistingInstitution>,
  options: PlanOptions = {},
): RegistryPlan {
  const institutions: InstitutionPlan[] = [];
  const loci: LocusPlan[] = [];
  const errors: RowError[] = [];
  for (const entry of imported) {
    const stored = existing.get(entry.code);
    const values: InstitutionValues = {
      code: entry.code,
      name: entry.name,
      shortName: entry.shortName === undefined ? (stored?.shortName ?? null) : entry.shortName,
      type: entry.type,
      provinceCode: entry.provinceCode,
    };
    if (!stored) {
      if (options.institutionsFixed) errors.push({ row: entry.row, column: "institutionCode", code: "institutionNotOwn", value: entry.code });
      institutions.push({ action: "create", row: entry.row, values, changes: [] });
    } else {
      const before: InstitutionValues = {
        code: stored.code,
        name: stored.name,
        shortName: stored.shortName,
        type: stored.type,
        provinceCode: stored.provinceCode,
      };
      const changes = diff(before, values);
      if (options.institutionsFixed && changes.length > 0) errors.push({ row: entry.row, code: "institutionReadOnly" });
      institutions.push({ action: changes.length > 0 ? "update" : "unchanged", row: entry.row, id: stored.id, values, changes });
    }
    for (const locus of entry.loci) {
      const match = stored ? matchLocus(stored.loci, locus.name) : undefined;
      const locusValues: LocusValues = {
        name: locus.name,
        serviceType: locus.serviceType,
        address: locus.address === undefined ? (match?.address ?? null) : locus.address,
        isActive: locus.isActive ?? match?.isActive ?? true,
        unitKind: locus.unitKind ?? match?.unitKind ?? "LAINNYA",
        parentName: locus.parentName === undefined ? (match?.parentName ?? null) : locus.parentName,
      };
      if (!match) {
        loci.push({ action: "create", row: locus.row, institutionCode: entry.code, values: locusValues, changes: [] });
      } else {
        const stored: LocusValues = {
          name: match.name,
          serviceType: match.serviceType,
          address: match.address,
          isActive: match.isActive,
          unitKind: match.unitKind,
          parentName: match.parentName,
        };
        const changes = diff(stored, locusValues);
        loci.push({
          action: changes.length > 0 ? "update" : "unchanged",
          row: locus.row,
          institutionCode: entry.code,
          id: match.id,
          values: locusValues,
          changes,
        });
      }
    }
    errors.push(...parentErrors(entry.code, stored?.loci ?? [], loci));
  }
  errors.sort((a, b) => a.row - b.row);
  return { institutions, loci, counts: { institutions: count(institutions), loci: count(loci) }, errors };
}

/**
 * The unit tree of one institution once the file is applied: every parent a unit of the same
 * institution (stored or in the file), no unit its own ancestor (the database's trigger
 * locus_parent_check holds the same, this tells the row).
 */
function parentErrors(institutionCode: string, stored: readonly ExistingLocus[], planned: readonly LocusPlan[]): RowError[] {
  const mine = planned.filter((p) => p.institutionCode === institutionCode);
  const parentOf = new Map<string, string | null>(stored.map((l) => [nameKey(l.name), l.parentName === null ? null : nameKey(l.parentName)]));
  for (const p of mine) parentOf.set(nameKey(p.values.name), p.values.parentName === null ? null : nameKey(p.values.parentName));
  const errors: RowError[] = [];
  for (const p of mine) {
    const parent = p.values.parentName;
    if (parent === null || p.action === "unchanged") continue;
    if (!parentOf.has(nameKey(parent))) {
      errors.push({ row: p.row, column: "parentUnit", code: "parentUnknown", value: parent });
      continue;
    }
    const seen = new Set<string>([nameKey(p.values.name)]);
    for (let up = parentOf.get(nameKey(p.values.name)) ?? null; up !== null; up = parentOf.get(up) ?? null) {
      if (seen.has(up)) {
        errors.push({ row: p.row, column: "parentUnit", code: "parentLoop", value: parent });
        break;
      }
      seen.add(up);
    }
  }
  return errors;
}
