"use client";

import { useTranslations } from "next-intl";
import type { ImportOutcome, ImportPreview } from "@/lib/server/registry/import";
import { FileImport } from "./file-import";
import { ImportPreviewView } from "./import-preview";

type Applied = Extract<ImportOutcome, { applied: true }>;

/** The registry import: upload, preview, apply (FileImport) with the registry's preview. */
export function RegistryImport() {
  const t = useTranslations();
  return (
    <FileImport<ImportPreview, Applied>
      endpoint="/api/admin/registry/import"
      hasChanges={hasChanges}
      renderPreview={(preview, apply) => <ImportPreviewView preview={preview}>{apply}</ImportPreviewView>}
      appliedMessage={(applied) =>
        t("registryImport.applied", {
          institutionsCreated: applied.counts.institutions.create,
          institutionsUpdated: applied.counts.institutions.update,
          lociCreated: applied.counts.loci.create,
          lociUpdated: applied.counts.loci.update,
        })
      }
    />
  );
}

function hasChanges(preview: ImportPreview) {
  const { institutions, loci } = preview.counts;
  return institutions.create + institutions.update + loci.create + loci.update > 0;
}
