"use client";

import { useTranslations } from "next-intl";
import { FileImport } from "@/components/admin/registry/file-import";
import { ImportProblems } from "@/components/admin/registry/import-problems";
import { DataTable } from "@/components/ui/table";
import { OMBUDSMAN_COLUMNS, formatScore } from "@/lib/domain/ombudsman";
import type { OmbudsmanImportOutcome, OmbudsmanImportPreview } from "@/lib/server/ombudsman/import";

type Applied = Extract<OmbudsmanImportOutcome, { applied: true }>;
const HEADER_OF = new Map<string, string>(OMBUDSMAN_COLUMNS.map((c) => [c.key, c.header]));

/** Upload, dry run and apply of an Ombudsman results file (the registry import's flow). */
export function OmbudsmanImport() {
  const t = useTranslations("ombudsman");
  return (
    <FileImport<OmbudsmanImportPreview, Applied>
      endpoint="/api/admin/ombudsman/import"
      fileLabel={t("file")}
      hasChanges={(p) => p.counts.create + p.counts.update > 0}
      renderPreview={(preview, apply) => <OmbudsmanPreview preview={preview}>{apply}</OmbudsmanPreview>}
      appliedMessage={(applied) => t("applied", { created: applied.counts.create, updated: applied.counts.update, unchanged: applied.counts.unchanged })}
    />
  );
}

function OmbudsmanPreview({ preview, children }: { preview: OmbudsmanImportPreview; children: React.ReactNode }) {
  const t = useTranslations("ombudsman");
  const r = useTranslations("registryImport");
  const zone = (z: string) => t(`zones.${z}`);
  const values = (v: { score: number; zone: string; rank: number | null }) =>
    `${formatScore(v.score)} · ${zone(v.zone)}${v.rank === null ? "" : ` · #${v.rank}`}`;
  return (
    <section aria-labelledby="ombudsman-preview-title" className="space-y-4" data-testid="import-preview">
      <h2 id="ombudsman-preview-title" className="text-lg font-semibold">
        {r("summary", { rows: preview.dataRows, file: preview.fileName })}
      </h2>
      <ImportProblems
        fileProblems={preview.fileProblems.map((p) => ({ code: p.code, column: "column" in p ? p.column : undefined, max: "max" in p ? p.max : undefined }))}
        errorCount={preview.errorCount}
        errors={preview.errors.map((e) => ({
          row: e.row,
          column: e.column ? (HEADER_OF.get(e.column) ?? "") : "",
          text: t(`rowErrors.${e.code}`, { value: e.value ?? "", otherRow: e.otherRow ?? "", expected: e.expected ? zone(e.expected) : "" }),
        }))}
      />
      {preview.uncheckedYears.length > 0 ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="ombudsman-unchecked">
          {t("uncheckedYears", { years: preview.uncheckedYears.join(", ") })}
        </p>
      ) : null}
      {preview.ok ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="import-ready">
          {preview.counts.create + preview.counts.update > 0 ? r("ready") : r("nothingToChange")}
        </p>
      ) : null}
      {preview.fileProblems.length === 0 ? (
        <p className="text-sm" data-testid="ombudsman-counts">
          {t("counts", { created: preview.counts.create, updated: preview.counts.update, unchanged: preview.counts.unchanged })}
        </p>
      ) : null}
      {children}
      {preview.changes.length > 0 ? (
        <DataTable caption={r("changesHeading")} headers={[r("row"), r("action"), t("institution"), t("year"), r("details")]}>
          {preview.changes.map((c) => (
            <tr key={c.row}>
              <td className="px-4 py-2 tabular-nums">{c.row}</td>
              <td className="px-4 py-2">{c.action === "create" ? r("created") : r("updated")}</td>
              <td className="px-4 py-2">
                {c.code} · {c.institutionName}
              </td>
              <td className="px-4 py-2 tabular-nums">{c.year}</td>
              <td className="px-4 py-2 text-xs">{c.before ? `${values(c.before)} → ${values(c.after)}` : values(c.after)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
