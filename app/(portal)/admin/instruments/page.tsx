import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listInstrumentVersions } from "@/lib/server/instrument/versions";

export async function generateMetadata() {
  return { title: (await getTranslations("instrumentAdmin"))("title") };
}

export default async function InstrumentsPage() {
  const actor = await requirePolicy("instruments.manage");
  const [t, versions] = await Promise.all([getTranslations(), listInstrumentVersions(actor)]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("instrumentAdmin.title")}
      </h1>
      <p className="mt-1 max-w-3xl text-slate-600">{t("instrumentAdmin.intro")}</p>
      {versions.length === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("instrumentAdmin.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-6">
          <DataTable
            caption={t("instrumentAdmin.title")}
            headers={[
              t("instrumentAdmin.code"),
              t("instrumentAdmin.version"),
              t("instrumentAdmin.name"),
              t("instrumentAdmin.size"),
              t("instrumentAdmin.cycles"),
              t("instrumentAdmin.state"),
            ]}
          >
            {versions.map((v) => (
              <tr key={v.id} data-testid="instrument-row">
                <td className="px-4 py-2 font-medium">{v.code}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/instruments/${v.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {v.version}
                  </Link>
                </td>
                <td className="px-4 py-2">{v.name}</td>
                <td className="px-4 py-2">{t("instrumentAdmin.sizeValue", { aspects: v.aspects, indicators: v.indicators, items: v.surveyItems })}</td>
                <td className="px-4 py-2">{v.cycles.length === 0 ? t("instrumentAdmin.noCycles") : v.cycles.map((c) => c.name).join(", ")}</td>
                <td className="px-4 py-2">{v.readOnly ? t("instrumentAdmin.readOnly") : t("instrumentAdmin.editable")}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}
