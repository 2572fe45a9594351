"use client";

import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/table";

export interface ImportProblemsProps {
  /** Problems of the file as a whole (registryImport.fileProblems.*). */
  fileProblems: readonly { code: string; column?: string; max?: number }[];
  errorCount: number;
  /** The row errors shown, already in words. */
  errors: readonly { row: number; column: string; text: string }[];
}

/** The file problems and the row-by-row errors of an import's dry run (registry, Ombudsman). */
export function ImportProblems({ fileProblems, errorCount, errors }: ImportProblemsProps) {
  const t = useTranslations("registryImport");
  return (
    <>
      {fileProblems.length > 0 ? (
        <div role="alert" aria-label={t("fileProblemsHeading")} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{t("fileProblemsHeading")}</p>
          <ul className="list-disc pl-5">
            {fileProblems.map((p, i) => (
              <li key={i}>{t(`fileProblems.${p.code}`, { column: p.column ?? "", max: p.max ?? "" })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {errorCount > 0 ? (
        <div className="space-y-2">
          <p
            role="alert"
            aria-label={t("hasErrors", { count: errorCount })}
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {t("hasErrors", { count: errorCount })}
          </p>
          <h3 className="font-semibold">{t("errorsHeading")}</h3>
          <DataTable caption={t("errorsHeading")} headers={[t("row"), t("column"), t("problem")]}>
            {errors.map((e, i) => (
              <tr key={i} data-testid="import-error">
                <td className="px-4 py-2 tabular-nums">{e.row}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.column}</td>
                <td className="px-4 py-2">{e.text}</td>
              </tr>
            ))}
          </DataTable>
          {errorCount > errors.length ? <p className="text-sm text-slate-600">{t("moreErrors", { shown: errors.length, total: errorCount })}</p> : null}
        </div>
      ) : null}
    </>
  );
}
