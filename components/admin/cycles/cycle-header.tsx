import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { findCycleForAdmin } from "@/lib/server/cycle/cycles";
import { DAY } from "@/lib/i18n/formats";

type Cycle = NonNullable<Awaited<ReturnType<typeof findCycleForAdmin>>>;

/** The cycle's name and what defines it: status, instrument, settings, publication. */
export async function CycleHeader({ cycle }: { cycle: Cycle }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <header>
      <p className="text-sm">
        <Link href="/admin/cycles" className="text-brand-700 underline-offset-2 hover:underline">
          {t("cycleAdmin.backToCycles")}
        </Link>
      </p>
      <h1 id="page-title" className="mt-1 text-2xl font-semibold">
        {cycle.name}
      </h1>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("common.status")}</dt>
          <dd className="font-medium" data-testid="cycle-status">
            {t(`cycleStatus.${cycle.status}`)}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("cycleAdmin.fields.instrument")}</dt>
          <dd>
            <Link
              href={`/admin/instruments/${cycle.instrumentVersion.id}`}
              className="text-brand-700 underline-offset-2 hover:underline"
            >{`${cycle.instrumentVersion.code} ${cycle.instrumentVersion.version}`}</Link>
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("cycleAdmin.fields.published")}</dt>
          <dd data-testid="cycle-published">{cycle.publishedAt ? format.dateTime(cycle.publishedAt, DAY) : t("admin.notPublished")}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("cycleAdmin.fields.f02Share")}</dt>
          <dd>{t("cycleAdmin.overview.shareValue", { share: cycle.f02SharePercent, rest: 100 - cycle.f02SharePercent })}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("cycleAdmin.fields.minimum")}</dt>
          <dd>{format.number(cycle.minSurveyRespondents)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("cycleAdmin.fields.evidenceRequired")}</dt>
          <dd>{cycle.evidenceRequiredAboveZero ? t("cycleAdmin.yes") : t("cycleAdmin.no")}</dd>
        </div>
      </dl>
    </header>
  );
}
