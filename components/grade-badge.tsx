import { GRADE_TEXT_COLOUR, gradeBackground } from "./grade-colours";

export function GradeBadge({ grade, label }: { grade: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="rounded-md px-2 py-0.5 text-sm font-bold" style={{ backgroundColor: gradeBackground(grade), color: GRADE_TEXT_COLOUR }}>
        {grade}
      </span>
      <span className="font-medium">{label}</span>
    </span>
  );
}
