import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { GradeBadge } from "@/components/grade-badge";
import { awardLines, standingLines } from "@/components/results/standing-text";
import { OmbudsmanBeside } from "@/components/ombudsman/ombudsman-beside";
import { publishedOmbudsman } from "@/lib/server/ombudsman/comparison";
import { loadPublicInstitution } from "@/lib/server/results/public-institution";
import { DAY } from "@/lib/i18n/formats";

const ZParams = z.object({ id: z.uuid() });

async function load(params: Promise<{ id: string }>) {
  const parsed = ZParams.safeParse(await params);
  return parsed.success ? loadPublicInstitution(parsed.data.id) : null;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const data = await load(params);
  const t = await getTranslations("publicInstitution");
  return { title: data ? t("title", { name: data.institution.name }) : t("notFoundTitle") };
}

/**
 * The published results of one institution, for everyone without an account (in PUBLIC_PAGES):
 * each published cycle's index, grade, ranks and award eligibility, as the public listing shows
 * them. Any institution without a published result is "not found".
 */
export default async function PublicInstitutionPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await load(params);
  if (!data) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const { institution } = data;
  // Beside each published index, the Ombudsman's result of the cycle's year (docs/domain.md §7).
  const ombudsman = await Promise.all(data.results.map((result) => publishedOmbudsman(result.cycle.id, institution.id)));
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <header>
        <p className="text-sm">
          <Link href="/results" className="font-medium text-brand-700 hover:underline">
            {t("publicInstitution.back")}
          </Link>
        </p>
        <h1 id="page-title" className="mt-2 text-2xl font-semibold">
          {institution.name}
        </h1>
        <p className="mt-1 text-slate-600">
          {t(`institutionType.${institution.type}`)}
          {institution.provinceName ? ` · ${institution.provinceName}` : ""} · {institution.code}
        </p>
      </header>

      {data.results.map((result, i) => {
        const ranks = standingLines(t, result);
        const headingId = `cycle-${result.cycle.id}`;
        return (
          <section
            key={result.cycle.id}
            aria-labelledby={headingId}
            className="rounded-xl border border-slate-200 bg-white p-5"
            data-testid="public-institution-cycle"
          >
            <h2 id={headingId} className="font-semibold">
              {result.cycle.name}
            </h2>
            {result.cycle.publishedAt ? (
              <p className="text-sm text-slate-600">{t("publicInstitution.publishedOn", { date: format.dateTime(result.cycle.publishedAt, DAY) })}</p>
            ) : null}
            <p className="mt-3 flex flex-wrap items-baseline gap-4">
              <span className="text-sm text-slate-700">{t("publicResults.colIndex")}</span>
              <span className="text-4xl font-bold tabular-nums" data-testid="public-institution-index">
                {result.standing.published}
              </span>
              <GradeBadge grade={result.standing.grade} label={result.standing.label} />
            </p>
            {ombudsman[i] ? (
              <div className="mt-3">
                <OmbudsmanBeside result={ombudsman[i]} year={ombudsman[i].year} />
              </div>
            ) : null}
            <p className="mt-2 text-sm">
              <Link href={`/results/institutions/${institution.id}/explain?cycle=${result.cycle.id}`} className="font-medium text-brand-700 hover:underline">
                {t("explain.link")}
              </Link>
            </p>
            {ranks ? (
              <ul className="mt-3 space-y-1 text-sm">
                <li data-testid="public-institution-rank">{ranks.national}</li>
                {ranks.province ? <li>{ranks.province}</li> : null}
              </ul>
            ) : null}
            <h3 className="mt-4 text-sm font-semibold">{t("dashboard.awardsTitle")}</h3>
            {result.awards.length > 0 ? (
              <ul className="mt-2 space-y-2 text-sm">
                {result.awards.map((award) => {
                  const lines = awardLines(t, locale, award);
                  return (
                    <li key={`${award.ruleId}-${award.locus?.id ?? ""}`}>
                      <p className="font-medium">{lines.title}</p>
                      <p className="text-slate-600">{lines.reason}</p>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{t("publicInstitution.noAwards")}</p>
            )}
            <p className="mt-4 text-sm">
              <Link href={`/results?cycle=${result.cycle.id}&group=${result.standing.type}`} className="font-medium text-brand-700 hover:underline">
                {t("publicInstitution.seeRanking", { group: t(`institutionType.${result.standing.type}`), cycle: result.cycle.name })}
              </Link>
            </p>
          </section>
        );
      })}
    </section>
  );
}
