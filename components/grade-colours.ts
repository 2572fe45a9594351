/**
 * The colour of each grade, one place for the badges and the grade chart. White text on every
 * background has a contrast ratio of at least 4.5:1 (WCAG 2.1 AA, 1.4.3; the badge's text is
 * 14 px bold, so "large text" does not apply); tests/unit/grade-colours.test.ts computes it.
 */
export const GRADE_TEXT_COLOUR = "#ffffff";

const FAMILY_BACKGROUND: Record<string, string> = {
  A: "#047857", // green
  B: "#0369a1", // blue
  C: "#b45309", // amber, dark enough for white text (it was #e17100: 3.19:1)
  D: "#b91c1c", // red: D, E and F
};

/** The background of a grade's badge or bar: "A" and "A-" share a colour, and so on; D, E, F are red. */
export function gradeBackground(grade: string): string {
  return FAMILY_BACKGROUND[grade.charAt(0)] ?? FAMILY_BACKGROUND.D!;
}
