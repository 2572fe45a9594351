import { getTranslations } from "next-intl/server";
import { GradeDistributionChart } from "./grade-distribution-chart";

/** The grade distribution as a chart, with the same numbers as a table for screen readers. */
export async function GradeDistribution({ data, title }: { data: { grade: string; label: string; count: number }[]; title: string }) {
  const t = await getTranslations("publicResults");
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4" data-testid="grade-distribution">
      <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
      <GradeDistributionChart data={data.map(({ grade, count }) => ({ grade, count }))} countLabel={t("colCount")} />
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colGrade")}</th>
            <th scope="col">{t("colCount")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.grade}>
              <th scope="row">
                {d.grade} {d.label}
              </th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
