import { getTranslations } from "next-intl/server";
import { DownloadButton } from "@/components/download-button";

/** XLSX and CSV of the locus's full assessment (levels, notes, evidence list). */
export async function LocusExportLinks({ assessmentId }: { assessmentId: string }) {
  const t = await getTranslations("locusExport");
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="locus-export">
      <span className="text-slate-600">{t("download")}</span>
      <DownloadButton href={`/api/assessments/${assessmentId}/export?format=xlsx`} label="XLSX" testId="locus-export-xlsx" />
      <DownloadButton href={`/api/assessments/${assessmentId}/export?format=csv`} label="CSV" testId="locus-export-csv" />
    </div>
  );
}
