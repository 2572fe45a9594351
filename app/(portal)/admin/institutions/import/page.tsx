import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegistryImport } from "@/components/admin/registry/registry-import";
import { DataTable } from "@/components/ui/table";
import { REGISTRY_COLUMNS } from "@/lib/domain/registry/columns";
import { requirePolicy } from "@/lib/server/auth/current-user";

export async function generateMetadata() {
  return { title: (await getTranslations("registryImport"))("title") };
}

const linkClass = "inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900";

export default async function RegistryImportPage() {
  await requirePolicy("registry.manage");
  const t = await getTranslations();
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div className="space-y-1">
        <Link href="/admin/institutions" className="text-sm text-brand-700 underline">
          {t("registry.back")}
        </Link>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("registryImport.title")}
        </h1>
        <p className="text-slate-600">{t("registryImport.intro")}</p>
      </div>
      <section aria-labelledby="templates-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-templates">
        <h2 id="templates-title" className="font-semibold">
          {t("registryImport.templatesTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("registryImport.templatesIntro")}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a href="/api/admin/registry/template?format=xlsx" className={linkClass} download>
            {t("registryImport.templateXlsx")}
          </a>
          <a href="/api/admin/registry/template?format=csv" className={linkClass} download>
            {t("registryImport.templateCsv")}
          </a>
        </div>
      </section>
      <RegistryImport />
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold">{t("registryImport.layoutHeading")}</summary>
        <div className="mt-3 space-y-3">
          <DataTable caption={t("registryImport.layoutHeading")} headers={[t("registryImport.column"), t("registryImport.meaning")]}>
            {REGISTRY_COLUMNS.map((column) => (
              <tr key={column.key}>
                <td className="px-4 py-2 align-top font-mono text-xs">
                  {column.header}
                  <span className="block font-sans text-slate-500">
                    {column.required ? t("registryImport.requiredColumn") : t("registryImport.optionalColumn")}
                  </span>
                </td>
                <td className="px-4 py-2">{t(`registryImport.columns.${column.header}`)}</td>
              </tr>
            ))}
          </DataTable>
          <p className="text-sm text-slate-600">{t("registryImport.rules")}</p>
        </div>
      </details>
    </section>
  );
}
