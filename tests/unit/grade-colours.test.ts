import { describe, expect, it } from "vitest";
import { GRADE_TEXT_COLOUR, gradeBackground } from "@/components/grade-colours";
import { GRADE_BANDS } from "@/lib/domain/grades";

/** Relative luminance of an sRGB colour "#rrggbb" (WCAG 2.1, definition of relative luminance). */
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours (WCAG 2.1, definition of contrast ratio). */
function contrast(a: string, b: string) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("grade colours", () => {
  it("computes contrast as WCAG does (checks of the formula)", () => {
    expect(contrast("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrast("#ffffff", "#e17100")).toBeCloseTo(3.2, 1); // the old C badge of issue 19
  });

  for (const { grade } of GRADE_BANDS) {
    it(`${grade}: the badge's text on its background reaches 4.5:1 (AA), and the bar 3:1 on white`, () => {
      const background = gradeBackground(grade);
      expect(background).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(GRADE_TEXT_COLOUR, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast("#ffffff", background)).toBeGreaterThanOrEqual(3);
    });
  }
});
