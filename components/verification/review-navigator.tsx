"use client";

import { useTranslations } from "next-intl";

export type IndicatorReviewState = "verified" | "differs" | "notYet";

export interface NavigatorIndicator {
  code: string;
  name: string;
  aspectCode: string;
  state: IndicatorReviewState;
}

/**
 * Where a verified level stands against the unit's own: none yet, the same, or different. Text as
 * well as a mark, so it is never told by colour alone.
 */
export function reviewState(selfLevel: number | null | undefined, verifiedLevel: number | null | undefined): IndicatorReviewState {
  if (verifiedLevel == null) return "notYet";
  return verifiedLevel === selfLevel ? "verified" : "differs";
}

const MARK: Record<IndicatorReviewState, { sign: string; tone: string }> = {
  verified: { sign: "✓", tone: "text-emerald-800" },
  differs: { sign: "≠", tone: "text-amber-800" },
  notYet: { sign: "○", tone: "text-slate-600" },
};

/**
 * The jump list of the review page (issue 19): every indicator by aspect with its state; the one
 * open is marked `aria-current`. Each entry is a link to `?indicator=<code>`, so it also works
 * opened in a new tab; a plain click opens it in place.
 */
export function ReviewNavigator({
  aspects,
  indicators,
  current,
  onJump,
}: {
  aspects: { code: string; name: string }[];
  indicators: NavigatorIndicator[];
  current: string;
  onJump: (code: string) => void;
}) {
  const t = useTranslations("verification");
  return (
    <nav
      id="review-navigator"
      aria-labelledby="review-navigator-title"
      className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm"
      data-testid="review-navigator"
    >
      <h2 id="review-navigator-title" className="font-semibold">
        {t("navigatorTitle")}
      </h2>
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
        {(["verified", "differs", "notYet"] as const).map((state) => (
          <span key={state}>
            <span aria-hidden="true" className={MARK[state].tone}>
              {MARK[state].sign}
            </span>{" "}
            {t(`navState.${state}`)}
          </span>
        ))}
      </p>
      <div className="mt-2 max-h-[40vh] overflow-y-auto pr-1">
        {aspects.map((aspect) => (
          <div key={aspect.code} className="mt-2 first:mt-0">
            <p className="text-xs font-medium text-slate-700">
              {aspect.code}. {aspect.name}
            </p>
            <ul className="mt-1 space-y-0.5">
              {indicators
                .filter((i) => i.aspectCode === aspect.code)
                .map((i) => (
                  <li key={i.code}>
                    <a
                      href={`?indicator=${encodeURIComponent(i.code)}`}
                      aria-current={i.code === current ? "true" : undefined}
                      data-state={i.state}
                      onClick={(event) => {
                        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                        event.preventDefault();
                        onJump(i.code);
                      }}
                      className={`flex gap-2 rounded px-1.5 py-0.5 hover:bg-slate-100 ${i.code === current ? "bg-brand-50 font-semibold" : ""}`}
                    >
                      <span aria-hidden="true" className={`w-3 shrink-0 ${MARK[i.state].tone}`}>
                        {MARK[i.state].sign}
                      </span>
                      <span className="min-w-0">
                        <span className="font-mono text-xs">{i.code}</span>
                        <span className="sr-only">: </span> {i.name}
                        <span className="sr-only"> ({t(`navState.${i.state}`)})</span>
                      </span>
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
