import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { classify } from "@/lib/domain/grades";
import { fromFraction, parseDecimal, type Rational } from "@/lib/domain/rational";
import { evaluateAwards, type AwardInstitution, type AwardRule } from "@/lib/domain/results/awards";
import type { InstitutionType } from "@/lib/domain/registry/fields";
import { ZAwardRules } from "@/lib/schemas/awards";

const name = { id: "x", en: "x" };

function institution(id: string, type: InstitutionType, index: Rational | string, options: { province?: string; loci?: string[] } = {}): AwardInstitution {
  const value = typeof index === "string" ? parseDecimal(index) : index;
  const c = classify(value);
  return {
    id,
    name: id,
    type,
    provinceId: options.province ?? null,
    provinceName: options.province ? `Provinsi ${options.province}` : null,
    index: value,
    published: c.published,
    grade: c.grade,
    loci: (options.loci ?? []).map((published, i) => ({
      id: `${id}-L${i}`,
      name: `${id} lokus ${i}`,
      published,
      grade: classify(parseDecimal(published)).grade,
    })),
  };
}

const ids = (eligible: { institutionId: string }[] | undefined) => (eligible ?? []).map((e) => e.institutionId).sort();

describe("award rules over final results", () => {
  it("Pelayanan Prima takes grade A on the published value: 4.505 rounds to 4.51 and qualifies, 4.50 does not", () => {
    const rules: AwardRule[] = [{ id: "prima", kind: "GRADE", subject: "INSTITUTION", grade: "A", name }];
    const result = evaluateAwards(rules, [institution("a", "KL", fromFraction(4505, 1000)), institution("b", "KL", "4.50"), institution("c", "KOTA", "5.00")]);
    expect(ids(result.get("prima"))).toEqual(["a", "c"]);
    expect(result.get("prima")![0]!.reason).toEqual({ kind: "GRADE", values: { published: "4.51", grade: "A", minimum: "4.51" } });
  });

  it("Pelayanan Prima for loci lists each grade-A locus with its institution", () => {
    const rules: AwardRule[] = [{ id: "prima-locus", kind: "GRADE", subject: "LOCUS", grade: "A", name }];
    const result = evaluateAwards(rules, [institution("a", "KOTA", "4.20", { loci: ["4.60", "3.90", "4.51"] })]);
    expect(result.get("prima-locus")!.map((e) => e.locus?.id)).toEqual(["a-L0", "a-L2"]);
  });

  it("top N includes every institution tied at the boundary, and nobody below it", () => {
    const rules: AwardRule[] = [{ id: "top3", kind: "TOP_N", group: "KABUPATEN", n: 3, name }];
    const result = evaluateAwards(rules, [
      institution("k1", "KABUPATEN", "4.80"),
      institution("k2", "KABUPATEN", "4.70"),
      // 4.604 and 4.596 both publish as 4.60: a tie for rank 3, so both are in.
      institution("k3", "KABUPATEN", fromFraction(4604, 1000)),
      institution("k4", "KABUPATEN", fromFraction(4596, 1000)),
      institution("k5", "KABUPATEN", "4.59"),
      // Another group never counts towards this one.
      institution("c1", "KOTA", "4.99"),
    ]);
    expect(ids(result.get("top3"))).toEqual(["k1", "k2", "k3", "k4"]);
    const k4 = result.get("top3")!.find((e) => e.institutionId === "k4")!;
    expect(k4.reason.values).toMatchObject({ rank: 3, n: 3, size: 5, published: "4.60", tied: 1 });
  });

  it("top N with a tie above the boundary leaves the next rank out (1, 2, 2, 4: top 3 is three)", () => {
    const rules: AwardRule[] = [{ id: "top3", kind: "TOP_N", group: "KL", n: 3, name }];
    const result = evaluateAwards(rules, [
      institution("a", "KL", "4.9"),
      institution("b", "KL", "4.5"),
      institution("c", "KL", "4.5"),
      institution("d", "KL", "4.4"),
    ]);
    expect(ids(result.get("top3"))).toEqual(["a", "b", "c"]);
  });

  it("best of a province: rank 1 among its regencies and cities together, ties included, provinces apart", () => {
    const rules: AwardRule[] = [{ id: "best", kind: "PROVINCE_BEST", name }];
    const result = evaluateAwards(rules, [
      institution("kab-a", "KABUPATEN", "4.10", { province: "16" }),
      institution("kota-a", "KOTA", "4.10", { province: "16" }),
      institution("kab-b", "KABUPATEN", "3.00", { province: "16" }),
      // The province itself is not in its own regencies' group.
      institution("prov", "PROVINSI", "4.90", { province: "16" }),
      institution("kab-c", "KABUPATEN", "2.00", { province: "31" }),
    ]);
    expect(ids(result.get("best"))).toEqual(["kab-a", "kab-c", "kota-a"]);
    expect(result.get("best")!.find((e) => e.institutionId === "kab-a")!.reason.values).toMatchObject({ province: "Provinsi 16", size: 3, tied: 1 });
  });

  it("Pembina Prima needs every locus at grade A, and at least one locus", () => {
    const rules: AwardRule[] = [{ id: "pembina", kind: "ALL_LOCI_GRADE", grade: "A", name }];
    const result = evaluateAwards(rules, [
      institution("all", "KOTA", "4.70", { loci: ["4.60", "4.51", "5.00"] }),
      institution("one-short", "KOTA", "4.70", { loci: ["4.60", "4.50", "5.00"] }),
      institution("none", "KOTA", "4.70"),
    ]);
    expect(ids(result.get("pembina"))).toEqual(["all"]);
    expect(result.get("pembina")![0]!.reason.values).toEqual({ loci: 3, grade: "A", lowest: "4.51" });
  });

  it("top N never names fewer than N when the group has N or more, and every one named ranks within N", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (hundredths, n) => {
        const list = hundredths.map((h, i) => institution(`i${i}`, "KOTA", fromFraction(h, 100)));
        const eligible = evaluateAwards([{ id: "t", kind: "TOP_N", group: "KOTA", n, name }], list).get("t")!;
        expect(eligible.length).toBeGreaterThanOrEqual(Math.min(n, list.length));
        const cutoff = Math.min(...eligible.map((e) => Number(String(e.reason.values.published).replace(".", ""))));
        // Everybody at or above the lowest eligible published value is eligible: ties are never split.
        expect(eligible.length).toBe(hundredths.filter((h) => h >= cutoff).length);
      }),
    );
  });

  it("the shipped rules file is valid data and names the published award kinds", () => {
    const rules = ZAwardRules.parse(JSON.parse(readFileSync("prisma/awards/award-rules.json", "utf8")));
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(["GRADE", "TOP_N", "PROVINCE_BEST", "ALL_LOCI_GRADE"]));
    expect(ZAwardRules.safeParse([...rules, rules[0]]).success).toBe(false);
    expect(ZAwardRules.safeParse([{ id: "x", kind: "TOP_N", group: "KL", n: 0, name }]).success).toBe(false);
  });
});
