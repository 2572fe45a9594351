import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PreCheckRulesForm } from "@/components/admin/cycles/pre-check-rules-form";
import { isUuid } from "@/lib/schemas/ids";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { preCheckRuleSettings } from "@/lib/server/pre-check/settings";

export async function generateMetadata() {
  return { title: (await getTranslations("preCheck"))("admin.title") };
}

/** A cycle's evidence pre-check rules (docs/domain.md §8.1): which of them run. */
export default async function PreCheckRulesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("cycles.manage");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [t, setup] = await Promise.all([getTranslations("preCheck"), preCheckRuleSettings(actor, id)]);
  // A cycle the actor does not run (another owner's; a second tier of an institution's own cycle): not found.
  if (!setup) notFound();
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("admin.title")} · {setup.cycle.name}
      </h1>
      <p className="text-sm text-slate-600">{t("admin.hint")}</p>
      <PreCheckRulesForm cycleId={setup.cycle.id} rules={setup.rules} />
    </section>
  );
}
