import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ArchiveCycleButton } from "@/components/admin/cycles/archive-cycle-button";
import { CycleActionButton } from "@/components/admin/cycles/cycle-action-button";
import { CycleHeader } from "@/components/admin/cycles/cycle-header";
import { CycleTabs } from "@/components/admin/cycles/cycle-tabs";
import { StatusMatrixTable } from "@/components/admin/cycles/status-matrix";
import { WorkloadTable } from "@/components/admin/cycles/workload-table";
import { DataTable } from "@/components/ui/table";
import { FinaliseCycleButton } from "@/components/admin/finalise-cycle-button";
import { StatusBadge } from "@/components/status-badge";
import { DownloadButton } from "@/components/download-button";
import { stageWindow } from "@/lib/domain/workflow";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { canOnCycle } from "@/lib/server/cycle/scope";
import { ruleFor } from "@/lib/auth/policies";
import { cycleStatusMatrix, cycleVerifierWorkload, listCycleLoci } from "@/lib/server/cycle/overview";
import { findCycleForAdmin } from "@/lib/server/cycle/cycles";
import { cycleActionDecisions } from "@/lib/server/cycle/status";
import { finalisationState } from "@/lib/server/verification/finalisation-view";
import type { FinalisationBlocker } from "@/lib/domain/workflow";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("cycleAdmin.tabs"))("overview") };
}

export default async function CycleOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("cycles.view");
  const cycle = await findCycleForAdmin(actor, (await params).id);
  if (!cycle) notFound();
  const now = new Date();
  const [t, format, matrix, workload, overdue, actions, finalisation] = await Promise.all([
    getTranslations(),
    getFormatter(),
    cycleStatusMatrix(actor, cycle.id),
    cycleVerifierWorkload(actor, cycle.id),
    listCycleLoci(actor, cycle.id, { overdue: true, page: 1 }, now),
    // What cannot succeed now is disabled with its reason, from the actions' own rules (issue 19).
    cycleActionDecisions(actor, cycle, now),
    finalisationState(actor, cycle, now),
  ]);
  // Only what the actor may use on this cycle is offered (an institution admin: no appeals
  // assignment, recapitulation or second tier, which are the ministry's; docs/domain.md §3.12).
  const manage = canOnCycle(actor, "cycles.manage", cycle);
  const offers = {
    manage,
    appeals: ruleFor(actor, "appeal.assign") !== null,
    recap: ruleFor(actor, "signOff.recap") !== null,
    secondTier: manage && cycle.ownerInstitutionId === null,
  };
  const blockedReason = (kind: "START" | "CLOSE" | "PUBLISH" | "UNPUBLISH" | "ARCHIVE" | "ADD_LOCI") => {
    const decision = kind === "ADD_LOCI" ? null : actions?.decisions[kind];
    return decision && !decision.ok ? t(`cycleAdmin.refusal.${decision.reason}`, { status: cycle.status, count: actions?.lociInVerification ?? 0 }) : null;
  };
  const finaliseReason = (blocker: FinalisationBlocker | null | undefined) => {
    if (!blocker) return null;
    switch (blocker.reason) {
      case "NO_STAGE":
        return t("stageGate.finalisationNoStage");
      case "NOT_STARTED":
      case "ENDED":
        return t(blocker.reason === "NOT_STARTED" ? "stageGate.finalisationNotStarted" : "stageGate.finalisationEnded", {
          from: blocker.window.startsAt,
          to: blocker.window.endsAt,
        });
      case "NOTHING_VERIFIED":
        return t("admin.finaliseNothingVerified");
      case "APPEALS_OPEN":
        return t("verification.appealsOpen", { count: blocker.count });
    }
  };
  const lociHref = `/admin/cycles/${cycle.id}/loci`;
  const updatedAt = cycle.updatedAt.toISOString();
  const button = (kind: "START" | "CLOSE" | "PUBLISH" | "UNPUBLISH" | "ADD_LOCI") => (
    <CycleActionButton kind={kind} cycleId={cycle.id} cycleName={cycle.name} updatedAt={updatedAt} blockedReason={blockedReason(kind)} />
  );

  return (
    <section aria-labelledby="page-title">
      <CycleHeader cycle={cycle} />
      <CycleTabs cycleId={cycle.id} current="overview" />

      <section aria-labelledby="decisions-title" className="mt-6 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="decisions-title" className="text-lg font-semibold">
          {t("cycleAdmin.overview.decisions")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t(`cycleAdmin.overview.statusHint.${cycle.status}`)}</p>
        <div className="mt-3 flex flex-wrap items-start gap-4">
          {cycle.status === "PREPARATION" ? button("START") : null}
          {cycle.status === "ACTIVE" ? (
            <FinaliseCycleButton
              cycleId={cycle.id}
              cycleName={cycle.name}
              verified={finalisation?.verified ?? matrix?.totals.VERIFIED ?? 0}
              blockedReason={finaliseReason(finalisation?.blocker)}
            />
          ) : null}
          {cycle.status === "ACTIVE" ? button("CLOSE") : null}
          {cycle.status === "FINALISED" && !cycle.publishedAt ? button("PUBLISH") : null}
          {cycle.publishedAt && cycle.status !== "ARCHIVED" ? button("UNPUBLISH") : null}
          {cycle.status === "FINALISED" && cycle.publishedAt ? (
            <ArchiveCycleButton cycleId={cycle.id} cycleName={cycle.name} updatedAt={updatedAt} blockedReason={blockedReason("ARCHIVE")} />
          ) : null}
          {cycle.archivedAt ? (
            <p className="text-sm text-slate-700" data-testid="archived-on">
              {t("cycleAdmin.archive.archivedOn", { date: format.dateTime(cycle.archivedAt, DAY) })}
            </p>
          ) : null}
          {cycle.status === "PREPARATION" || cycle.status === "ACTIVE" ? button("ADD_LOCI") : null}
        </div>
        {offers.recap ? (
          <div className="mt-4 flex flex-wrap items-center gap-2 text-sm" data-testid="berita-acara-recap">
            <DownloadButton href={`/api/cycles/${cycle.id}/berita-acara-recap`} label={t("signOff.recap.download")} testId="berita-acara-recap-xlsx" />
            <DownloadButton
              href={`/api/cycles/${cycle.id}/berita-acara-recap?format=csv`}
              label={t("signOff.recap.downloadCsv")}
              testId="berita-acara-recap-csv"
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="schedule-title" className="mt-8">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="schedule-title" className="text-lg font-semibold">
            {t("cycleAdmin.overview.scheduleTitle")}
          </h2>
          {offers.manage ? (
            <Link href={`/admin/cycles/${cycle.id}/setup`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("cycleAdmin.overview.editSchedule")}
            </Link>
          ) : null}
          {offers.appeals ? (
            <Link href={`/admin/cycles/${cycle.id}/appeals`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("appeals.adminLink")}
            </Link>
          ) : null}
          {offers.secondTier ? (
            <Link href={`/admin/cycles/${cycle.id}/second-tier`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("secondTier.adminLink")}
            </Link>
          ) : null}
          {offers.manage ? (
            <Link href={`/admin/cycles/${cycle.id}/pre-check`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("preCheck.admin.link")}
            </Link>
          ) : null}
        </div>
        <div className="mt-3">
          <DataTable
            caption={t("cycleAdmin.overview.scheduleTitle")}
            headers={[t("cycleAdmin.setup.stage"), t("cycleAdmin.setup.startsOn"), t("cycleAdmin.setup.endsOn"), t("common.status")]}
          >
            {cycle.stages.map((stage) => {
              const window = stageWindow(cycle.stages, stage.kind, now);
              const state = window.open ? "open" : window.reason === "ENDED" ? "ended" : "upcoming";
              return (
                <tr key={stage.kind} data-testid={`schedule-${stage.kind}`}>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    {t(`cycleAdmin.stage.${stage.kind}`)}
                  </th>
                  <td className="px-4 py-2">{format.dateTime(stage.startsAt, DAY)}</td>
                  <td className="px-4 py-2">{format.dateTime(stage.endsAt, DAY)}</td>
                  <td className="px-4 py-2">{t(`cycleAdmin.stageState.${state}`)}</td>
                </tr>
              );
            })}
          </DataTable>
        </div>
      </section>

      <section aria-labelledby="matrix-title" className="mt-8">
        <h2 id="matrix-title" className="text-lg font-semibold">
          {t("cycleAdmin.overview.matrixTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("cycleAdmin.overview.matrixIntro", { count: matrix?.total ?? 0 })}</p>
        <div className="mt-3">{matrix ? <StatusMatrixTable matrix={matrix} lociHref={lociHref} /> : null}</div>
      </section>

      <section aria-labelledby="overdue-title" className="mt-8">
        <h2 id="overdue-title" className="text-lg font-semibold">
          {t("cycleAdmin.overview.overdueTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="overdue-count">
          {t("cycleAdmin.overview.overdueCount", { count: overdue.total })}
        </p>
        {overdue.total > 0 ? (
          <>
            <ul className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
              {overdue.rows.slice(0, 10).map((row) => (
                <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                  <span>
                    <Link href={`/assessments/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {row.locusName}
                    </Link>
                    <span className="text-slate-600"> · {row.institutionName}</span>
                  </span>
                  <StatusBadge status={row.status} />
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm">
              <Link href={`${lociHref}?overdue=1`} className="text-brand-700 underline-offset-2 hover:underline">
                {t("cycleAdmin.overview.allOverdue", { count: overdue.total })}
              </Link>
            </p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="workload-title" className="mt-8">
        <h2 id="workload-title" className="text-lg font-semibold">
          {t("cycleAdmin.overview.workloadTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("cycleAdmin.overview.workloadIntro")}</p>
        <div className="mt-3">
          <WorkloadTable rows={workload} />
        </div>
      </section>
    </section>
  );
}
