"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { groupEvidenceByIndicator } from "@/lib/domain/evidence/view";
import { isScoredIndicator, type InstrumentDefinition } from "@/lib/domain/instrument";
import { computeLocusResult, levelsOf, type ScoringSettings } from "@/lib/domain/scoring";
import { checkCompleteness } from "@/lib/domain/workflow";
import { EvidencePanel, type EvidencePanelItem } from "./evidence-panel";
import { IndicatorCard } from "./indicator-card";
import { SaveStatusBar } from "./save-status";
import { ScorePreview } from "./score-preview";
import { WorkspaceStatusBar } from "./status-bar";
import { SubmitPanel } from "./submit-panel";
import { useAutosave, type StoredAnswer } from "./use-autosave";

export interface WorkspaceProps {
  assessmentId: string;
  instrument: InstrumentDefinition;
  initialAnswers: Record<string, StoredAnswer>;
  evidence: EvidencePanelItem[];
  returnReasons: Record<string, string[]>;
  surveyResponses: number[][];
  settings: ScoringSettings;
  evidenceRequiredAboveZero: boolean;
  canEdit: boolean;
  canSubmit: boolean;
  evidenceMaxBytes: number;
  /** The previous cycle's recommendations and their follow-up, keyed `indicator:<code>` / `aspect:<code>` (components/follow-up). */
  previousRecommendations?: Record<string, React.ReactNode>;
  /** Each indicator's conversation (components/conversation), keyed by indicator code. */
  conversations?: Record<string, React.ReactNode>;
}

/** The self-assessment of one locus: six aspect sections, autosave, live score preview, submission. */
export function SelfAssessmentWorkspace(props: WorkspaceProps) {
  const t = useTranslations("workspace");
  const { answers, conflicts, status, pendingCount, conflictCount, change, resolve, retry } = useAutosave(
    props.assessmentId,
    props.initialAnswers,
    props.canEdit,
  );
  const [evidenceByCode, setEvidenceByCode] = useState(() => groupEvidenceByIndicator(props.evidence));
  const onEvidenceChange = useCallback((code: string, items: EvidencePanelItem[]) => setEvidenceByCode((all) => ({ ...all, [code]: items })), []);

  const completeness = useMemo(
    () =>
      checkCompleteness({
        instrument: props.instrument,
        answers: new Map(Object.entries(answers).map(([code, a]) => [code, { level: a.level, justification: a.justification }])),
        evidenceCount: new Map(Object.entries(evidenceByCode).map(([code, items]) => [code, items.length])),
        evidenceRequiredAboveZero: props.evidenceRequiredAboveZero,
      }),
    [answers, evidenceByCode, props.instrument, props.evidenceRequiredAboveZero],
  );

  // The projected index of the compact status bar: the scoring module, as in the full preview.
  const projected = useMemo(
    () => computeLocusResult(props.instrument, levelsOf(answers), props.surveyResponses, props.settings).classification,
    [props.instrument, answers, props.surveyResponses, props.settings],
  );

  return (
    <div className="space-y-4">
      <WorkspaceStatusBar
        saveStatus={
          props.canEdit ? <SaveStatusBar status={status} pendingCount={pendingCount} conflictCount={conflictCount} onRetry={() => void retry()} /> : null
        }
        index={projected.published}
        grade={`${projected.grade} · ${projected.label}`}
        missingCount={props.canSubmit ? completeness.missing.length : null}
        panelId="workspace-panel"
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-10">
          {props.instrument.aspects.map((aspect) => {
            const scored = aspect.indicators.filter(isScoredIndicator);
            const answered = scored.filter((i) => answers[i.code]?.level != null).length;
            return (
              <section key={aspect.code} aria-labelledby={`aspect-${aspect.code}`} className="space-y-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 pb-2">
                  <h2 id={`aspect-${aspect.code}`} className="text-lg font-semibold">
                    {t("aspectTitle", { code: aspect.code, name: aspect.name, weight: aspect.weight })}
                  </h2>
                  <p className="text-sm text-slate-600" data-testid={`aspect-progress-${aspect.code}`}>
                    {t("aspectProgress", { answered, total: scored.length })}
                  </p>
                </div>
                {props.previousRecommendations?.[`aspect:${aspect.code}`]}
                {aspect.indicators.map((indicator) => (
                  <IndicatorCard
                    key={indicator.code}
                    indicator={indicator}
                    answer={answers[indicator.code]}
                    editable={props.canEdit}
                    returnReasons={props.returnReasons[indicator.code] ?? []}
                    conflict={conflicts[indicator.code]}
                    onChange={(patch) => change(indicator.code, patch)}
                    onResolve={(choice) => resolve(indicator.code, choice)}
                    previous={props.previousRecommendations?.[`indicator:${indicator.code}`]}
                    conversation={props.conversations?.[indicator.code]}
                    evidence={
                      <EvidencePanel
                        assessmentId={props.assessmentId}
                        indicatorCode={indicator.code}
                        initialItems={evidenceByCode[indicator.code] ?? []}
                        editable={props.canEdit}
                        maxBytes={props.evidenceMaxBytes}
                        onItemsChange={(items) => onEvidenceChange(indicator.code, items)}
                      />
                    }
                  />
                ))}
              </section>
            );
          })}
        </div>
        {/* The full panel: below the bar's height, scrolled on its own when taller than the window. */}
        <aside
          id="workspace-panel"
          tabIndex={-1}
          aria-label={t("panelLabel")}
          className="scroll-mt-16 space-y-4 focus:outline-none lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:self-start lg:overflow-y-auto"
        >
          <ScorePreview instrument={props.instrument} answers={answers} surveyResponses={props.surveyResponses} settings={props.settings} />
          {props.canSubmit ? <SubmitPanel assessmentId={props.assessmentId} missing={completeness.missing} unsavedCount={pendingCount} /> : null}
          <nav aria-label={t("aspectNav")} className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <ul className="space-y-1">
              {props.instrument.aspects.map((aspect) => (
                <li key={aspect.code}>
                  <a href={`#aspect-${aspect.code}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {aspect.code}. {aspect.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
      </div>
    </div>
  );
}
