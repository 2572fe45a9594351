import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZAddEvidenceLink } from "@/lib/domain/evidence/link";
import { ZInstrumentShape } from "@/lib/domain/instrument/schema";
import { validateRegistryTable, REGISTRY_HEADERS } from "@/lib/domain/registry";
import { MESSAGES } from "@/lib/i18n/messages";
import { ZAuditSearch } from "@/lib/schemas/audit";
import { ZCreateCycle } from "@/lib/schemas/cycles";
import { ZCreateFollowUp, ZReviewFollowUp } from "@/lib/schemas/follow-up";
import { ZCreateRecommendation } from "@/lib/schemas/recommendations";
import { ZCreateInstitution, ZCreateLocus, ZInstitutionSearch } from "@/lib/schemas/registry";
import { ZRankingQuery } from "@/lib/schemas/results";
import { ZSaveAnswer } from "@/lib/schemas/self-assessment";
import { isStorableText, searchText, TEXT_INVALID_CHARACTERS, text } from "@/lib/schemas/text";
import { ZCreateUser, ZUserSearch } from "@/lib/schemas/users";
import { ZQueueFilter, ZReturnForRevision, ZSaveVerifiedAnswer } from "@/lib/schemas/verification";

// Issue 13, defect 12: a NUL or an unpaired surrogate in a text is refused with a message, never
// sent to PostgreSQL (which answers "invalid byte sequence" and the portal a 500).

const NUL = "\u0000";
const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";
const UUID = "00000000-0000-4000-8000-000000000000";

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("the shared text schema", () => {
  it.each([
    ["a NUL", `SK ada${NUL}`],
    ["a lone high surrogate", `SK ${LONE_HIGH} ada`],
    ["a lone low surrogate", `${LONE_LOW}SK ada`],
    ["a high surrogate at the end", `SK ada${LONE_HIGH}`],
  ])("refuses %s with its message", (_what, value) => {
    expect(isStorableText(value)).toBe(false);
    expect(messagesOf(text().safeParse(value))).toEqual([TEXT_INVALID_CHARACTERS]);
  });

  it("accepts any text of well-formed characters other than NUL, emoji and diacritics included", () => {
    expect(text().parse("Pelayanan prima 👍 Ọ́kè\ttab\nbaris")).toBe("Pelayanan prima 👍 Ọ́kè\ttab\nbaris");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (value) => {
        expect(isStorableText(value)).toBe(!value.includes(NUL));
      }),
    );
  });

  it("refuses in search texts too, blank still meaning absent", () => {
    expect(searchText().parse("  ")).toBeUndefined();
    expect(searchText().parse(" Palembang ")).toBe("Palembang");
    expect(messagesOf(searchText().safeParse(`Palembang${NUL}`))).toEqual([TEXT_INVALID_CHARACTERS]);
  });

  it("has its message in both catalogues, Bahasa Indonesia first", () => {
    expect(MESSAGES.id.validation.textInvalidCharacters).toMatch(/karakter/);
    expect(MESSAGES.en.validation.textInvalidCharacters).toMatch(/character/);
  });
});

describe("every schema that takes free text uses it", () => {
  const cases: [string, { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, (bad: string) => unknown][] = [
    ["justification", ZSaveAnswer, (bad) => ({ indicatorCode: "1.a.Ak", level: 3, justification: `ada ${bad}`, baseVersion: 0 })],
    ["verifier note", ZSaveVerifiedAnswer, (bad) => ({ indicatorCode: "1.a.Ak", level: 3, note: bad, baseVersion: 0 })],
    ["return reason", ZReturnForRevision, (bad) => ({ assessmentId: UUID, summary: "", reasons: [{ indicatorCode: "1.a.Ak", reason: `alasan ${bad}` }] })],
    [
      "recommendation",
      ZCreateRecommendation,
      (bad) => ({ assessmentId: UUID, target: "aspect:A", text: `rekomendasi panjang ${bad}`, targetDate: "2026-01-01" }),
    ],
    [
      "follow-up description",
      ZCreateFollowUp,
      (bad) => ({ recommendationId: UUID, description: `tindak lanjut ${bad}`, actionDate: "2026-01-01", status: "PLANNED" }),
    ],
    ["follow-up review note", ZReviewFollowUp, (bad) => ({ followUpId: UUID, decision: "REQUEST_MORE", note: `kurang ${bad}`, baseVersion: 1 })],
    ["institution name", ZCreateInstitution, (bad) => ({ code: "X-1", name: `Kota ${bad}`, type: "KL" })],
    ["locus name", ZCreateLocus, (bad) => ({ institutionId: UUID, name: `Lokus ${bad}`, serviceType: "JASA" })],
    ["user name", ZCreateUser, (bad) => ({ email: "a@b.test", name: `Nama ${bad}`, role: "ADMIN" })],
    ["cycle name", ZCreateCycle, (bad) => ({ from: "copy", year: 2026, name: `Siklus ${bad}`, sourceCycleId: UUID })],
    ["evidence link title", ZAddEvidenceLink, (bad) => ({ indicatorCode: "1.a.Ak", url: "https://x.go.id/a", title: `Judul ${bad}` })],
    ["instrument text", ZInstrumentShape, (bad) => ({ code: "A", version: "1", name: `Instrumen ${bad}`, description: "", aspects: [], surveyItems: [] })],
  ];

  for (const [field, schema, input] of cases) {
    it.each([NUL, LONE_HIGH])(`${field}: refuses %j with the message`, (bad) => {
      expect(messagesOf(schema.safeParse(input(bad)))).toContain(TEXT_INVALID_CHARACTERS);
    });
  }

  it.each([
    ["ranking search", ZRankingQuery],
    ["verification queue", ZQueueFilter],
    ["user search", ZUserSearch],
    ["institution search", ZInstitutionSearch],
  ])("%s: a query with a NUL never reaches the database (the filter is dropped, the page does not fail)", (_what, schema) => {
    expect((schema.parse({ q: `Palembang${NUL}` }) as { q?: string }).q).toBeUndefined();
  });

  it("audit search: a NUL in the actor filter is dropped", () => {
    expect(ZAuditSearch.parse({ actor: `admin${NUL}` }).actor).toBeUndefined();
  });
});

describe("registry import files", () => {
  it("name a cell holding a NUL as a row error, never import it", () => {
    const result = validateRegistryTable([[...REGISTRY_HEADERS], ["KL-X", `Kementerian ${NUL}Uji`, "", "KL", "", "Layanan", "JASA", "", ""]], []);
    expect(result.errors).toEqual([{ row: 2, column: "institutionName", code: "textInvalid" }]);
    expect(result.institutions).toEqual([]);
    expect(MESSAGES.id.registryImport.rowErrors.textInvalid).toBeTruthy();
  });
});
