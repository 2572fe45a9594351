import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanText,
  INSTITUTION_TYPES,
  nameKey,
  planRegistryImport,
  provinceRule,
  REGISTRY_COLUMNS,
  REGISTRY_HEADERS,
  registryFileRows,
  SERVICE_TYPES,
  UNIT_KINDS,
  validateRegistryTable,
  type ExistingInstitution,
  type ImportedInstitution,
  type ProvinceRef,
  type RegistryPlan,
} from "@/lib/domain/registry";

const PROVINCES: ProvinceRef[] = [
  { code: "11", name: "Aceh" },
  { code: "16", name: "Sumatera Selatan" },
  { code: "52", name: "Nusa Tenggara Barat" },
];

const words = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9 .,()'-]{0,30}$/)
  .map(cleanText)
  .filter((s) => s.length > 0);
const optionalWords = fc.option(words, { nil: null });

const locus = fc.record({
  id: fc.uuid(),
  name: words,
  serviceType: fc.constantFrom(...SERVICE_TYPES),
  address: optionalWords,
  isActive: fc.boolean(),
  unitKind: fc.constantFrom(...UNIT_KINDS),
  // Flat: the parent column is tested by example (registry-import.test.ts).
  parentName: fc.constant(null),
});

const institution = fc
  .record({
    id: fc.uuid(),
    code: fc.stringMatching(/^[A-Z0-9]{1,4}(-[A-Z0-9]{1,6}){0,2}$/),
    name: words,
    shortName: optionalWords,
    type: fc.constantFrom(...INSTITUTION_TYPES),
    province: fc.constantFrom(...PROVINCES.map((p) => p.code)),
    loci: fc.uniqueArray(locus, { maxLength: 4, selector: (l) => nameKey(l.name) }),
  })
  .map(({ province, ...rest }): ExistingInstitution => ({ ...rest, provinceCode: provinceRule(rest.type) === "required" ? province : null }));

const registry = fc.uniqueArray(institution, { maxLength: 12, selector: (i) => i.code });

const asTable = (institutions: readonly ExistingInstitution[]) => [
  [...REGISTRY_HEADERS],
  ...registryFileRows(institutions, PROVINCES).map((row) => REGISTRY_COLUMNS.map((c) => row[c.key])),
];
const byCode = (institutions: readonly ExistingInstitution[]) => new Map(institutions.map((i) => [i.code, i]));

/** What the database holds after applying a plan: the same rules as the data layer, without the database. */
function applyPlan(before: readonly ExistingInstitution[], plan: RegistryPlan): ExistingInstitution[] {
  const after = new Map(before.map((i) => [i.code, { ...i, loci: i.loci.map((l) => ({ ...l })) }]));
  plan.institutions.forEach((p, n) => {
    const current = after.get(p.values.code);
    after.set(p.values.code, { id: current?.id ?? `new-${n}`, loci: current?.loci ?? [], ...p.values });
  });
  plan.loci.forEach((p, n) => {
    const owner = after.get(p.institutionCode)!;
    const index = owner.loci.findIndex((l) => l.id === p.id);
    if (index >= 0) owner.loci[index] = { id: p.id!, ...p.values };
    else owner.loci.push({ id: `new-locus-${n}`, ...p.values });
  });
  return [...after.values()];
}

const nothingChanges = (plan: RegistryPlan) =>
  plan.counts.institutions.create + plan.counts.institutions.update + plan.counts.loci.create + plan.counts.loci.update;

describe("registry import properties", () => {
  it("an export re-imports with zero changes", () => {
    fc.assert(
      fc.property(registry, (stored) => {
        const file = validateRegistryTable(asTable(stored), PROVINCES);
        expect(file.errors).toEqual([]);
        expect(nothingChanges(planRegistryImport(file.institutions, byCode(stored)))).toBe(0);
      }),
    );
  });

  it("importing a file twice changes nothing the second time, whatever was stored before", () => {
    fc.assert(
      fc.property(registry, registry, (stored, incoming) => {
        const file = validateRegistryTable(asTable(incoming), PROVINCES);
        const first = planRegistryImport(file.institutions, byCode(stored));
        const afterwards = applyPlan(stored, first);
        expect(nothingChanges(planRegistryImport(file.institutions, byCode(afterwards)))).toBe(0);
        // Every institution and locus of the file is now stored, none twice.
        for (const entry of incoming) {
          const kept = afterwards.find((i) => i.code === entry.code)!;
          for (const l of entry.loci) expect(kept.loci.filter((k) => nameKey(k.name) === nameKey(l.name))).toHaveLength(1);
        }
      }),
    );
  });

  it("the order of the rows does not change what an import does", () => {
    fc.assert(
      fc.property(registry, registry, fc.integer(), (stored, incoming, seed) => {
        const [header, ...rows] = asTable(incoming);
        const shuffled = [...rows].sort((a, b) => ((a.join("|").length * 31 + seed) % 7) - ((b.join("|").length * 31 + seed) % 7));
        const plan = (table: string[][]) => planRegistryImport(validateRegistryTable(table, PROVINCES).institutions, byCode(stored)).counts;
        expect(plan([header!, ...shuffled])).toEqual(plan([header!, ...rows]));
      }),
    );
  });

  it("never throws on arbitrary cells, reports rows inside the file, and imports nothing from a row with an error", () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("KL", "KOTA", "16", "Aceh", "JASA", "ya", ""));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 9, maxLength: 9 }), { maxLength: 20 }), (rows) => {
        const result = validateRegistryTable([[...REGISTRY_HEADERS], ...rows], PROVINCES);
        const errorRows = new Set(result.errors.map((e) => e.row));
        for (const row of errorRows) expect(row >= 2 && row <= rows.length + 1).toBe(true);
        const importedRows = result.institutions.flatMap((i: ImportedInstitution) => [i.row, ...i.loci.map((l) => l.row)]);
        for (const row of importedRows) expect(errorRows.has(row)).toBe(false);
      }),
    );
  });
});
