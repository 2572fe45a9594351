export function GradeBadge({ grade, label }: { grade: string; label: string }) {
  const tone = grade.startsWith("A") ? "bg-emerald-700" : grade.startsWith("B") ? "bg-sky-700" : grade.startsWith("C") ? "bg-amber-600" : "bg-red-700";
  return (
    <span className="inline-flex items-center gap-2">
      <span className={`rounded-md px-2 py-0.5 text-sm font-bold text-white ${tone}`}>{grade}</span>
      <span className="font-medium">{label}</span>
    </span>
  );
}
