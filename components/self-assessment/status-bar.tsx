"use client";

import { useTranslations } from "next-intl";

/**
 * The workspace's compact bar, stuck to the top of the window on every viewport (issue 19): the
 * save state, the projected index and grade, how much is still missing, and a link to the full
 * panel (score per aspect, what is missing with links, aspect links). The evaluator always sees
 * whether a change was saved, also on a phone far down a long page.
 */
export function WorkspaceStatusBar({
  saveStatus,
  index,
  grade,
  missingCount,
  panelId,
}: {
  /** The save state (SaveStatusBar), when the viewer edits. */
  saveStatus: React.ReactNode;
  index: string;
  grade: string;
  /** What still keeps the submission back; null when the viewer does not submit. */
  missingCount: number | null;
  panelId: string;
}) {
  const t = useTranslations("workspace");
  return (
    <section
      aria-label={t("statusBarLabel")}
      className="sticky top-0 z-20 -mx-4 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm backdrop-blur sm:mx-0 sm:rounded-b-lg sm:border-x"
      data-testid="workspace-status-bar"
    >
      <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
        {saveStatus}
        <p className="flex items-baseline gap-1.5">
          <span className="text-slate-600">{t("projectedIndex")}</span>
          <strong className="tabular-nums" data-testid="status-bar-index">
            {index}
          </strong>
          <span className="text-slate-700" data-testid="status-bar-grade">
            {grade}
          </span>
        </p>
        {missingCount !== null ? (
          <p className={missingCount === 0 ? "text-emerald-800" : "text-slate-700"} data-testid="status-bar-missing">
            {t("missingShort", { count: missingCount })}
          </p>
        ) : null}
        <a href={`#${panelId}`} className="ml-auto text-brand-700 underline underline-offset-2">
          {t("toPanel")}
        </a>
      </div>
    </section>
  );
}
