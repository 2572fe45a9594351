import { getTranslations } from "next-intl/server";
import type { VersionDiff } from "@/lib/domain/results/versions";

/** What a published correction changed: indices, grades, ranks and award eligibility. */
export async function VersionChanges({ changes, testId }: { changes: VersionDiff | null; testId?: string }) {
  const t = await getTranslations("correction");
  if (!changes) return <p className="text-sm text-slate-600">{t("notPublishedCycle")}</p>;
  return (
    <div className="space-y-2 text-sm" data-testid={testId}>
      <p className="font-medium">{changes.rankChanged ? t("rankChanged") : t("rankUnchanged")}</p>
      <p className="font-medium">{changes.awards.length > 0 ? t("awardsChanged", { count: changes.awards.length }) : t("awardsUnchanged")}</p>
      {changes.standings.length > 0 ? (
        <ul className="list-disc pl-5">
          {changes.standings.map((s) => (
            <li key={s.institutionId}>
              {t("standingLine", {
                name: s.name,
                before: s.before ? `${s.before.published} (${s.before.grade}) #${s.before.national}` : "—",
                after: s.after ? `${s.after.published} (${s.after.grade}) #${s.after.national}` : "—",
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {changes.awards.length > 0 ? (
        <ul className="list-disc pl-5">
          {changes.awards.map((a) => (
            <li key={`${a.ruleId}-${a.institutionId}-${a.locusId ?? ""}`}>{t("awardLine", { change: a.change, rule: a.ruleId, name: a.institutionName })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
