import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { EmptyState } from "@/components/empty-state";
import { FollowUpCard } from "@/components/follow-up/follow-up-card";
import { FollowUpForm } from "@/components/follow-up/follow-up-form";
import { ProgressBadge } from "@/components/follow-up/progress-badge";
import { ruleFor } from "@/lib/auth/policies";
import { calendarDate, daysBetween } from "@/lib/domain/follow-up";
import { dateOf } from "@/lib/domain/cycle/dates";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/schemas/ids";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listFollowUpHistory, loadRecommendationDetail } from "@/lib/server/follow-up/views";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("followUp"))("detailTitle") };
}

/** One recommendation and its follow-up: the evaluator reports, the verifier of that cycle reviews, heads and admins read. */
export default async function RecommendationFollowUpPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("recommendations.view");
  const { id } = await params;
  const [detail, history] = isUuid(id) ? await Promise.all([loadRecommendationDetail(actor, id), listFollowUpHistory(actor, id)]) : [null, []];
  if (!detail) notFound();
  const [t, tAll, format] = await Promise.all([getTranslations("followUp"), getTranslations(), getFormatter()]);
  const back = ruleFor(actor, "followUp.report")
    ? "/follow-up"
    : ruleFor(actor, "followUp.review")
      ? "/follow-up/review"
      : ruleFor(actor, "followUp.monitor")
        ? "/follow-up/monitoring"
        : null;
  const late = detail.overdue && detail.targetDate ? daysBetween(detail.targetDate, calendarDate(new Date())) : 0;
  return (
    <div className="space-y-6">
      <div>
        {back ? (
          <Link href={back} className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("back")}
          </Link>
        ) : null}
        <p className="mt-2 text-sm text-slate-600">
          {detail.institutionName} · {detail.locusName} · {tAll(`serviceType.${detail.serviceType}`)} · {detail.cycle.name}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{t("detailTitle")}</h1>
      </div>

      <section
        aria-labelledby="recommendation-title"
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
        data-testid="recommendation-detail"
      >
        <h2 id="recommendation-title" className="font-semibold">
          <span className="mr-2 font-mono text-sm text-slate-500">{detail.target.code}</span>
          {detail.target.kind === "aspect" ? t("wholeAspect", { name: detail.target.name }) : detail.target.name}
        </h2>
        <p className="whitespace-pre-wrap">{detail.text}</p>
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">{t("targetDate")}</dt>
            <dd>{detail.targetDate ? format.dateTime(dateOf(detail.targetDate), { ...DAY, timeZone: "UTC" }) : tAll("common.none")}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("progressColumn")}</dt>
            <dd>
              <ProgressBadge progress={detail.progress} overdue={detail.overdue} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("writtenBy")}</dt>
            <dd>{detail.createdBy ?? tAll("common.none")}</dd>
          </div>
        </dl>
        {detail.overdue ? (
          <p role="status" className="text-sm text-red-800">
            {t("overdueBy", { days: late })}
          </p>
        ) : null}
        {detail.nextCycle ? (
          <p className="text-sm">
            <Link href={`/assessments/${detail.nextCycle.assessmentId}`} className="text-brand-700 underline underline-offset-2">
              {t("openNextCycle", { cycle: detail.nextCycle.cycleName })}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="follow-ups-title" className="space-y-3">
        <h2 id="follow-ups-title" className="text-lg font-semibold">
          {t("actionsTitle", { count: detail.followUps.length })}
        </h2>
        {detail.followUps.length === 0 ? <EmptyState>{t("noActions")}</EmptyState> : null}
        {detail.followUps.map((followUp) => (
          <FollowUpCard key={followUp.id} followUp={followUp} recommendationId={detail.id} canReview={detail.canReview} maxBytes={env.EVIDENCE_MAX_BYTES} />
        ))}
      </section>

      {detail.canReport ? (
        <section aria-labelledby="new-follow-up-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="new-follow-up-title" className="mb-3 font-semibold">
            {t("newAction")}
          </h2>
          <FollowUpForm recommendationId={detail.id} />
        </section>
      ) : detail.status === "CLOSED" ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-sm">
          {t("closedNotice")}
        </p>
      ) : null}

      {history.length > 0 ? (
        <section aria-labelledby="follow-up-history-title" className="space-y-3">
          <h2 id="follow-up-history-title" className="text-lg font-semibold">
            {t("historyTitle")}
          </h2>
          <AuditEventList events={history} />
        </section>
      ) : null}
    </div>
  );
}
