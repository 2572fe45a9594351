import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/grade-badge";
import { DataTable } from "@/components/ui/table";
import { formulaText, shownValue, type Step } from "@/lib/domain/explain";
import type { ExplainLocusChoice, ExplainLocusView, ExplainView } from "@/lib/server/explain/explain";

/** One formula line: what it computes, then the arithmetic with the actual values. */
function Formula({ label, step, testId }: { label: string; step: Step; testId?: string }) {
  return (
    <p className="text-sm" data-testid={testId}>
      <span className="text-slate-700">{label}: </span>
      <code className="break-words font-mono text-slate-900" data-testid="formula">
        {formulaText(step)}
      </code>
    </p>
  );
}

async function LocusExplanation({ locus, full, headingLevel }: { locus: ExplainLocusView; full: boolean; headingLevel: 2 | 3 }) {
  const t = await getTranslations("explain");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const headingId = `locus-${locus.id}`;
  const { index, f03 } = locus;
  const rest = 100 - locus.sharePercent;
  const headers = [
    t("indicator"),
    t("weight"),
    ...(full ? [t("selfLevel")] : []),
    locus.basis === "VERIFIED" ? t("verifiedLevel") : t("level"),
    t("rubric"),
    t("contribution"),
    ...(full ? [t("note"), t("evidence")] : []),
  ];
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" data-testid="explain-locus">
      <Heading id={headingId} className="text-lg font-semibold">
        {locus.name}
      </Heading>
      <p className="text-sm text-slate-600">{t(`basis.${locus.basis}`)}</p>
      <div className="space-y-1 rounded-lg bg-slate-50 p-4" data-testid="explain-index">
        <p className="flex flex-wrap items-baseline gap-3">
          <span className="text-sm text-slate-700">{t("locusIndex")}</span>
          <span className="text-3xl font-bold tabular-nums" data-testid="explain-published">
            {index.published}
          </span>
          <GradeBadge grade={index.grade} label={index.label} />
        </p>
        {index.f02Part && index.f03Part && index.total ? (
          <>
            <p className="text-sm text-slate-700">{t("indexRule", { share: locus.sharePercent, rest })}</p>
            <Formula label={t("f02Part", { share: locus.sharePercent })} step={index.f02Part} />
            <Formula label={t("f03Part", { rest })} step={index.f03Part} />
            <Formula label={t("locusIndex")} step={index.total} testId="explain-index-total" />
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("f02Only", { respondents: f03.respondents, min: f03.minimum })}</p>
        )}
        <p className="text-sm text-slate-700">{t("rounding", { exact: shownValue(index.value), published: index.published, grade: index.grade })}</p>
      </div>
      <Formula label={t("f02Rule")} step={locus.f02} testId="explain-f02" />
      {f03.score ? (
        <Formula label={t("f03Rule", { respondents: f03.respondents, items: f03.items })} step={f03.score} testId="explain-f03" />
      ) : (
        <p className="text-sm text-slate-700">{t("noF03")}</p>
      )}
      {locus.aspects.map((aspect) => (
        <section key={aspect.code} aria-labelledby={`${headingId}-${aspect.code}`} className="space-y-2" data-testid="explain-aspect">
          <Sub id={`${headingId}-${aspect.code}`} className="font-semibold">
            {t("aspectTitle", { code: aspect.code, name: aspect.name, weight: aspect.weight })}
          </Sub>
          <Formula label={t("aspectScore")} step={aspect.score} />
          <Formula label={t("aspectPart", { share: aspect.weightShare })} step={aspect.contribution} />
          <DataTable caption={t("indicatorsOf", { aspect: `${aspect.code}. ${aspect.name}` })} headers={headers}>
            {aspect.indicators.map((indicator) => (
              <tr key={indicator.code} data-testid="explain-indicator">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {indicator.code} {indicator.name}
                </th>
                <td className="px-4 py-2 tabular-nums">{indicator.weight}%</td>
                {full ? <td className="px-4 py-2 tabular-nums">{indicator.selfLevel ?? "—"}</td> : null}
                <td className="px-4 py-2 font-semibold tabular-nums">{indicator.level ?? t("unanswered")}</td>
                <td className="min-w-48 px-4 py-2 text-slate-700">{indicator.rubric ?? "—"}</td>
                <td className="px-4 py-2 font-mono whitespace-nowrap">{formulaText(indicator.contribution)}</td>
                {full ? <td className="min-w-40 px-4 py-2 text-slate-700">{indicator.note ?? "—"}</td> : null}
                {full ? (
                  <td className="px-4 py-2">
                    {indicator.evidence.length > 0 ? (
                      <ul className="space-y-1">
                        {indicator.evidence.map((item) => (
                          <li key={item.id}>
                            <a
                              className="text-brand-700 underline"
                              href={item.kind === "LINK" && item.url ? item.url : `/api/evidence/${item.id}`}
                              rel="noreferrer"
                            >
                              {item.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </section>
  );
}

/**
 * The loci of the head's institution, each a link to its own explanation (issue 17: one locus is
 * taken apart per request), with the stored index the institution mean is made of.
 */
async function LocusPicker({ choices, shownId, hrefOf }: { choices: ExplainLocusChoice[]; shownId: string | undefined; hrefOf: (locusId: string) => string }) {
  const t = await getTranslations("explain");
  return (
    <nav aria-labelledby="explain-loci" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5" data-testid="explain-locus-picker">
      <h2 id="explain-loci" className="font-semibold">
        {t("lociPicker")}
      </h2>
      <p className="text-sm text-slate-600">{t("lociPickerIntro")}</p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {choices.map((choice) => {
          const shown = choice.id === shownId;
          return (
            <li key={choice.id}>
              <Link
                href={hrefOf(choice.id)}
                aria-current={shown ? "page" : undefined}
                className={`flex flex-wrap items-baseline justify-between gap-2 rounded-lg border px-3 py-2 text-sm ${shown ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-200 text-brand-700 underline"}`}
                data-testid="explain-locus-link"
              >
                <span>{choice.name}</span>
                <span className="tabular-nums text-slate-700">
                  {choice.index ? (
                    <>
                      <span data-testid="explain-locus-link-published">{choice.index.published}</span> ({choice.index.grade})
                    </>
                  ) : (
                    t("lociPickerNotVerified")
                  )}
                  {shown ? ` · ${t("lociPickerShown")}` : ""}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * An explanation: the institution index as the mean of its loci (when there are several views of
 * loci), then each locus explained; with `choices` (the head's institution) the loci to pick from,
 * `hrefOf` giving each one's link, and the one picked explained.
 */
export async function ExplainTree({ view, hrefOf }: { view: ExplainView; hrefOf?: (locusId: string) => string }) {
  const t = await getTranslations("explain");
  const institution = view.institutionIndex;
  const lociCount = view.choices?.length ?? view.loci.length;
  const picker = view.choices && hrefOf && view.choices.length > 1;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">{t(view.full ? "intro" : "introPublic")}</p>
      {institution ? (
        <section aria-labelledby="explain-institution" className="space-y-1 rounded-xl border border-slate-200 bg-white p-5" data-testid="explain-institution">
          <h2 id="explain-institution" className="font-semibold">
            {t("institutionIndex", { count: lociCount })}
          </h2>
          <p className="flex flex-wrap items-baseline gap-3">
            <span className="text-3xl font-bold tabular-nums" data-testid="explain-institution-published">
              {institution.published}
            </span>
            <GradeBadge grade={institution.grade} label={institution.label} />
          </p>
          <Formula label={t("institutionRule")} step={institution} testId="explain-institution-mean" />
          <p className="text-sm text-slate-700">
            {t("rounding", { exact: shownValue(institution.result), published: institution.published, grade: institution.grade })}
          </p>
        </section>
      ) : lociCount > 1 ? (
        <p className="text-sm text-slate-700" data-testid="explain-institution-pending">
          {t("institutionPending")}
        </p>
      ) : null}
      {picker ? <LocusPicker choices={view.choices!} shownId={view.loci[0]?.id} hrefOf={hrefOf} /> : null}
      {view.loci.map((locus) => (
        <LocusExplanation key={locus.id} locus={locus} full={view.full} headingLevel={institution || picker ? 3 : 2} />
      ))}
    </div>
  );
}
