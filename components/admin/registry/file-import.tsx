"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import type { ReactNode } from "react";
import { postWithProgress } from "./upload";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing"; applying: boolean };

export interface FileImportProps<P extends { sha256: string; ok: boolean }, A extends { applied: true }> {
  /** The import route: multipart `file`, `mode` = preview | apply, `expectedSha256` (lib/server/registry/upload.ts). */
  endpoint: string;
  /** Whether the preview changes anything (the apply button shows only then, for a valid file). */
  hasChanges: (preview: P) => boolean;
  /** The preview, with the apply button (or null) to place in it. */
  renderPreview: (preview: P, apply: ReactNode) => ReactNode;
  /** The sentence shown once a file is applied. */
  appliedMessage: (outcome: A) => string;
  /** The file input's label (default: the registry file's). */
  fileLabel?: string;
}

/**
 * Upload, preview, apply, for every CSV/XLSX import (registry, Ombudsman). The preview writes
 * nothing; "apply" sends the same file again with the hash the preview showed, and the server
 * reads and validates it anew before writing anything.
 */
export function FileImport<P extends { sha256: string; ok: boolean }, A extends { applied: true }>({
  endpoint,
  hasChanges,
  renderPreview,
  appliedMessage,
  fileLabel,
}: FileImportProps<P, A>) {
  const t = useTranslations();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [preview, setPreview] = useState<P | null>(null);
  const [applied, setApplied] = useState<A | null>(null);
  const [error, setError] = useState<{ key: string; values?: Record<string, string | number> } | null>(null);
  const busy = phase.kind !== "idle";

  const send = async (mode: "preview" | "apply") => {
    if (!file) {
      setError({ key: "registryImport.fileMissing" });
      return;
    }
    const form = new FormData();
    form.set("file", file);
    form.set("mode", mode);
    if (mode === "apply" && preview) form.set("expectedSha256", preview.sha256);
    setError(null);
    setApplied(null);
    setPhase({ kind: "uploading", percent: 0 });
    try {
      const answer = await postWithProgress(
        endpoint,
        form,
        (percent) => setPhase({ kind: "uploading", percent }),
        () => setPhase({ kind: "processing", applying: mode === "apply" }),
      );
      const body = (answer.body ?? {}) as Record<string, unknown>;
      if (typeof body.applied === "boolean") {
        const outcome = body as unknown as A | { applied: false; preview: P };
        if (outcome.applied) {
          setApplied(outcome);
          setPreview(null);
        } else setPreview(outcome.preview);
      } else if (answer.status === 200 && typeof body.sha256 === "string") {
        setPreview(body as unknown as P);
      } else {
        setError({
          key: typeof body.error === "string" ? body.error : "errors.unexpected",
          values: body.values as Record<string, string | number> | undefined,
        });
      }
    } catch {
      setError({ key: "registryImport.networkError" });
    } finally {
      setPhase({ kind: "idle" });
    }
  };

  const status =
    phase.kind === "uploading"
      ? t("registryImport.uploading", { percent: phase.percent })
      : phase.kind === "processing"
        ? t(phase.applying ? "registryImport.applyingProcess" : "registryImport.processing")
        : "";

  return (
    <div className="space-y-4">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send("preview");
        }}
        className="flex flex-wrap items-end gap-3"
      >
        <div>
          <label htmlFor={`${id}-file`} className="block text-sm font-medium">
            {fileLabel ?? t("registryImport.file")}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setApplied(null);
              setError(null);
            }}
            className="mt-1 block w-full max-w-md cursor-pointer rounded-lg border border-slate-300 bg-white text-sm text-slate-700 file:mr-3 file:cursor-pointer file:border-0 file:border-r file:border-slate-300 file:bg-slate-100 file:px-4 file:py-2 file:font-medium file:text-slate-900 hover:file:bg-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
          />
        </div>
        <Button type="submit" variant="secondary" className="font-medium" disabled={busy || !file}>
          {t("registryImport.preview")}
        </Button>
      </form>

      <div aria-live="polite" role="status" className="min-h-6 text-sm text-slate-700">
        {status}
        {phase.kind === "uploading" ? <progress className="ml-3 align-middle" max={100} value={phase.percent} aria-label={status} /> : null}
        {applied ? (
          <span className="block rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900" data-testid="import-applied">
            {appliedMessage(applied)}
          </span>
        ) : null}
      </div>
      {error ? <ActionErrorMessage error={error} /> : null}

      {preview
        ? renderPreview(
            preview,
            preview.ok && hasChanges(preview) ? (
              <Button onClick={() => void send("apply")} disabled={busy}>
                {t("registryImport.apply")}
              </Button>
            ) : null,
          )
        : null}
    </div>
  );
}
