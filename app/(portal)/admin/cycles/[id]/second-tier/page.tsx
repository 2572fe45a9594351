import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AssignValidatorForm, SecondTierSettingForm } from "@/components/admin/cycles/second-tier-forms";
import { EmptyState } from "@/components/empty-state";
import { isUuid } from "@/lib/schemas/ids";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { secondTierSetup } from "@/lib/server/verification/second-tier";

export async function generateMetadata() {
  return { title: (await getTranslations("secondTier"))("adminTitle") };
}

/** A cycle's second tier (docs/domain.md §3.10): the setting, and which verifiers validate which institutions. */
export default async function SecondTierPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("cycles.manage");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [t, setup] = await Promise.all([getTranslations("secondTier"), secondTierSetup(actor, id)]);
  // A cycle the actor does not run (another owner's; a second tier of an institution's own cycle): not found.
  if (!setup) notFound();
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("adminTitle")} · {setup.cycle.name}
      </h1>
      <SecondTierSettingForm
        cycleId={setup.cycle.id}
        enabled={setup.cycle.secondTierEnabled}
        types={setup.cycle.secondTierInstitutionTypes}
        editable={setup.cycle.status === "PREPARATION" || setup.cycle.status === "ACTIVE"}
      />
      <h2 className="text-lg font-semibold">{t("validators")}</h2>
      {setup.assignments.length === 0 ? (
        <EmptyState>{t("noValidators")}</EmptyState>
      ) : (
        <ul className="list-disc pl-5 text-sm" data-testid="validators">
          {setup.assignments.map((a) => (
            <li key={a.id}>
              {a.institution.name}: {a.validator.name} ({a.validator.email})
            </li>
          ))}
        </ul>
      )}
      <AssignValidatorForm cycleId={setup.cycle.id} verifiers={setup.verifiers} institutions={setup.institutions} />
    </section>
  );
}
