"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { approveAction, returnForRevisionAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { SaveStatusBar } from "@/components/self-assessment/save-status";
import { useAutosave, type StoredAnswer } from "@/components/self-assessment/use-autosave";
import { isScoredIndicator, type InstrumentDefinition } from "@/lib/domain/instrument";
import { toDecimalString, type Rational } from "@/lib/domain/rational";
import { classify } from "@/lib/domain/grades";
import { computeLocusResult, gap, levelsOf, type ScoringSettings } from "@/lib/domain/scoring";
import type { Role } from "@/lib/domain/roles";
import { missingVerifiedLevels, whyNotApprove, type ApprovalBlocker, type AssessmentStatus, type StageKind } from "@/lib/domain/workflow";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import { EvidencePreview } from "./evidence-preview";
import { ReviewNavigator, reviewState } from "./review-navigator";

interface Props {
  assessmentId: string;
  instrument: InstrumentDefinition;
  selfAnswers: Record<string, StoredAnswer>;
  verified: Record<string, StoredAnswer>;
  evidence: EvidenceItemView[];
  surveyResponses: number[][];
  settings: ScoringSettings;
  canEdit: boolean;
  canDecide: boolean;
  /** The previous cycle's recommendations and their follow-up, keyed `indicator:<code>` / `aspect:<code>` (components/follow-up). */
  previous?: Record<string, React.ReactNode>;
  /** Each indicator's conversation (components/conversation), keyed by indicator code. */
  conversations?: Record<string, React.ReactNode>;
  /** Questions of the locus's conversation still open: approving then needs their confirmation. */
  openQuestions?: number;
  /** The indicator to open first (`?indicator=<code>` of the page's address). */
  initialIndicator?: string;
  /**
   * The facts the approval is decided on (status, role, the cycle's stages, the server's time),
   * so the button is disabled with the reason `whyNotApprove` gives, as the levels change.
   */
  approval: { status: AssessmentStatus; role: Role; stages: { kind: StageKind; startsAt: Date; endsAt: Date }[]; now: string };
}

/** Keeps the open indicator in the address (`?indicator=<code>`), so a reload or a shared link opens it again. */
function rememberIndicator(code: string) {
  const url = new URL(window.location.href);
  url.searchParams.set("indicator", code);
  url.hash = "";
  window.history.replaceState(window.history.state, "", url);
}

/**
 * The verifier's review: one indicator at a time (n / p move, a jump list with each indicator's
 * state, "next unverified"; the open one kept in the address), verified level and note
 * autosaved, scores side by side, and the decision (approval disabled with its reason while it
 * cannot succeed; a return confirmed).
 */
export function ReviewWorkspace(props: Props) {
  const t = useTranslations("verification");
  const openQuestions = props.openQuestions ?? 0;
  const indicators = useMemo(() => props.instrument.aspects.flatMap((a) => a.indicators.map((i) => ({ ...i, aspectCode: a.code }))), [props.instrument]);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      indicators.findIndex((i) => i.code === props.initialIndicator),
    ),
  );
  const [showReasonRequired, setShowReasonRequired] = useState(false);
  const approveReasonId = useId();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState("");
  const { answers, conflicts, status, pendingCount, conflictCount, change, resolve, retry } = useAutosave(props.assessmentId, props.verified, props.canEdit, {
    endpoint: `/api/assessments/${props.assessmentId}/verified-answers`,
    textField: "note",
    storagePrefix: "pekppp.verify",
  });
  const returnAction = useAction(returnForRevisionAction, { onSuccess: () => window.location.assign(`/assessments/${props.assessmentId}`) });
  const approve = useAction(approveAction, { onSuccess: () => window.location.assign(`/assessments/${props.assessmentId}`) });

  const indicator = indicators[index]!;
  const open = useCallback(
    (at: number) => {
      const next = Math.min(indicators.length - 1, Math.max(0, at));
      setIndex(next);
      rememberIndicator(indicators[next]!.code);
    },
    [indicators],
  );
  const go = (delta: number) => open(index + delta);
  const jump = (code: string) => {
    open(indicators.findIndex((i) => i.code === code));
    // The indicator's heading takes the focus, as after following a link to it.
    requestAnimationFrame(() => document.getElementById("review-title")?.focus());
  };

  // A link to `#indikator-<code>` (the header's open questions) or `#indicator-<code>` (a
  // notification) opens that indicator; its conversation then takes the focus (components/conversation).
  useEffect(() => {
    const openFromHash = () => {
      const code = decodeURIComponent(window.location.hash.replace(/^#indi[kc]ator-/, ""));
      const at = indicators.findIndex((i) => i.code === code);
      if (at >= 0) setIndex(at);
    };
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
    return () => window.removeEventListener("hashchange", openFromHash);
  }, [indicators]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) && target.getAttribute("type") !== "radio") return;
      if (event.key === "n" || (event.altKey && event.key === "ArrowRight")) {
        event.preventDefault();
        go(1);
      }
      if (event.key === "p" || (event.altKey && event.key === "ArrowLeft")) {
        event.preventDefault();
        go(-1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const self = useMemo(
    () => computeLocusResult(props.instrument, levelsOf(props.selfAnswers), props.surveyResponses, props.settings),
    [props.instrument, props.selfAnswers, props.surveyResponses, props.settings],
  );
  const checked = useMemo(
    () => computeLocusResult(props.instrument, levelsOf(answers), props.surveyResponses, props.settings),
    [props.instrument, answers, props.surveyResponses, props.settings],
  );
  const scored = indicators.filter(isScoredIndicator);
  const verifiedCount = scored.filter((i) => answers[i.code]?.level != null).length;
  const selfAnswer = props.selfAnswers[indicator.code];
  const mine = answers[indicator.code];
  const conflict = conflicts[indicator.code];
  const evidence = props.evidence.filter((e) => e.indicatorCode === indicator.code);
  // The scored indicators still without a verified level, and the approval's reason not to succeed.
  const missing = useMemo(() => missingVerifiedLevels(props.instrument, answers), [props.instrument, answers]);
  const blocker = useMemo(() => whyNotApprove({ ...props.approval, now: new Date(props.approval.now), missing }), [props.approval, missing]);
  const nextUnverified = missing.find((m) => indicators.findIndex((i) => i.code === m.indicatorCode) > index) ?? missing[0];
  const verifiedInAspect = props.instrument.aspects.map((a) => a.indicators.filter((i) => isScoredIndicator(i) && answers[i.code]?.level != null).length);
  const reasonList = Object.entries(reasons)
    .filter(([, r]) => r.trim().length > 0)
    .map(([indicatorCode, reason]) => ({ indicatorCode, reason }));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600" data-testid="review-position">
            {t("position", { index: index + 1, total: indicators.length })} · {t("verifiedProgress", { count: verifiedCount, total: scored.length })}
          </p>
          <div className="flex flex-wrap gap-2">
            <a href="#review-navigator" className="rounded-md px-2 py-1.5 text-sm text-brand-700 underline lg:hidden">
              {t("navigatorTitle")}
            </a>
            <button
              type="button"
              onClick={() => nextUnverified && jump(nextUnverified.indicatorCode)}
              disabled={!nextUnverified}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50"
              data-testid="next-unverified"
            >
              {nextUnverified ? t("nextUnverified") : t("allVerified")}
            </button>
            <button
              type="button"
              onClick={() => go(-1)}
              disabled={index === 0}
              aria-keyshortcuts="p Alt+ArrowLeft"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50"
            >
              {t("previous")}
            </button>
            <button
              type="button"
              onClick={() => go(1)}
              disabled={index === indicators.length - 1}
              aria-keyshortcuts="n Alt+ArrowRight"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50"
            >
              {t("next")}
            </button>
          </div>
        </div>
        <p className="text-xs text-slate-500">{t("keyboardHint")}</p>

        <article
          id={`indikator-${indicator.code}`}
          aria-labelledby="review-title"
          className="scroll-mt-24 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
          data-testid="review-indicator"
          data-code={indicator.code}
        >
          <h2 id="review-title" tabIndex={-1} className="font-semibold focus:outline-none">
            <span className="mr-2 font-mono text-sm text-slate-600">{indicator.code}</span>
            <span className="sr-only">: </span>
            {indicator.name}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{indicator.question}</p>
          {props.previous?.[`aspect:${indicator.aspectCode}`]}
          {props.previous?.[`indicator:${indicator.code}`]}

          <section className="mt-4 rounded-md bg-slate-50 p-3 text-sm" aria-label={t("selfTitle")}>
            <h3 className="font-medium">{t("selfTitle")}</h3>
            <p className="mt-1" data-testid="self-level">
              {selfAnswer?.level == null ? (
                t("unanswered")
              ) : (
                <>
                  <span className="font-semibold">{t("level", { level: selfAnswer.level })}</span> —{" "}
                  {indicator.levels.find((l) => l.level === selfAnswer.level)?.description}
                </>
              )}
            </p>
            <p className="mt-2 whitespace-pre-wrap text-slate-700">{selfAnswer?.justification || t("noJustification")}</p>
            <h4 className="mt-3 font-medium">{t("evidence")}</h4>
            <div className="mt-1">
              <EvidencePreview items={evidence} />
            </div>
          </section>

          {conflict ? (
            <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm">
              <p>{t("conflict", { level: conflict.theirs.level ?? "–", who: conflict.theirs.updatedBy ?? "?" })}</p>
              <div className="mt-2 flex gap-2">
                <button type="button" onClick={() => resolve(indicator.code, "theirs")} className="rounded border border-slate-300 bg-white px-2 py-1">
                  {t("keepTheirs")}
                </button>
                <button type="button" onClick={() => resolve(indicator.code, "mine")} className="rounded bg-brand-700 px-2 py-1 text-white">
                  {t("keepMine")}
                </button>
              </div>
            </div>
          ) : null}

          <fieldset className="mt-4" disabled={!props.canEdit || Boolean(conflict)}>
            <legend className="text-sm font-medium">{t("verifiedLegend", { code: indicator.code })}</legend>
            <div className="mt-2 space-y-1.5">
              {indicator.levels.map((level) => (
                <label
                  key={level.level}
                  className={`flex gap-3 rounded-md border px-3 py-2 text-sm ${mine?.level === level.level ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}
                >
                  <input
                    type="radio"
                    name={`verified-${indicator.code}`}
                    value={level.level}
                    checked={mine?.level === level.level}
                    onChange={() => change(indicator.code, { level: level.level })}
                    className="mt-0.5 h-4 w-4 shrink-0"
                  />
                  <span>
                    <span className="font-semibold">{t("level", { level: level.level })}</span> — {level.description}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <label htmlFor={`note-${indicator.code}`} className="mt-4 block text-sm font-medium">
            {t("note")}
          </label>
          <Textarea
            id={`note-${indicator.code}`}
            rows={3}
            value={mine?.justification ?? ""}
            disabled={!props.canEdit || Boolean(conflict)}
            onChange={(e) => change(indicator.code, { justification: e.target.value })}
            className="text-sm"
          />
          {props.canDecide ? (
            <>
              <label htmlFor={`reason-${indicator.code}`} className="mt-4 block text-sm font-medium">
                {t("returnReason")}
              </label>
              <textarea
                id={`reason-${indicator.code}`}
                rows={2}
                value={reasons[indicator.code] ?? ""}
                onChange={(e) => setReasons((r) => ({ ...r, [indicator.code]: e.target.value }))}
                className="mt-1 block w-full rounded-md border border-amber-300 px-3 py-2 text-sm"
              />
            </>
          ) : null}
          {props.conversations?.[indicator.code]}
        </article>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
        {props.canEdit ? (
          <div className="rounded-xl border border-slate-200 bg-white p-4">
            <SaveStatusBar status={status} pendingCount={pendingCount} conflictCount={conflictCount} onRetry={() => void retry()} />
          </div>
        ) : null}
        <ReviewNavigator
          aspects={props.instrument.aspects.map((a) => ({ code: a.code, name: a.name }))}
          indicators={indicators.map((i) => ({
            code: i.code,
            name: i.name,
            aspectCode: i.aspectCode,
            state: reviewState(props.selfAnswers[i.code]?.level, answers[i.code]?.level),
          }))}
          current={indicator.code}
          onJump={jump}
        />
        <section aria-labelledby="compare-title" className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="score-comparison">
          <h2 id="compare-title" className="font-semibold">
            {t("compareTitle")}
          </h2>
          <table className="mt-2 w-full">
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col">{t("aspect")}</th>
                <th scope="col" className="text-right">
                  {t("self")}
                </th>
                <th scope="col" className="text-right">
                  {t("verified")}
                </th>
                <th scope="col" className="text-right">
                  {t("gap")}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.instrument.aspects.map((aspect, i) => (
                <tr key={aspect.code} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {aspect.code}
                  </th>
                  <td className="text-right tabular-nums">{classify(self.f02.aspects[i]!.score).published}</td>
                  {/* Until a level of the aspect is verified there is no verified score (not a 0). */}
                  <td className="text-right tabular-nums">{verifiedInAspect[i] ? classify(checked.f02.aspects[i]!.score).published : "–"}</td>
                  <td className="text-right tabular-nums">
                    {verifiedInAspect[i] ? signedGap(self.f02.aspects[i]!.score, checked.f02.aspects[i]!.score) : "–"}
                  </td>
                </tr>
              ))}
              <tr className="border-t border-slate-300 font-semibold">
                <th scope="row" className="py-1 text-left">
                  {t("index")}
                </th>
                <td className="text-right tabular-nums" data-testid="self-index">
                  {self.classification.published}
                </td>
                <td className="text-right tabular-nums" data-testid="verified-index">
                  {verifiedCount > 0 ? checked.classification.published : t("noneYet")}
                </td>
                <td className="text-right tabular-nums" data-testid="index-gap">
                  {verifiedCount > 0 ? signedGap(self.index.index, checked.index.index) : "–"}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-600">
            {verifiedCount > 0
              ? t("gradeLine", { self: self.classification.grade, verified: checked.classification.grade })
              : t("gradeLineNoneVerified", { self: self.classification.grade })}
          </p>
        </section>

        {props.canDecide ? (
          <section aria-labelledby="decide-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <h2 id="decide-title" className="font-semibold">
              {t("decideTitle")}
            </h2>
            <ActionErrorMessage error={returnAction.result.serverError ?? approve.result.serverError} />
            {returnAction.result.validationErrors || showReasonRequired ? (
              <p role="alert" className="text-red-700">
                {t("reasonRequired")}
              </p>
            ) : null}
            <label htmlFor="return-summary" className="block font-medium">
              {t("summary")}
            </label>
            <textarea
              id="return-summary"
              rows={2}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              className="block w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <p className="text-xs text-slate-600">{t("reasonsCount", { count: reasonList.length })}</p>
            {/* A return stops the review and tells the unit: it is confirmed first (issue 19). */}
            <ConfirmDialog
              trigger={
                <button
                  type="button"
                  disabled={returnAction.isPending || pendingCount > 0}
                  onClick={(event) => {
                    // Without a reason there is nothing to confirm: the requirement is shown instead.
                    setShowReasonRequired(reasonList.length === 0);
                    if (reasonList.length === 0) event.preventDefault();
                  }}
                  className="w-full rounded-md border border-amber-500 bg-amber-50 px-4 py-2 font-medium hover:bg-amber-100 disabled:opacity-60"
                >
                  {t("returnButton")}
                </button>
              }
              title={t("returnButton")}
              description={t("returnConfirm", { count: reasonList.length })}
              confirmLabel={t("returnButton")}
              tone="danger"
              onConfirm={() => returnAction.execute({ assessmentId: props.assessmentId, summary, reasons: reasonList })}
            />
            <ConfirmDialog
              trigger={
                <button
                  type="button"
                  disabled={approve.isPending || pendingCount > 0 || blocker !== null}
                  aria-describedby={blocker ? approveReasonId : undefined}
                  className="w-full rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
                >
                  {t("approveButton")}
                </button>
              }
              title={t("approveButton")}
              description={
                openQuestions > 0 ? (
                  <>
                    {t("approveConfirm", { count: verifiedCount, total: scored.length })}{" "}
                    <strong data-testid="approve-open-questions">{t("approveOpenQuestions", { count: openQuestions })}</strong>
                  </>
                ) : (
                  t("approveConfirm", { count: verifiedCount, total: scored.length })
                )
              }
              confirmLabel={t("approveButton")}
              // Open questions are confirmed by this dialog; the server refuses an approval that does not say so.
              onConfirm={() => approve.execute({ assessmentId: props.assessmentId, confirmOpenQuestions: openQuestions > 0 })}
            />
            {blocker ? <ApprovalBlocked id={approveReasonId} blocker={blocker} onJump={jump} /> : null}
          </section>
        ) : null}
      </aside>
    </div>
  );
}

/** verified − self, half-up to 2 decimals, with its sign. */
function signedGap(self: Rational, verified: Rational) {
  return toDecimalString(gap(self, verified), 2);
}

const SHOWN_MISSING = 8;

/** Why the approval cannot succeed yet, next to its button; missing levels as links to their indicators, with titles. */
function ApprovalBlocked({ id, blocker, onJump }: { id: string; blocker: ApprovalBlocker; onJump: (code: string) => void }) {
  const t = useTranslations("verification");
  let text: string;
  switch (blocker.reason) {
    case "LEVELS_MISSING":
      text = t("approveBlocked.LEVELS_MISSING", { count: blocker.missing.length });
      break;
    case "WRONG_STATUS":
      text = t("approveBlocked.WRONG_STATUS");
      break;
    case "NO_STAGE":
      text = t("noStage");
      break;
    default:
      text = t(blocker.reason === "NOT_STARTED" ? "notStarted" : "ended", { from: blocker.window.startsAt, to: blocker.window.endsAt });
  }
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-xs" data-testid="approve-blocked">
      <p id={id}>{text}</p>
      {blocker.reason === "LEVELS_MISSING" ? (
        <ul className="mt-1 space-y-0.5">
          {blocker.missing.slice(0, SHOWN_MISSING).map((m) => (
            <li key={m.indicatorCode}>
              <a
                href={`?indicator=${encodeURIComponent(m.indicatorCode)}`}
                onClick={(event) => {
                  event.preventDefault();
                  onJump(m.indicatorCode);
                }}
                className="text-brand-700 underline"
              >
                <span className="font-mono">{m.indicatorCode}</span>
                <span className="sr-only">: </span> {m.indicatorName}
              </a>
            </li>
          ))}
          {blocker.missing.length > SHOWN_MISSING ? <li>{t("approveBlocked.more", { count: blocker.missing.length - SHOWN_MISSING })}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
