import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CycleHeader } from "@/components/admin/cycles/cycle-header";
import { CycleSetup } from "@/components/admin/cycles/cycle-setup";
import { CycleTabs } from "@/components/admin/cycles/cycle-tabs";
import { areSettingsEditable, areStagesEditable, STAGE_KINDS, standardStageDates, wibDate } from "@/lib/domain/cycle";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { findCycleForAdmin } from "@/lib/server/cycle/cycles";

export async function generateMetadata() {
  return { title: (await getTranslations("cycleAdmin.tabs"))("setup") };
}

export default async function CycleSetupPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("cycles.manage");
  const cycle = await findCycleForAdmin(actor, (await params).id);
  if (!cycle) notFound();
  // A stage the cycle lacks starts from the usual calendar of its year.
  const usual = standardStageDates(cycle.year);
  const stages = STAGE_KINDS.map((kind) => {
    const stage = cycle.stages.find((s) => s.kind === kind) ?? usual.find((s) => s.kind === kind)!;
    return { kind, startsOn: wibDate(stage.startsAt), endsOn: wibDate(stage.endsAt) };
  });
  return (
    <section aria-labelledby="page-title">
      <CycleHeader cycle={cycle} />
      <CycleTabs cycleId={cycle.id} current="setup" />
      <div className="mt-6">
        <CycleSetup
          cycleId={cycle.id}
          updatedAt={cycle.updatedAt.toISOString()}
          stages={stages}
          settings={{
            f02SharePercent: cycle.f02SharePercent,
            minSurveyRespondents: cycle.minSurveyRespondents,
            evidenceRequiredAboveZero: cycle.evidenceRequiredAboveZero,
            secondTierEnabled: cycle.secondTierEnabled,
            secondTierInstitutionTypes: cycle.secondTierInstitutionTypes,
          }}
          stagesEditable={areStagesEditable(cycle.status)}
          settingsEditable={areSettingsEditable(cycle.status)}
        />
      </div>
    </section>
  );
}
