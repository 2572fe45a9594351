import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CycleActionButton } from "@/components/admin/cycles/cycle-action-button";
import { FinaliseCycleButton } from "@/components/admin/finalise-cycle-button";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { countVerifiedByCycle, listCyclesForAdmin } from "@/lib/server/cycle/cycles";
import { canOnCycle } from "@/lib/server/cycle/scope";
import { listOwnedCycleSummaries } from "@/lib/server/cycle/summary";
import { OwnedCyclesSummary } from "@/components/admin/cycles/owned-cycles-summary";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminCyclesPage() {
  const user = await requirePolicy("cycles.view");
  const [t, format, cycles, verifiedCounts, ownedSummaries] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listCyclesForAdmin(user),
    countVerifiedByCycle(user),
    listOwnedCycleSummaries(user),
  ]);
  // The national admin's list holds the ministry's cycles; institutions' own cycles are summarised below, read-only (issue 16).
  const listed = user.role === "ADMIN" ? cycles.filter((c) => c.ownerInstitutionId === null) : cycles;
  return (
    <section aria-labelledby="page-title">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("admin.title")}
        </h1>
        <Link href="/admin/cycles/new" className={buttonClass()}>
          {t("cycleAdmin.new.title")}
        </Link>
      </div>
      <p className="mt-1 text-slate-600">{t("admin.intro")}</p>
      {listed.length === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("admin.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6">
          <DataTable
            caption={t("admin.title")}
            headers={[
              t("admin.year"),
              t("common.cycle"),
              t("admin.instrument"),
              t("common.status"),
              t("admin.assessments"),
              t("admin.published"),
              t("admin.actions"),
            ]}
          >
            {listed.map((cycle) => (
              <tr key={cycle.id} data-testid="cycle-row">
                <td className="px-4 py-2 tabular-nums">{cycle.year}</td>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/cycles/${cycle.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {cycle.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {cycle.programme.name} · {cycle.ownerInstitution?.name ?? t("programmes.switcher.ministry")}
                  </span>
                </td>
                <td className="px-4 py-2">
                  {cycle.instrumentVersion.code} {cycle.instrumentVersion.version}
                </td>
                <td className="px-4 py-2">{t(`cycleStatus.${cycle.status}`)}</td>
                <td className="px-4 py-2 tabular-nums">{format.number(cycle._count.assessments)}</td>
                <td className="px-4 py-2">{cycle.publishedAt ? format.dateTime(cycle.publishedAt, DAY) : t("admin.notPublished")}</td>
                <td className="px-4 py-2">
                  {cycle.status === "ACTIVE" && canOnCycle(user, "cycle.finalise", cycle) ? (
                    <FinaliseCycleButton cycleId={cycle.id} cycleName={cycle.name} verified={verifiedCounts.get(cycle.id) ?? 0} />
                  ) : null}
                  {cycle.status === "FINALISED" && canOnCycle(user, "cycle.publish", cycle) ? (
                    <CycleActionButton
                      kind={cycle.publishedAt ? "UNPUBLISH" : "PUBLISH"}
                      cycleId={cycle.id}
                      cycleName={cycle.name}
                      updatedAt={cycle.updatedAt.toISOString()}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      {user.role === "ADMIN" ? <OwnedCyclesSummary summaries={ownedSummaries} /> : null}
    </section>
  );
}
