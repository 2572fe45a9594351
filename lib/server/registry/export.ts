import "server-only";
import { REGISTRY_COLUMNS, type RegistryFileRow } from "@/lib/domain/registry";
import { downloadResponse, tableToFile, type ExportFormat } from "../http/table-file";

/** A registry file download (export or template): the import's own columns, so it re-imports as it is. */
export async function registryFileResponse(rows: readonly RegistryFileRow[], format: ExportFormat, baseName: string) {
  const table = {
    sheetName: "Registri",
    columns: REGISTRY_COLUMNS.map((column) => ({
      header: column.header,
      value: (row: RegistryFileRow) => row[column.key],
      width: column.key.endsWith("Name") ? 40 : 18,
    })),
    rows,
  };
  return downloadResponse(await tableToFile(table, format), `${baseName}.${format}`, format);
}
