import { getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/grade-badge";
import type { Classification } from "@/lib/domain/grades";

/** The national index of a cycle and how many institutions it averages. */
export async function NationalIndexCard({
  cycleName,
  national,
  institutions,
  testId,
}: {
  cycleName: string;
  national: Classification | null;
  institutions: number;
  testId: string;
}) {
  const t = await getTranslations("publicResults");
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5" data-testid={testId}>
      <p className="text-sm text-slate-600">{t("nationalIndex", { cycle: cycleName })}</p>
      {national ? (
        <p className="mt-2 flex items-baseline gap-3">
          <span className="text-4xl font-bold tabular-nums" data-testid={`${testId}-value`}>
            {national.published}
          </span>
          <GradeBadge grade={national.grade} label={national.label} />
        </p>
      ) : (
        <p className="mt-2 text-slate-600">—</p>
      )}
      <p className="mt-2 text-xs text-slate-600">{t("nationalBasis", { count: institutions })}</p>
    </div>
  );
}
