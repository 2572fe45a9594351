import { notFound } from "next/navigation";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InstitutionForm } from "@/components/admin/registry/institution-form";
import { managesInstitutions } from "@/lib/server/registry/scope";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listProvinces } from "@/lib/server/registry/institutions";

export async function generateMetadata() {
  return { title: (await getTranslations("registry"))("newTitle") };
}

export default async function NewInstitutionPage() {
  const actor = await requirePolicy("registry.manage");
  // An institution admin manages its own units, never a new institution.
  if (!managesInstitutions(actor)) notFound();
  const [t, provinces] = await Promise.all([getTranslations("registry"), listProvinces(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <Link href="/admin/institutions" className="text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("newTitle")}
      </h1>
      <p className="text-slate-600">{t("newIntro")}</p>
      <InstitutionForm provinces={provinces} />
    </section>
  );
}
