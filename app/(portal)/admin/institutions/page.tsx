import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegistryFilters } from "@/components/admin/registry/registry-filters";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { DownloadButton } from "@/components/download-button";
import { buttonClass } from "@/components/ui/button";
import { ZInstitutionSearch } from "@/lib/schemas/registry";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listProvinces, searchInstitutions } from "@/lib/server/registry/institutions";
import { managesInstitutions } from "@/lib/server/registry/scope";

export async function generateMetadata() {
  return { title: (await getTranslations("registry"))("title") };
}

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100";

export default async function InstitutionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("registry.manage");
  const filter = ZInstitutionSearch.parse(await searchParams);
  const [t, provinces, result] = await Promise.all([getTranslations(), listProvinces(actor), searchInstitutions(actor, filter)]);
  const exportQuery = (format: string) =>
    new URLSearchParams({ format, ...(filter.type ? { type: filter.type } : {}), ...(filter.province ? { province: filter.province } : {}) }).toString();
  return (
    <section aria-labelledby="page-title">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("registry.title")}
        </h1>
        <div className="flex flex-wrap gap-2">
          {managesInstitutions(actor) ? (
            <Link href="/admin/institutions/new" className={buttonClass()}>
              {t("registry.add")}
            </Link>
          ) : null}
          <Link href="/admin/institutions/import" className={linkClass}>
            {t("registry.import")}
          </Link>
          <DownloadButton href={`/api/admin/registry/export?${exportQuery("xlsx")}`} label={t("registry.exportXlsx")} testId="registry-export-xlsx" />
          <DownloadButton href={`/api/admin/registry/export?${exportQuery("csv")}`} label={t("registry.exportCsv")} testId="registry-export-csv" />
        </div>
      </div>
      <p className="mt-1 text-slate-600">
        {t("registry.intro")} {t("registry.exportHint")}
      </p>
      <RegistryFilters filter={filter} provinces={provinces} labels={{ search: t("registry.search"), submit: t("registry.filter") }} />
      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("registry.count", { count: result.total })}
      </p>
      {result.institutions.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("registry.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3">
          <DataTable
            caption={t("registry.title")}
            headers={[t("registry.code"), t("registry.name"), t("registry.type"), t("registry.province"), t("registry.loci")]}
          >
            {result.institutions.map((institution) => (
              <tr key={institution.id} data-testid="institution-row">
                <td className="px-4 py-2 font-mono text-xs">{institution.code}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/institutions/${institution.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {institution.name}
                  </Link>
                  {institution.shortName ? <span className="text-slate-500"> ({institution.shortName})</span> : null}
                </td>
                <td className="px-4 py-2">{t(`institutionType.${institution.type}`)}</td>
                <td className="px-4 py-2">{institution.province?.name ?? t("common.none")}</td>
                <td className="px-4 py-2 tabular-nums">{t("registry.lociCount", { active: institution.activeLoci, total: institution.loci })}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={{ q: filter.q, type: filter.type, province: filter.province }} />
    </section>
  );
}
