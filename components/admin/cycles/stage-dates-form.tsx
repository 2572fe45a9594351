"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateCycleStagesAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { DataTable } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import type { StageKind, StageProblem } from "@/lib/domain/cycle";

export interface StageDays {
  kind: StageKind;
  startsOn: string;
  endsOn: string;
}

interface Props {
  cycleId: string;
  updatedAt: string;
  stages: StageDays[];
  editable: boolean;
  onSaved: (updatedAt: string) => void;
}

/**
 * The six stage dates as calendar days (WIB). Saving checks the whole schedule on the server; every
 * problem is listed at once, and the fields concerned are marked.
 */
export function StageDatesForm({ cycleId, updatedAt, stages, editable, onSaved }: Props) {
  const t = useTranslations("cycleAdmin");
  const [values, setValues] = useState(stages);
  const [problems, setProblems] = useState<StageProblem[]>([]);
  const { execute, result, isPending } = useAction(updateCycleStagesAction, {
    onSuccess: ({ data }) => {
      if (data.saved) {
        setProblems([]);
        onSaved(data.updatedAt);
      } else {
        setProblems(data.problems);
      }
    },
  });
  const saved = result.data?.saved === true;
  const troubled = new Set(problems.flatMap((p) => ("other" in p ? [p.kind, p.other] : [p.kind])));
  const set = (kind: StageKind, field: "startsOn" | "endsOn", value: string) =>
    setValues((current) => current.map((s) => (s.kind === kind ? { ...s, [field]: value } : s)));
  const stageName = (kind: StageKind) => t(`stage.${kind}`);
  const describe = (p: StageProblem) =>
    p.code === "OUT_OF_ORDER"
      ? t("stageProblem.OUT_OF_ORDER", { stage: stageName(p.kind), edge: t(`edge.${p.edge}`), other: stageName(p.other), otherEdge: t(`edge.${p.otherEdge}`) })
      : t(`stageProblem.${p.code}`, { stage: stageName(p.kind) });

  return (
    <form action={() => execute({ cycleId, expectedUpdatedAt: updatedAt, stages: values })} className="space-y-4" noValidate aria-labelledby="stages-title">
      <h2 id="stages-title" className="text-lg font-semibold">
        {t("setup.stagesTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("setup.stagesIntro")}</p>
      <ActionErrorMessage error={result.serverError} />
      <div aria-live="polite">
        {problems.length > 0 ? (
          <div id="stage-problems" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">{t("setup.problems", { count: problems.length })}</p>
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p, i) => (
                <li key={i}>{describe(p)}</li>
              ))}
            </ul>
          </div>
        ) : saved ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("setup.stagesSaved")}
          </p>
        ) : null}
      </div>
      <DataTable caption={t("setup.stagesTitle")} headers={[t("setup.stage"), t("setup.startsOn"), t("setup.endsOn")]}>
        {values.map((stage) => {
          const invalid = troubled.has(stage.kind);
          return (
            <tr key={stage.kind} data-testid={`stage-${stage.kind}`}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {stageName(stage.kind)}
              </th>
              {(["startsOn", "endsOn"] as const).map((field) => (
                <td key={field} className="px-4 py-2">
                  <input
                    type="date"
                    required
                    value={stage[field]}
                    disabled={!editable}
                    aria-label={t(field === "startsOn" ? "setup.startOf" : "setup.endOf", { stage: stageName(stage.kind) })}
                    aria-invalid={invalid || undefined}
                    aria-describedby={invalid ? "stage-problems" : undefined}
                    onChange={(e) => set(stage.kind, field, e.target.value)}
                    className={`rounded-md border px-3 py-2 ${invalid ? "border-red-500" : "border-slate-300"} disabled:bg-slate-100`}
                  />
                </td>
              ))}
            </tr>
          );
        })}
      </DataTable>
      {editable ? (
        <Button type="submit" size="lg" disabled={isPending} aria-busy={isPending}>
          {isPending ? t("setup.saving") : t("setup.saveStages")}
        </Button>
      ) : (
        <p className="text-sm text-slate-600">{t("setup.stagesFixed")}</p>
      )}
    </form>
  );
}
