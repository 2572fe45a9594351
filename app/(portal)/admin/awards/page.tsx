import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AwardRulesEditor } from "@/components/admin/awards/award-rules-editor";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadAwardRulesForAdmin } from "@/lib/server/results/award-rules";

export async function generateMetadata() {
  return { title: (await getTranslations("awardsAdmin"))("title") };
}

/** The award rules (docs/domain.md §6, configurable) as data the admin edits; they apply to every published cycle. */
export default async function AwardRulesPage() {
  const actor = await requirePolicy("awards.manage");
  const [t, current] = await Promise.all([getTranslations("awardsAdmin"), loadAwardRulesForAdmin(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("intro")}</p>
        <p className="mt-2 text-sm" data-testid="rules-source">
          {current?.source === "setting" ? t("sourceSetting") : t("sourceDefault")}{" "}
          <Link href="/results/awards" className="text-brand-700 underline">
            {t("seePublic")}
          </Link>
        </p>
      </div>
      {current ? <AwardRulesEditor rules={current.rules} updatedAt={current.updatedAt} /> : null}
    </section>
  );
}
