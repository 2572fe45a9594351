import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endOfDayWib } from "@/lib/domain/cycle/dates";
import {
  missingRatings,
  SURVEY_TOKEN_BYTES,
  SURVEY_TOKEN_PATTERN,
  surveyLinkState,
  surveyRatingsSchema,
  ZCreateSurveyLink,
  ZSubmitSurvey,
  ZSurveyToken,
} from "@/lib/schemas/survey";

const CODE_A_ITEMS = 14;
const schema = surveyRatingsSchema(CODE_A_ITEMS);
const fourteen = (value = 3) => Array.from({ length: CODE_A_ITEMS }, () => value);
const messagesOf = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => ({ message: issue.message, path: issue.path })) ?? [];

describe("F-03 ratings: one integer 0–5 per survey item (docs/domain.md §4)", () => {
  it("accepts exactly 14 integers from 0 to 5", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: CODE_A_ITEMS, maxLength: CODE_A_ITEMS }), (ratings) => {
        expect(schema.parse(ratings)).toEqual(ratings);
      }),
    );
  });

  it("refuses fewer or more ratings than items", () => {
    for (const length of [0, 1, 13, 15, 28]) {
      const result = schema.safeParse(Array.from({ length }, () => 4));
      expect(result.success, `${length} ratings`).toBe(false);
      expect(messagesOf(result).map((m) => m.message)).toContain("survey.errors.itemCount");
    }
  });

  it("names every unrated item by its position", () => {
    const ratings: (number | null)[] = fourteen();
    ratings[2] = null;
    ratings[13] = null;
    const result = schema.safeParse(ratings);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual([
      { message: "survey.errors.ratingMissing", path: [2] },
      { message: "survey.errors.ratingMissing", path: [13] },
    ]);
  });

  it("refuses ratings outside 0–5, fractions and strings", () => {
    for (const bad of [-1, 6, 2.5, Number.NaN, "3", true]) {
      const ratings: unknown[] = fourteen();
      ratings[5] = bad;
      const result = schema.safeParse(ratings);
      expect(result.success, `rating ${String(bad)}`).toBe(false);
      expect(messagesOf(result)[0]).toEqual({ message: "survey.errors.ratingInvalid", path: [5] });
    }
  });

  it("lists the 1-based numbers of the missing items in order, and none when all are rated", () => {
    expect(missingRatings([1, null, 3, undefined, 5], 5)).toEqual([2, 4]);
    expect(missingRatings([1, 2], 4)).toEqual([3, 4]);
    expect(missingRatings(fourteen(0), CODE_A_ITEMS)).toEqual([]);
    // A rating of 0 is an answer ("sangat buruk"), not a missing one.
    expect(missingRatings([0, 0, 0], 3)).toEqual([]);
  });
});

describe("the public submission's shape", () => {
  const token = "A".repeat(32);

  it("takes a token and ratings that may still contain unrated items (the server names them)", () => {
    expect(ZSubmitSurvey.parse({ token, ratings: [null, 3, 5] })).toEqual({ token, ratings: [null, 3, 5] });
  });

  it("refuses extra fields, an empty or oversized ratings list and a malformed token", () => {
    expect(ZSubmitSurvey.safeParse({ token, ratings: fourteen(), respondentKey: "x" }).success).toBe(false);
    expect(ZSubmitSurvey.safeParse({ token, ratings: [] }).success).toBe(false);
    expect(ZSubmitSurvey.safeParse({ token, ratings: Array.from({ length: 101 }, () => 1) }).success).toBe(false);
    expect(ZSubmitSurvey.safeParse({ token: "short", ratings: fourteen() }).success).toBe(false);
    expect(ZSubmitSurvey.safeParse({ token, ratings: [7] }).success).toBe(false);
  });
});

describe("link tokens", () => {
  it("are long enough for 128 bits and are what base64url of the minted bytes looks like", () => {
    expect(SURVEY_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: SURVEY_TOKEN_BYTES, maxLength: SURVEY_TOKEN_BYTES }), (bytes) => {
        const token = Buffer.from(bytes).toString("base64url");
        expect(token).toHaveLength(32);
        expect(ZSurveyToken.safeParse(token).success).toBe(true);
      }),
    );
  });

  it("refuses anything that is not a plain base64url string of 22–64 characters", () => {
    for (const bad of [
      "",
      "a".repeat(21),
      "a".repeat(65),
      `${"a".repeat(31)}=`,
      `${"a".repeat(31)}/`,
      `${"a".repeat(31)}+`,
      `../${"a".repeat(30)}`,
      `${"a".repeat(31)} `,
    ]) {
      expect(SURVEY_TOKEN_PATTERN.test(bad), JSON.stringify(bad)).toBe(false);
      expect(ZSurveyToken.safeParse(bad).error?.issues[0]?.message).toBe("survey.errors.tokenInvalid");
    }
    expect(SURVEY_TOKEN_PATTERN.test("a".repeat(22))).toBe(true);
  });
});

describe("link state", () => {
  const now = new Date("2026-08-10T05:00:00Z");

  it("is open without closing time, or before it", () => {
    expect(surveyLinkState({ closedAt: null, closesAt: null }, now)).toBe("open");
    expect(surveyLinkState({ closedAt: null, closesAt: new Date(now.getTime() + 1) }, now)).toBe("open");
  });

  it("has expired from its closing time on", () => {
    expect(surveyLinkState({ closedAt: null, closesAt: now }, now)).toBe("expired");
    expect(surveyLinkState({ closedAt: null, closesAt: "2026-08-01T00:00:00.000Z" }, now)).toBe("expired");
  });

  it("is closed once closed by hand, whatever its closing time", () => {
    expect(surveyLinkState({ closedAt: new Date(now.getTime() - 1000), closesAt: null }, now)).toBe("closed");
    expect(surveyLinkState({ closedAt: new Date(now.getTime() - 1000), closesAt: new Date(now.getTime() + 86_400_000) }, now)).toBe("closed");
  });
});

describe("creating a link", () => {
  const assessmentId = "0b6c3d7e-8f41-4f4a-9a51-2c1d0e9f8a7b";

  it("closes at the end of the chosen day in Asia/Jakarta (WIB, UTC+7)", () => {
    expect(endOfDayWib("2026-08-17").toISOString()).toBe("2026-08-17T16:59:59.999Z");
  });

  it("treats an empty closing date as none and refuses a malformed one or an extra field", () => {
    expect(ZCreateSurveyLink.parse({ assessmentId, closesOn: "" })).toEqual({ assessmentId });
    expect(ZCreateSurveyLink.parse({ assessmentId, closesOn: "2026-08-17" })).toEqual({ assessmentId, closesOn: "2026-08-17" });
    expect(ZCreateSurveyLink.safeParse({ assessmentId, closesOn: "17/08/2026" }).error?.issues[0]?.message).toBe("surveyAdmin.errors.dateInvalid");
    expect(ZCreateSurveyLink.safeParse({ assessmentId: "not-a-uuid" }).success).toBe(false);
    expect(ZCreateSurveyLink.safeParse({ assessmentId, token: "chosen-by-the-client" }).success).toBe(false);
  });
});
