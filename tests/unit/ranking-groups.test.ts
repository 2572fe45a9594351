import { describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { fromFraction, parseDecimal, type Rational } from "@/lib/domain/rational";
import { gradeDistribution, nationalIndex } from "@/lib/domain/results/national-figures";
import type { InstitutionType } from "@/lib/domain/registry/fields";
import { groupListing, rankInstitutions, type RankableInstitution } from "@/lib/domain/results/ranking-groups";

function inst(id: string, type: InstitutionType, index: Rational | string, provinceId: string | null = null): RankableInstitution {
  const value = typeof index === "string" ? parseDecimal(index) : index;
  const c = classify(value);
  return { id, name: id, type, provinceId, index: value, published: c.published, grade: c.grade };
}

describe("ranking groups", () => {
  const ranked = rankInstitutions([
    inst("kab1", "KABUPATEN", "3.50", "p1"),
    inst("kota1", "KOTA", "3.90", "p1"),
    inst("kab2", "KABUPATEN", fromFraction(3504, 1000), "p1"),
    inst("kab3", "KABUPATEN", "4.00", "p2"),
    inst("prov1", "PROVINSI", "4.20", "p1"),
    inst("kl1", "KL", "4.00"),
  ]);

  it("ranks each type nationally, ties by published value, order by exact value", () => {
    const kab = groupListing(ranked, { kind: "NATIONAL", type: "KABUPATEN" });
    expect(kab.map((r) => [r.id, r.standing.rank, r.standing.tied])).toEqual([
      ["kab3", 1, false],
      ["kab2", 2, true],
      ["kab1", 2, true],
    ]);
  });

  it("ranks regencies and cities of a province together, without the province itself", () => {
    const p1 = groupListing(ranked, { kind: "PROVINCE", provinceId: "p1" });
    expect(p1.map((r) => [r.id, r.standing.rank, r.standing.size])).toEqual([
      ["kota1", 1, 3],
      ["kab2", 2, 3],
      ["kab1", 2, 3],
    ]);
    expect(ranked.find((r) => r.id === "prov1")!.province).toBeNull();
    expect(ranked.find((r) => r.id === "kl1")!.province).toBeNull();
  });

  it("gives every institution exactly one national standing within its type's size", () => {
    for (const r of ranked) expect(r.national.rank).toBeLessThanOrEqual(r.national.size);
    expect(ranked.map((r) => r.type)).toEqual(["KL", "PROVINSI", "KABUPATEN", "KABUPATEN", "KABUPATEN", "KOTA"]);
  });
});

describe("national figures", () => {
  it("the national index is the exact mean of institution indices, rounded half up only to publish", () => {
    // (3.875 + 3.88) / 2 = 3.8775 → 3.88 (B). A mean of already-rounded values would give (3.88 + 3.88) / 2 as well,
    // but (3.005 + 3.0) / 2 = 3.0025 → 3.00 shows the difference from rounding first (3.01 + 3.00) / 2 = 3.005 → 3.01.
    expect(nationalIndex([fromFraction(3875, 1000), parseDecimal("3.88")])).toMatchObject({ published: "3.88", grade: "B" });
    expect(nationalIndex([fromFraction(3005, 1000), parseDecimal("3.00")])).toMatchObject({ published: "3.00", grade: "C" });
    expect(nationalIndex([])).toBeNull();
  });

  it("the grade distribution lists every grade in table order, zeros included", () => {
    const distribution = gradeDistribution(["B", "A", "B", "F"]);
    expect(distribution.map((d) => d.grade)).toEqual(["A", "A-", "B", "B-", "C", "C-", "D", "E", "F"]);
    expect(distribution.filter((d) => d.count > 0)).toEqual([
      { grade: "A", label: "Pelayanan Prima", count: 1 },
      { grade: "B", label: "Baik", count: 2 },
      { grade: "F", label: "Gagal", count: 1 },
    ]);
  });
});
