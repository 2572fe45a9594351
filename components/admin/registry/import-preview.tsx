"use client";

import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/table";
import { REGISTRY_COLUMNS } from "@/lib/domain/registry/columns";
import type { FieldChange } from "@/lib/domain/registry/plan";
import type { ImportPreview } from "@/lib/server/registry/import";
import { ImportProblems } from "./import-problems";

const HEADER_OF = new Map<string, string>(REGISTRY_COLUMNS.map((c) => [c.key, c.header]));

/** The dry run's answer: file problems, errors row by row, the counts, and the planned changes in detail. */
export function ImportPreviewView({ preview, children }: { preview: ImportPreview; children?: React.ReactNode }) {
  const t = useTranslations("registryImport");
  const { counts } = preview;
  const changes = [
    ...preview.institutionChanges.map((p) => ({ row: p.row, action: p.action, subject: `${p.values.code} · ${p.values.name}`, changes: p.changes })),
    ...preview.locusChanges.map((p) => ({ row: p.row, action: p.action, subject: `${p.values.name} (${p.institutionCode})`, changes: p.changes })),
  ].sort((a, b) => a.row - b.row);
  const totalChanges = counts.institutions.create + counts.institutions.update + counts.loci.create + counts.loci.update;
  const valueText = (value: FieldChange["before"]) =>
    value === null || value === "" ? t("empty") : value === true ? t("yes") : value === false ? t("no") : String(value);

  return (
    <section aria-labelledby="preview-title" className="space-y-4" data-testid="import-preview">
      <h2 id="preview-title" className="text-lg font-semibold">
        {t("summary", { rows: preview.dataRows, file: preview.fileName })}
      </h2>

      <ImportProblems
        fileProblems={preview.fileProblems.map((p) => ({ code: p.code, column: "column" in p ? p.column : undefined, max: "max" in p ? p.max : undefined }))}
        errorCount={preview.errorCount}
        errors={preview.errors.map((e) => ({
          row: e.row,
          column: e.column ? (HEADER_OF.get(e.column) ?? "") : "",
          text: t(`rowErrors.${e.code}`, { value: e.value ?? "", otherRow: e.otherRow ?? "", max: e.max ?? "" }),
        }))}
      />
      {preview.errorCount > 0 ? null : preview.ok ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="import-ready">
          {totalChanges > 0 ? t("ready") : t("nothingToChange")}
        </p>
      ) : null}

      {preview.fileProblems.length === 0 ? (
        <>
          <h3 className="font-semibold">{t("countsHeading")}</h3>
          <DataTable caption={t("countsHeading")} headers={[t("what"), t("created"), t("updated"), t("unchanged")]}>
            {(
              [
                ["institutions", counts.institutions],
                ["lociLabel", counts.loci],
              ] as const
            ).map(([label, c]) => (
              <tr key={label} data-testid={`import-counts-${label}`}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {t(label)}
                </th>
                <td className="px-4 py-2 tabular-nums">{c.create}</td>
                <td className="px-4 py-2 tabular-nums">{c.update}</td>
                <td className="px-4 py-2 tabular-nums">{c.unchanged}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}

      {children}

      {changes.length > 0 ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("changesHeading")}</h3>
          <DataTable caption={t("changesHeading")} headers={[t("row"), t("action"), t("subject"), t("details")]}>
            {changes.map((c, i) => (
              <tr key={i}>
                <td className="px-4 py-2 tabular-nums">{c.row}</td>
                <td className="px-4 py-2">{c.action === "create" ? t("created") : t("updated")}</td>
                <td className="px-4 py-2">{c.subject}</td>
                <td className="px-4 py-2 text-xs">
                  {c.changes.map((f) => `${t(`fields.${f.field}`)}: ${valueText(f.before)} → ${valueText(f.after)}`).join("; ")}
                </td>
              </tr>
            ))}
          </DataTable>
          {changes.length < totalChanges ? <p className="text-sm text-slate-600">{t("moreChanges", { shown: changes.length, total: totalChanges })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
