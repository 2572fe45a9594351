import { describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { parseDecimal } from "@/lib/domain/rational";
import type { AwardInstitution, AwardRule } from "@/lib/domain/results/awards";
import { correctedAt, diffVersions, pickVersion } from "@/lib/domain/results/versions";
import type { InstitutionType } from "@/lib/domain/registry/fields";

const name = { id: "x", en: "x" };

function institution(id: string, type: InstitutionType, index: string, province: string | null = null): AwardInstitution {
  const value = parseDecimal(index);
  const c = classify(value);
  return { id, name: id, type, provinceId: province, provinceName: province, index: value, published: c.published, grade: c.grade, loci: [] };
}

const v = (number: number, day: number) => ({ number, publishedAt: new Date(Date.UTC(2026, 2, day)) });

describe("result versions (docs/domain.md §6.4)", () => {
  it("picks the current version (highest number) unless one is asked for, and refuses an unknown one", () => {
    const versions = [v(1, 15), v(2, 20), v(3, 25)];
    expect(pickVersion(versions, undefined)?.number).toBe(3);
    expect(pickVersion(versions, 1)?.number).toBe(1);
    expect(pickVersion(versions, 4)).toBeNull();
    expect(pickVersion([], undefined)).toBeNull();
  });

  it("marks a cycle corrected only when it has more than its first version, with the latest date", () => {
    expect(correctedAt([v(1, 15)])).toBeNull();
    expect(correctedAt([v(1, 15), v(2, 20), v(3, 25)])).toEqual(new Date(Date.UTC(2026, 2, 25)));
  });

  it("reports no difference between equal versions", () => {
    const list = [institution("a", "KL", "4.00"), institution("b", "KL", "3.00")];
    expect(diffVersions(list, list, [])).toEqual({ standings: [], rankChanged: false, awards: [] });
  });

  it("reports an index change that keeps every rank as a change without a rank change", () => {
    const before = [institution("a", "KL", "4.00"), institution("b", "KL", "3.00")];
    const after = [institution("a", "KL", "4.20"), institution("b", "KL", "3.00")];
    const diff = diffVersions(before, after, []);
    expect(diff.rankChanged).toBe(false);
    expect(diff.standings).toEqual([
      {
        institutionId: "a",
        name: "a",
        before: { published: "4.00", grade: "B", national: 1, province: null },
        after: { published: "4.20", grade: "A-", national: 1, province: null },
      },
    ]);
  });

  it("reports a rank change for both institutions that swap, and the award eligibility gained and lost", () => {
    const rules: AwardRule[] = [
      { id: "top1", kind: "TOP_N", group: "KL", n: 1, name },
      { id: "prima", kind: "GRADE", subject: "INSTITUTION", grade: "A", name },
    ];
    const before = [institution("a", "KL", "4.60"), institution("b", "KL", "4.40")];
    const after = [institution("a", "KL", "4.30"), institution("b", "KL", "4.40")];
    const diff = diffVersions(before, after, rules);
    expect(diff.rankChanged).toBe(true);
    expect(diff.standings.map((s) => [s.institutionId, s.before?.national, s.after?.national])).toEqual([
      ["a", 1, 2],
      ["b", 2, 1],
    ]);
    expect(diff.awards.map((a) => `${a.change} ${a.ruleId} ${a.institutionId}`).sort()).toEqual(["GAINED top1 b", "LOST prima a", "LOST top1 a"]);
  });

  it("reports the province rank of regencies and an institution that leaves or joins the listing", () => {
    const before = [institution("k1", "KABUPATEN", "3.00", "p"), institution("k2", "KABUPATEN", "3.50", "p")];
    const after = [institution("k1", "KABUPATEN", "3.60", "p")];
    const diff = diffVersions(before, after, []);
    expect(diff.rankChanged).toBe(true);
    const k1 = diff.standings.find((s) => s.institutionId === "k1")!;
    expect([k1.before?.province, k1.after?.province]).toEqual([2, 1]);
    expect(diff.standings.find((s) => s.institutionId === "k2")?.after).toBeNull();
  });
});
