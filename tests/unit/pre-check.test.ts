import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PRE_CHECK_RULE_IDS,
  PRE_CHECK_RULES,
  type PreCheckAnswer,
  type PreCheckEvidence,
  type PreCheckFacts,
  runPreCheck,
  storedFileState,
} from "@/lib/domain/pre-check";

const rubric = (code: string) => [0, 1, 2, 3, 4, 5].map((l) => `Level ${l} of ${code}: the unit has done step ${l}.`);

const e1: PreCheckEvidence = {
  id: "e1",
  indicatorCode: "1.a",
  kind: "FILE",
  label: "sk.pdf",
  sha256: "h1",
  url: null,
  uploadedAt: "2026-03-01T00:00:00.000Z",
  fileState: "ok",
};
const e2: PreCheckEvidence = {
  id: "e2",
  indicatorCode: "1.b",
  kind: "FILE",
  label: "sp.pdf",
  sha256: "h2",
  url: null,
  uploadedAt: "2026-03-01T00:00:00.000Z",
  fileState: "ok",
};
const e3: PreCheckEvidence = {
  id: "e3",
  indicatorCode: "2.a",
  kind: "LINK",
  label: "https://dinas.example.go.id/survei",
  sha256: null,
  url: "https://dinas.example.go.id/survei",
  uploadedAt: "2026-03-01T00:00:00.000Z",
  fileState: null,
};
const a1: PreCheckAnswer = { indicatorCode: "1.a", level: 3, justification: "SK Kepala Dinas nomor 12 tahun 2026." };
const a2: PreCheckAnswer = { indicatorCode: "1.b", level: 2, justification: "Standar pelayanan dipajang di ruang tunggu." };
const a3: PreCheckAnswer = { indicatorCode: "2.a", level: 4, justification: "Survei internal triwulan ketiga." };
const a4: PreCheckAnswer = { indicatorCode: "3.a", level: 0, justification: "Belum ada." };

const base: PreCheckFacts = {
  indicators: [
    { code: "1.a", aspectCode: "A", rubric: rubric("1.a") },
    { code: "1.b", aspectCode: "A", rubric: rubric("1.b") },
    { code: "2.a", aspectCode: "B", rubric: rubric("2.a") },
    { code: "3.a", aspectCode: "C", rubric: rubric("3.a") },
  ],
  answers: [a1, a2, a3, a4],
  evidence: [e1, e2, e3],
  otherUses: [],
  deadline: "2026-03-31T16:59:59.999Z",
  portalHosts: ["pekppp.example.go.id"],
};

const ids = (facts: PreCheckFacts, disabled?: Set<string>) => runPreCheck(facts, disabled).map((f) => `${f.ruleId}:${f.indicatorCode}:${f.evidenceId ?? ""}`);

describe("evidence pre-check rules (docs/domain.md §8.1)", () => {
  it("a clean locus has no flag", () => {
    expect(runPreCheck(base)).toEqual([]);
  });

  it("every rule has a stable unique id and a severity", () => {
    expect(new Set(PRE_CHECK_RULE_IDS).size).toBe(PRE_CHECK_RULES.length);
    for (const rule of PRE_CHECK_RULES) expect(rule.id).toMatch(/^[A-Z][A-Z_]+$/);
  });

  it("flags a level above 0 without evidence, not a level 0", () => {
    const facts = { ...base, evidence: base.evidence.filter((e) => e.indicatorCode !== "1.b") };
    expect(runPreCheck(facts)).toEqual([{ ruleId: "LEVEL_WITHOUT_EVIDENCE", severity: "high", indicatorCode: "1.b", evidenceId: null, params: { level: 2 } }]);
  });

  it("flags a file another institution used (counting its loci, naming none) and one used for an unrelated indicator", () => {
    const facts: PreCheckFacts = {
      ...base,
      evidence: [...base.evidence, { ...e1, id: "e4", indicatorCode: "3.a" }],
      otherUses: [
        { sha256: "h2", otherInstitution: true, indicatorCode: "1.b", aspectCode: "A", assessmentId: "x1" },
        { sha256: "h2", otherInstitution: true, indicatorCode: "1.b", aspectCode: "A", assessmentId: "x2" },
        { sha256: "h2", otherInstitution: false, indicatorCode: "1.a", aspectCode: "A", assessmentId: "own" },
      ],
    };
    const flags = runPreCheck(facts);
    expect(flags).toContainEqual({
      ruleId: "FILE_USED_BY_OTHER_INSTITUTION",
      severity: "high",
      indicatorCode: "1.b",
      evidenceId: "e2",
      params: { name: "sp.pdf", loci: 2 },
    });
    expect(flags).toContainEqual({
      ruleId: "FILE_REUSED_ACROSS_INDICATORS",
      severity: "medium",
      indicatorCode: "1.a",
      evidenceId: "e1",
      params: { name: "sk.pdf", indicators: "3.a" },
    });
    expect(flags).toContainEqual({
      ruleId: "FILE_REUSED_ACROSS_INDICATORS",
      severity: "medium",
      indicatorCode: "3.a",
      evidenceId: "e4",
      params: { name: "sk.pdf", indicators: "1.a" },
    });
    // The same institution's other locus used it for an indicator of the same aspect: related.
    expect(flags.filter((f) => f.evidenceId === "e2" && f.ruleId === "FILE_REUSED_ACROSS_INDICATORS")).toEqual([]);
  });

  it("flags evidence uploaded after the deadline, unreadable files and links that are no web page or point at the portal", () => {
    const facts: PreCheckFacts = {
      ...base,
      evidence: [
        { ...e1, uploadedAt: "2026-04-02T00:00:00.000Z" },
        { ...e2, fileState: "encrypted" },
        { ...e3, url: "ftp://dinas.example.go.id/x" },
        { ...e3, id: "e5", url: "https://PEKPPP.example.go.id/results" },
      ],
    };
    expect(ids(facts)).toEqual(["EVIDENCE_AFTER_DEADLINE:1.a:e1", "FILE_UNREADABLE:1.b:e2", "LINK_NOT_HTTP:2.a:e3", "LINK_TO_PORTAL:2.a:e5"]);
    expect(runPreCheck(facts).find((f) => f.ruleId === "FILE_UNREADABLE")?.params).toEqual({ name: "sp.pdf", problem: "encrypted" });
  });

  it("flags an empty justification, one copied from the rubric (case and punctuation aside) and one repeated on three indicators", () => {
    const copied = { ...base, answers: [{ ...a1, justification: "  level 3 of 1.A — the unit has done step 3 " }, { ...a2, justification: " " }, a3, a4] };
    expect(ids(copied)).toEqual(["JUSTIFICATION_COPIED_FROM_RUBRIC:1.a:", "JUSTIFICATION_EMPTY:1.b:"]);
    const same = { ...base, answers: base.answers.map((a) => ({ ...a, justification: "Sudah sesuai." })) };
    expect(runPreCheck(same).filter((f) => f.ruleId === "JUSTIFICATION_REPEATED")).toHaveLength(4);
    expect(runPreCheck(same).find((f) => f.indicatorCode === "2.a")?.params).toEqual({ count: 4, indicators: "1.a, 1.b, 3.a" });
  });
});

const arbFacts: fc.Arbitrary<PreCheckFacts> = fc
  .record({
    answers: fc.array(
      fc.record({
        code: fc.constantFrom("1.a", "1.b", "2.a", "3.a"),
        level: fc.option(fc.integer({ min: 0, max: 5 })),
        j: fc.constantFrom("", "Sama.", "Level 2 of 2.a: the unit has done step 2.", "Lain"),
      }),
      { maxLength: 6 },
    ),
    evidence: fc.array(
      fc.record({
        code: fc.constantFrom("1.a", "1.b", "2.a", "3.a"),
        kind: fc.constantFrom("FILE" as const, "LINK" as const),
        hash: fc.constantFrom("h1", "h2", "h3"),
        url: fc.constantFrom("https://a.example/x", "ftp://b.example/y", "https://pekppp.example.go.id/z", "not a url"),
        day: fc.integer({ min: 1, max: 30 }),
        state: fc.constantFrom("ok" as const, "empty" as const, "encrypted" as const, "unreadable" as const),
      }),
      { maxLength: 6 },
    ),
    others: fc.array(
      fc.record({ hash: fc.constantFrom("h1", "h2"), other: fc.boolean(), code: fc.constantFrom("1.a", "2.a"), id: fc.constantFrom("x", "y") }),
      { maxLength: 4 },
    ),
  })
  .map(({ answers, evidence, others }) => ({
    ...base,
    answers: [...new Map(answers.map((a) => [a.code, { indicatorCode: a.code, level: a.level, justification: a.j }])).values()],
    evidence: evidence.map((e, i) => ({
      id: `e${i}`,
      indicatorCode: e.code,
      kind: e.kind,
      label: `f${i}`,
      sha256: e.kind === "FILE" ? e.hash : null,
      url: e.kind === "LINK" ? e.url : null,
      uploadedAt: new Date(Date.UTC(2026, 3, e.day)).toISOString(),
      fileState: e.kind === "FILE" ? e.state : null,
    })),
    otherUses: others.map((o) => ({
      sha256: o.hash,
      otherInstitution: o.other,
      indicatorCode: o.code,
      aspectCode: o.code === "1.a" ? "A" : "B",
      assessmentId: o.id,
    })),
    deadline: "2026-04-15T00:00:00.000Z",
  }));

const shuffle = <T>(list: readonly T[], seed: number) =>
  [...list]
    .map((v, i) => ({ v, k: (i * 7919 + seed) % 101 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.v);

describe("evidence pre-check properties", () => {
  it("is deterministic and does not depend on the order of the facts", () => {
    fc.assert(
      fc.property(arbFacts, fc.nat(), (facts, seed) => {
        const shuffled = {
          ...facts,
          answers: shuffle(facts.answers, seed),
          evidence: shuffle(facts.evidence, seed),
          otherUses: shuffle(facts.otherUses, seed),
        };
        expect(runPreCheck(shuffled)).toEqual(runPreCheck(facts));
      }),
    );
  });

  it("turning a rule off removes exactly its flags", () => {
    fc.assert(
      fc.property(arbFacts, fc.subarray([...PRE_CHECK_RULE_IDS]), (facts, off) => {
        const disabled = new Set(off);
        expect(runPreCheck(facts, disabled)).toEqual(runPreCheck(facts).filter((f) => !disabled.has(f.ruleId)));
      }),
    );
  });

  it("every flag names an indicator of the locus and carries its rule's severity", () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        for (const flag of runPreCheck(facts)) {
          expect(facts.indicators.map((i) => i.code)).toContain(flag.indicatorCode);
          expect(flag.severity).toBe(PRE_CHECK_RULES.find((r) => r.id === flag.ruleId)?.severity);
        }
      }),
    );
  });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe("stored file state", () => {
  it("tells empty, encrypted, cut-short and wrong-type files from sound ones", async () => {
    expect(await storedFileState(new Uint8Array(), "application/pdf")).toBe("empty");
    expect(await storedFileState(bytes("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"), "application/pdf")).toBe("ok");
    expect(await storedFileState(bytes("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R /Encrypt 5 0 R>>\n%%EOF\n"), "application/pdf")).toBe("encrypted");
    expect(await storedFileState(bytes("%PDF-1.7\n1 0 obj<<>>endobj\n"), "application/pdf")).toBe("unreadable");
    expect(await storedFileState(bytes("hello"), "image/png")).toBe("unreadable");
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(17).fill(0)]);
    expect(await storedFileState(png, "image/png")).toBe("unreadable");
    expect(await storedFileState(Uint8Array.from([...png, ...bytes("\0\0\0\0IEND\xae\x42\x60\x82")]), "image/png")).toBe("ok");
    expect(await storedFileState(bytes("PK anything"), "application/vnd.oasis.opendocument.text")).toBe("ok");
  });
});
