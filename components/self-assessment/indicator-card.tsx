"use client";

import { useTranslations } from "next-intl";
import { isScoredIndicator, type InstrumentIndicator } from "@/lib/domain/instrument";
import { MAX_JUSTIFICATION } from "@/lib/schemas/self-assessment";
import type { AnswerValue, Conflict } from "./use-autosave";
import { Textarea } from "@/components/ui/input";

interface Props {
  indicator: InstrumentIndicator;
  answer: AnswerValue | undefined;
  editable: boolean;
  returnReasons: string[];
  conflict: Conflict | undefined;
  onChange: (patch: Partial<AnswerValue>) => void;
  onResolve: (choice: "mine" | "theirs") => void;
  evidence: React.ReactNode;
  /** What the previous cycle recommended on this indicator, and its follow-up. */
  previous?: React.ReactNode;
  /** The indicator's conversation between the unit and its verifiers. */
  conversation?: React.ReactNode;
}

/**
 * One indicator: code and name, the question, the rubric as an accessible radio group (arrow keys
 * move between levels, Tab leaves the group), the justification and the evidence.
 */
export function IndicatorCard({ indicator, answer, editable, returnReasons, conflict, onChange, onResolve, evidence, previous, conversation }: Props) {
  const t = useTranslations("workspace");
  const groupName = `level-${indicator.code}`;
  const chosen = answer?.level ?? null;
  const scored = isScoredIndicator(indicator);
  return (
    <article
      id={`indikator-${indicator.code}`}
      aria-labelledby={`title-${indicator.code}`}
      className="scroll-mt-24 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="indicator-card"
      data-code={indicator.code}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`title-${indicator.code}`} className="font-semibold">
          <span className="mr-2 font-mono text-sm text-slate-600">{indicator.code}</span>
          {/* Read as "1.a.Ak: Standar Pelayanan", not as one word "1.a.AkStandar Pelayanan". */}
          <span className="sr-only">: </span>
          {indicator.name}
        </h3>
        <span className="text-xs text-slate-500">{scored ? t("weight", { weight: indicator.weight }) : t("notScored")}</span>
      </header>
      {indicator.question ? <p className="mt-1 text-sm text-slate-700">{indicator.question}</p> : null}
      {previous}

      {returnReasons.length > 0 ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="return-reason">
          <p className="font-medium">{t("returnReasonTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {returnReasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {conflict ? (
        <div role="alert" aria-label={t("conflictTitle")} className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm" data-testid="conflict">
          <p className="font-medium">{t("conflictTitle")}</p>
          <p className="mt-1">{t("conflictBody", { who: conflict.theirs.updatedBy ?? t("someoneElse") })}</p>
          <dl className="mt-2 grid gap-2 sm:grid-cols-2">
            <div className="rounded border border-red-200 bg-white p-2">
              <dt className="font-medium">{t("conflictTheirs")}</dt>
              <dd>{t("levelValue", { level: conflict.theirs.level ?? "–" })}</dd>
              <dd className="whitespace-pre-wrap text-slate-700">{conflict.theirs.justification || t("noJustification")}</dd>
            </div>
            <div className="rounded border border-red-200 bg-white p-2">
              <dt className="font-medium">{t("conflictMine")}</dt>
              <dd>{t("levelValue", { level: conflict.mine.level ?? "–" })}</dd>
              <dd className="whitespace-pre-wrap text-slate-700">{conflict.mine.justification || t("noJustification")}</dd>
            </div>
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" onClick={() => onResolve("theirs")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
              {t("keepTheirs")}
            </button>
            <button type="button" onClick={() => onResolve("mine")} className="rounded-md bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-900">
              {t("keepMine")}
            </button>
          </div>
        </div>
      ) : null}

      <fieldset className="mt-4" disabled={!editable || Boolean(conflict)}>
        <legend className="text-sm font-medium">{t("levelLegend", { code: indicator.code })}</legend>
        {editable ? (
          <div className="mt-2 space-y-1.5">
            {indicator.levels.map((level) => (
              <label
                key={level.level}
                className={`flex cursor-pointer gap-3 rounded-md border px-3 py-2 text-sm ${chosen === level.level ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:bg-slate-50"}`}
              >
                <input
                  type="radio"
                  name={groupName}
                  value={level.level}
                  checked={chosen === level.level}
                  onChange={() => onChange({ level: level.level })}
                  className="mt-0.5 h-4 w-4 shrink-0"
                />
                <span>
                  <span className="font-semibold">{t("levelValue", { level: level.level })}</span> — {level.description}
                </span>
              </label>
            ))}
          </div>
        ) : (
          <p className="mt-2 text-sm" data-testid="level-readonly">
            {chosen === null ? (
              t("unanswered")
            ) : (
              <>
                <span className="font-semibold">{t("levelValue", { level: chosen })}</span> — {indicator.levels.find((l) => l.level === chosen)?.description}
              </>
            )}
          </p>
        )}
      </fieldset>

      <div className="mt-4">
        {editable ? (
          <>
            <label htmlFor={`justification-${indicator.code}`} className="block text-sm font-medium">
              {t("justification")}
            </label>
            <Textarea
              id={`justification-${indicator.code}`}
              rows={3}
              maxLength={MAX_JUSTIFICATION}
              value={answer?.justification ?? ""}
              disabled={Boolean(conflict)}
              onChange={(event) => onChange({ justification: event.target.value })}
              className="text-sm"
            />
          </>
        ) : (
          <>
            <p className="text-sm font-medium">{t("justification")}</p>
            <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{answer?.justification || t("noJustification")}</p>
          </>
        )}
      </div>

      <div className="mt-4">
        <p className="text-sm font-medium">{t("evidenceHint")}</p>
        <p className="text-sm text-slate-600">{indicator.evidenceHint}</p>
        <div className="mt-2">{evidence}</div>
      </div>
      {conversation}
    </article>
  );
}
