import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { AppealView } from "@/lib/server/appeals/appeals";
import { DAY } from "@/lib/i18n/formats";

/** Appeals as cards: indicator, status, argument, evidence, levels and the decision; `actions` per appeal. */
export async function AppealList({
  appeals,
  showLocus = false,
  actions,
}: {
  appeals: AppealView[];
  showLocus?: boolean;
  actions?: (appeal: AppealView) => ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("appeals"), getFormatter()]);
  if (appeals.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <ul className="space-y-3">
      {appeals.map((appeal) => (
        <li key={appeal.id} className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid={`appeal-${appeal.indicator.code}`}>
          <div className="flex flex-wrap items-center gap-2">
            <strong>
              {appeal.indicator.code} · {appeal.indicator.name}
            </strong>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs" data-testid="appeal-status">
              {t(`status.${appeal.status}`)}
            </span>
          </div>
          {showLocus ? (
            <p className="text-slate-600">
              {t("locus")}: {appeal.assessment.locus.institution.name} · {appeal.assessment.locus.name} · {appeal.assessment.cycle.name}
            </p>
          ) : null}
          <p className="mt-1">
            {t("filedBy")}: {appeal.filedBy.name} · {format.dateTime(appeal.filedAt, DAY)}
          </p>
          <p className="mt-1 whitespace-pre-wrap">
            {t("argument")}: {appeal.argument}
          </p>
          {appeal.evidence.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {appeal.evidence.map((e) => (
                <li key={e.id}>
                  <a className="underline" href={`/api/evidence/${e.id}`}>
                    {e.originalName}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1">
            {t("levelBefore")}: {appeal.levelBefore ?? "-"}
            {appeal.status === "ACCEPTED" ? ` → ${t("levelAfter")}: ${appeal.levelAfter ?? "-"}` : ""}
          </p>
          {appeal.reviewer ? (
            <p className="mt-1">
              {t("reviewer")}: {appeal.reviewer.name}
            </p>
          ) : null}
          {appeal.decidedAt ? (
            <p className="mt-1 whitespace-pre-wrap" data-testid="appeal-decision">
              {t(appeal.status === "ACCEPTED" ? "note" : "reason")}: {appeal.decisionNote}
            </p>
          ) : null}
          {actions ? <div className="mt-3">{actions(appeal)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
