import { getTranslations } from "next-intl/server";
import { NewCycleForm } from "@/components/admin/cycles/new-cycle-form";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { newCycleChoices } from "@/lib/server/cycle/cycles";

export async function generateMetadata() {
  return { title: (await getTranslations("cycleAdmin.new"))("title") };
}

export default async function NewCyclePage() {
  const actor = await requirePolicy("cycles.manage");
  const [t, choices] = await Promise.all([getTranslations("cycleAdmin.new"), newCycleChoices(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="max-w-2xl text-slate-600">{t("intro")}</p>
      <NewCycleForm versions={choices.versions} cycles={choices.cycles} programmes={choices.programmes} />
    </section>
  );
}
