import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AwardRulesEditor } from "@/components/admin/awards/award-rules-editor";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { awardRulesOwnerOf, loadAwardRulesForAdmin } from "@/lib/server/results/award-rules";

export async function generateMetadata() {
  return { title: (await getTranslations("awardsAdmin"))("title") };
}

/**
 * The award rules (docs/domain.md §6.3, configurable) as data the admin edits: the national admin
 * the national rules, an institution admin its own institution's rules for its cycles (issue 16).
 */
export default async function AwardRulesPage() {
  const actor = await requirePolicy("awards.manage");
  const [t, current] = await Promise.all([getTranslations("awardsAdmin"), loadAwardRulesForAdmin(actor, awardRulesOwnerOf(actor))]);
  if (!current) notFound();
  const institution = current.owner?.name ?? "";
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">
          {current.owner ? t("titleOf", { institution }) : t("title")}
        </h1>
        <p className="mt-1 max-w-3xl text-slate-600">{current.owner ? t("introInstitution", { institution }) : t("intro")}</p>
        <p className="mt-2 text-sm" data-testid="rules-source">
          {current.source === "setting"
            ? t("sourceSetting")
            : current.source === "default"
              ? t("sourceDefault")
              : current.source === "institution"
                ? t("sourceInstitution", { institution })
                : t("sourceNational", { institution })}{" "}
          <Link href="/results/awards" className="text-brand-700 underline">
            {t("seePublic")}
          </Link>
        </p>
      </div>
      <AwardRulesEditor rules={current.rules} updatedAt={current.updatedAt} ownerInstitutionId={current.owner?.id ?? null} />
    </section>
  );
}
