"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { submitSurveyAction } from "@/lib/server/survey/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { missingRatings, SURVEY_COMMENT_MAX, SURVEY_RATINGS } from "@/lib/schemas/survey";
import type { SurveyItemView } from "@/lib/server/survey/survey";

interface Props {
  token: string;
  locusName: string;
  items: SurveyItemView[];
  /** This browser has already answered through this link (the server saw its cookie). */
  answered: boolean;
}

type Finished = "ok" | "already" | "closed";

/**
 * The public F-03 form: one radio group (fieldset + legend) per survey item, 0–5 each, all
 * required. Missing items are named, with links to them, before anything is sent. After sending,
 * the form gives way to a thank-you (or "already answered" / "closed") notice.
 */
export function SurveyForm({ token, locusName, items, answered }: Props) {
  const t = useTranslations("survey");
  const [ratings, setRatings] = useState<(number | null)[]>(() => items.map(() => null));
  const [missing, setMissing] = useState<number[]>([]);
  const [comment, setComment] = useState("");
  const [finished, setFinished] = useState<Finished | null>(null);
  const [throttledMinutes, setThrottledMinutes] = useState<number | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLHeadingElement>(null);

  const { execute, result, isPending } = useAction(submitSurveyAction, {
    onSuccess: ({ data }) => {
      setThrottledMinutes(null);
      if (!data) return;
      switch (data.outcome) {
        case "ok":
          return setFinished("ok");
        case "already":
          return setFinished("already");
        case "closed":
        case "unknown":
          return setFinished("closed");
        case "throttled":
          return setThrottledMinutes(Math.max(1, Math.ceil(data.retryAfterSeconds / 60)));
        case "missing":
          return showMissing(data.missing);
      }
    },
  });

  // Setting the respondent cookie re-renders the page with answered = true: the local state keeps
  // the thank-you on screen, so "already answered" appears only on a later visit.
  const shown: Finished | "form" = finished ?? (answered ? "already" : "form");

  // Only after sending: a visitor who arrives on the "already answered" notice keeps the focus at the top.
  useEffect(() => {
    if (finished) noticeRef.current?.focus();
  }, [finished]);

  function showMissing(numbers: number[]) {
    setMissing(numbers);
    // After React has rendered the summary, move the reader to it.
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const absent = missingRatings(ratings, items.length);
    if (absent.length > 0) return showMissing(absent);
    setMissing([]);
    execute({ token, ratings, comment });
  }

  function rate(index: number, value: number) {
    setRatings((current) => current.map((rating, i) => (i === index ? value : rating)));
  }

  if (shown !== "form") {
    const [title, body] =
      shown === "ok"
        ? [t("thanksTitle"), t("thanksBody", { locus: locusName })]
        : shown === "already"
          ? [t("alreadyTitle"), t("alreadyBody")]
          : [t("closedTitle"), t("closedBody")];
    return (
      <section role="status" data-testid={`survey-${shown}`} className="rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-emerald-950">
        <h2 ref={noticeRef} tabIndex={-1} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="mt-2">{body}</p>
      </section>
    );
  }

  const stillMissing = missing.filter((number) => ratings[number - 1] === null);
  const answeredCount = ratings.filter((rating) => rating !== null).length;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="survey-form">
      <p className="text-sm text-slate-700">{t("instructions", { count: items.length })}</p>

      {stillMissing.length > 0 ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          data-testid="survey-missing"
          className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-medium">{t("missingTitle", { count: stillMissing.length })}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {stillMissing.map((number) => {
              const item = items[number - 1]!;
              return (
                <li key={item.code}>
                  <a
                    href={`#item-${item.code}`}
                    className="underline underline-offset-2"
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(`rating-${item.code}-0`)?.focus();
                    }}
                  >
                    {t("itemLegend", { number, text: item.text })}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {throttledMinutes !== null ? (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          {t("throttled", { minutes: throttledMinutes })}
        </p>
      ) : null}
      {result.validationErrors ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          {t("errors.invalid")}
        </p>
      ) : null}
      <ActionErrorMessage error={result.serverError} />

      {items.map((item, index) => {
        const number = index + 1;
        const isMissing = stillMissing.includes(number);
        return (
          <fieldset
            key={item.code}
            id={`item-${item.code}`}
            data-testid="survey-item"
            aria-describedby={isMissing ? `item-${item.code}-missing` : undefined}
            className={`rounded-xl border bg-white p-4 shadow-sm ${isMissing ? "border-red-400" : "border-slate-200"}`}
          >
            <legend className="float-left mb-3 w-full text-base font-medium">{t("itemLegend", { number, text: item.text })}</legend>
            <div className="clear-both grid grid-cols-6 gap-1.5 sm:gap-2">
              {SURVEY_RATINGS.map((value) => {
                const id = `rating-${item.code}-${value}`;
                const word = t(`scale.${value}`);
                return (
                  <label
                    key={value}
                    htmlFor={id}
                    className="flex min-h-[4.5rem] cursor-pointer flex-col items-center gap-1 rounded-lg border border-slate-300 px-0.5 py-2 text-center hover:border-brand-600 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                  >
                    <input
                      type="radio"
                      id={id}
                      name={`rating-${item.code}`}
                      value={value}
                      checked={ratings[index] === value}
                      onChange={() => rate(index, value)}
                      aria-label={t("optionLabel", { value, word })}
                      className="h-4 w-4 accent-brand-700"
                    />
                    <span aria-hidden="true" className="text-base leading-none font-semibold">
                      {value}
                    </span>
                    <span aria-hidden="true" className="text-[0.6875rem] leading-tight text-slate-700 sm:text-xs">
                      {word}
                    </span>
                  </label>
                );
              })}
            </div>
            {isMissing ? (
              <p id={`item-${item.code}-missing`} className="mt-2 text-sm text-red-800">
                {t("itemMissing")}
              </p>
            ) : null}
          </fieldset>
        );
      })}

      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="survey-comment" className="block text-base font-medium">
          {t("commentLabel")}
        </label>
        <p id="survey-comment-hint" className="mt-1 text-sm text-slate-700">
          {t("commentHint", { max: SURVEY_COMMENT_MAX })}
        </p>
        <textarea
          id="survey-comment"
          name="comment"
          rows={4}
          maxLength={SURVEY_COMMENT_MAX}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-describedby="survey-comment-hint survey-comment-count"
          className="mt-2 block w-full rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-600"
        />
        <p id="survey-comment-count" className="mt-1 text-right text-xs text-slate-600">
          {t("commentCount", { count: comment.length, max: SURVEY_COMMENT_MAX })}
        </p>
      </div>

      <div className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur">
        <p className="mb-2 text-sm text-slate-700" data-testid="survey-progress">
          {t("progress", { answered: answeredCount, total: items.length })}
        </p>
        <button
          type="submit"
          disabled={isPending}
          aria-busy={isPending}
          className="w-full rounded-lg bg-brand-700 px-4 py-3 text-base font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {isPending ? t("submitting") : t("submit")}
        </button>
      </div>
      <p className="text-xs text-slate-600">{t("privacy")}</p>
    </form>
  );
}
