import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { dateOf } from "@/lib/domain/cycle/dates";
import type { PreviousRecommendationItem, PreviousRecommendations } from "@/lib/server/follow-up/previous";
import { ProgressBadge } from "./progress-badge";
import { DAY } from "@/lib/i18n/formats";

/**
 * What the previous cycle recommended on one indicator (or aspect) and how far its follow-up got,
 * shown beside the new self-assessment and in the verifier's review.
 */
export async function PreviousRecommendation({
  items,
  cycleName,
  canOpenDetail,
}: {
  items: PreviousRecommendationItem[];
  cycleName: string;
  canOpenDetail: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("followUp"), getFormatter()]);
  return (
    <aside
      aria-label={t("previous.label", { cycle: cycleName })}
      className="mt-3 space-y-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm"
      data-testid="previous-recommendation"
    >
      <p className="font-medium">{t("previous.title", { cycle: cycleName })}</p>
      {items.map((item) => {
        const latest = item.followUps.at(-1);
        return (
          <div key={item.id} className="space-y-1 border-t border-sky-200 pt-2 first:border-t-0 first:pt-0" data-id={item.id}>
            <p className="whitespace-pre-wrap">{item.text}</p>
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
              <ProgressBadge progress={item.progress} overdue={item.overdue} />
              {item.targetDate ? <span>{t("previous.due", { date: format.dateTime(dateOf(item.targetDate), { ...DAY, timeZone: "UTC" }) })}</span> : null}
            </div>
            {latest ? (
              <p className="text-xs text-slate-700" data-testid="previous-latest-action">
                {t("previous.latest", {
                  date: format.dateTime(dateOf(latest.actionDate), { ...DAY, timeZone: "UTC" }),
                  status: t(`status.${latest.status}`),
                  review: t(`review.${latest.review}`),
                  evidence: latest.evidenceCount,
                })}{" "}
                <span className="italic">{latest.description}</span>
              </p>
            ) : null}
            {canOpenDetail ? (
              <Link href={`/follow-up/recommendations/${item.id}`} className="text-xs text-brand-700 underline underline-offset-2">
                {t("previous.open")}
              </Link>
            ) : null}
          </div>
        );
      })}
    </aside>
  );
}

/**
 * The previous cycle's recommendations of the assessment's locus (as the page loaded them with
 * loadPreviousRecommendations), rendered on the server and keyed `indicator:<code>` or
 * `aspect:<code>`, for the workspace and the review page to place beside each indicator. Empty when
 * the locus had none, or the actor may not view the assessment (null).
 */
export function previousRecommendationSlots(previous: PreviousRecommendations | null): Record<string, ReactNode> {
  if (!previous) return {};
  const groups: Record<string, PreviousRecommendationItem[]> = {};
  for (const item of previous.items) (groups[`${item.target.kind}:${item.target.code}`] ??= []).push(item);
  return Object.fromEntries(
    Object.entries(groups).map(([key, items]) => [
      key,
      <PreviousRecommendation key={key} items={items} cycleName={previous.cycleName} canOpenDetail={previous.canOpenDetail} />,
    ]),
  );
}
