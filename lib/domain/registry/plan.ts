import { nameKey, type InstitutionType, type ServiceType } from "./fields";
import type { ImportedInstitution } from "./validate";

/** The registry as stored, in the shape the import compares against. */
export interface ExistingLocus {
  id: string;
  name: string;
  serviceType: ServiceType;
  address: string | null;
  isActive: boolean;
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
export function planRegistryImport(imported: readonly ImportedInstitution[], existing: ReadonlyMap<string, ExistingInstitution>): RegistryPlan {
  const institutions: InstitutionPlan[] = [];
  const loci: LocusPlan[] = [];
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
      institutions.push({ action: changes.length > 0 ? "update" : "unchanged", row: entry.row, id: stored.id, values, changes });
    }
    for (const locus of entry.loci) {
      const match = stored ? matchLocus(stored.loci, locus.name) : undefined;
      const locusValues: LocusValues = {
        name: locus.name,
        serviceType: locus.serviceType,
        address: locus.address === undefined ? (match?.address ?? null) : locus.address,
        isActive: locus.isActive ?? match?.isActive ?? true,
      };
      if (!match) {
        loci.push({ action: "create", row: locus.row, institutionCode: entry.code, values: locusValues, changes: [] });
      } else {
        const changes = diff<LocusValues>({ name: match.name, serviceType: match.serviceType, address: match.address, isActive: match.isActive }, locusValues);
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
  }
  return { institutions, loci, counts: { institutions: count(institutions), loci: count(loci) } };
}
