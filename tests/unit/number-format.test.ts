import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * One number format for id and en (issue 19: "1884 lokus" beside "1.884"). A bare ICU argument
 * `{count}` prints a number as String(n), without the locale's grouping, while `format.number` and
 * `{count, number}` group it ("1.884" in id, "1,884" in en). Counts in messages are therefore
 * always `{x, number}` (or a plural's `#`).
 */
const COUNT_ARGUMENTS = new Set(["count", "total", "answered", "verified", "shown", "active", "unassigned", "minimum", "respondents", "overdue"]);

/**
 * Messages whose argument of such a name is not a count: a grade, a published score, a weight sum
 * that may be "?"; and the Berita Acara's PDF text, which stays as it was signed.
 */
const NOT_COUNTS = new Set([
  "awards.reason.GRADE",
  "dashboard.lossItem",
  "verification.gradeLine",
  "instrumentAdmin.editor.aspectSum",
  "instrumentAdmin.editor.indicatorSum",
  "instrumentAdmin.problem.ASPECT_WEIGHTS_SUM",
  "instrumentAdmin.problem.INDICATOR_WEIGHTS_SUM",
  "signOff.pdf.f03LeftOut",
]);

function entries(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? entries(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}

/** The names of bare arguments (`{x}`), also inside plural and select branches. */
function bareArguments(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.argument) return [element.value];
    if (element.type === TYPE.plural || element.type === TYPE.select) return Object.values(element.options).flatMap((option) => bareArguments(option.value));
    if (element.type === TYPE.tag) return bareArguments(element.children);
    return [];
  });
}

describe("numbers in messages", () => {
  for (const locale of ["id", "en"] as const) {
    it(`${locale}: every count is formatted as a number ({x, number}), never printed bare`, () => {
      const bare = entries(MESSAGES[locale])
        .filter(([key]) => !NOT_COUNTS.has(key))
        .flatMap(([key, message]) =>
          bareArguments(parse(message, { ignoreTag: true }))
            .filter((name) => COUNT_ARGUMENTS.has(name))
            .map((name) => `${key}: {${name}}`),
        );
      expect(bare).toEqual([]);
    });
  }

  it("prints a count with the locale's grouping, as format.number does", () => {
    const id = createTranslator({ locale: "id", messages: MESSAGES.id });
    const en = createTranslator({ locale: "en", messages: MESSAGES.en });
    expect(id("cycleAdmin.overview.matrixIntro", { count: 1884 })).toBe("1.884 lokus dalam siklus ini.");
    expect(en("cycleAdmin.overview.matrixIntro", { count: 1884 })).toBe("1,884 loci in this cycle.");
  });
});
