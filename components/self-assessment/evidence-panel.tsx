"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { removeEvidenceAction } from "@/lib/server/assessment/evidence-actions";
import { EVIDENCE_ACCEPT } from "@/lib/domain/evidence/file-types";
import { LINK_MAX, LINK_TITLE_MAX, ZEvidenceLink } from "@/lib/domain/evidence/link";
import { evidenceDownloadUrl, type EvidenceItemView } from "@/lib/domain/evidence/view";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** One evidence item as the panel shows it (from listEvidence, or from the evidence route's answer). */
export type EvidencePanelItem = EvidenceItemView;

export interface EvidencePanelProps {
  assessmentId: string;
  indicatorCode: string;
  initialItems: EvidencePanelItem[];
  /** False: list and download only, no controls. */
  editable: boolean;
  /** The server's size limit (evidenceMaxBytes), to name it in the hint and refuse a larger file before sending it. */
  maxBytes?: number;
  /** Called after every change of the list (added or removed item). */
  onItemsChange?: (items: EvidencePanelItem[]) => void;
  /** Where items are posted and how one is removed, when not a self-assessment's (follow-up evidence). */
  uploadUrl?: string;
  removeAction?: (input: { evidenceId: string }) => Promise<{ data?: unknown; serverError?: unknown } | undefined>;
}

/** A refusal to show: a catalogue key with its values (sizes in bytes are formatted here). */
interface Problem {
  key: string;
  values?: Record<string, string | number>;
  ref?: string;
}

const alertClass = "mt-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800";

/**
 * The evidence (bukti dukung) of one indicator: the list with downloads, and for an editor an
 * upload that starts on choosing a file, a small form for a link, and removal after a confirm.
 * Each refusal is one sentence next to its control; the rest of the panel keeps working.
 */
export function EvidencePanel({
  assessmentId,
  indicatorCode,
  initialItems,
  editable,
  maxBytes,
  onItemsChange,
  uploadUrl,
  removeAction = removeEvidenceAction,
}: EvidencePanelProps) {
  const t = useTranslations("evidence");
  const tAll = useTranslations();
  const format = useFormatter();
  const id = useId();
  const [items, setItems] = useState(initialItems);
  const [status, setStatus] = useState("");
  const [uploading, setUploading] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<Problem | null>(null);
  const [linkSaving, setLinkSaving] = useState(false);
  const [linkProblem, setLinkProblem] = useState<Problem | null>(null);
  const [itemProblem, setItemProblem] = useState<{ id: string; problem: Problem } | null>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Tell the parent after the list changed (not on mount); the latest callback, whatever its identity.
  const onChangeRef = useRef(onItemsChange);
  useEffect(() => {
    onChangeRef.current = onItemsChange;
  });
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) onChangeRef.current?.(items);
    mounted.current = true;
  }, [items]);

  const size = (bytes: number) =>
    bytes < 1024
      ? t("sizeBytes", { value: format.number(bytes) })
      : bytes < 1024 * 1024
        ? t("sizeKilobytes", { value: format.number(bytes / 1024, { maximumFractionDigits: 0 }) })
        : t("sizeMegabytes", { value: format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 }) });

  const message = (problem: Problem) => {
    const values = Object.fromEntries(
      Object.entries(problem.values ?? {}).map(([k, v]) => [k, (k === "size" || k === "limit") && typeof v === "number" ? size(v) : v]),
    );
    return problem.key && tAll.has(problem.key)
      ? tAll(problem.key, { ...values, ref: problem.ref ?? "-" })
      : tAll("errors.unexpected", { ref: problem.ref ?? "-" });
  };

  const nameOf = (item: EvidencePanelItem) => (item.kind === "FILE" ? (item.safeName ?? "") : item.title || item.url || "");

  /** POSTs to the evidence route; the created item, or the refusal it answered with. */
  async function post(body: FormData | string): Promise<{ item: EvidencePanelItem } | { problem: Problem }> {
    try {
      const response = await fetch(uploadUrl ?? `/api/assessments/${assessmentId}/evidence`, {
        method: "POST",
        body,
        headers: typeof body === "string" ? { "content-type": "application/json", accept: "application/json" } : { accept: "application/json" },
      });
      const json = (await response.json().catch(() => null)) as (EvidencePanelItem & { error?: string; values?: Problem["values"] }) | null;
      if (response.status === 201 && json && !json.error) return { item: json };
      return {
        problem: { key: json?.error ?? "errors.unexpected", values: json?.values, ref: typeof json?.values?.ref === "string" ? json.values.ref : undefined },
      };
    } catch {
      return { problem: { key: "evidence.networkError" } };
    }
  }

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setFileProblem(null);
    if (maxBytes !== undefined && file.size > maxBytes) {
      setFileProblem({ key: "evidence.fileTooLarge", values: { name: file.name, size: file.size, limit: maxBytes } });
      input.value = "";
      return;
    }
    setUploading(file.name);
    setStatus(t("uploading", { name: file.name }));
    const body = new FormData();
    body.append("indicatorCode", indicatorCode);
    body.append("file", file);
    const result = await post(body);
    setUploading(null);
    input.value = "";
    if ("item" in result) {
      setItems((current) => [...current, result.item]);
      setStatus(t("uploaded", { name: result.item.safeName ?? file.name }));
    } else {
      setStatus("");
      setFileProblem(result.problem);
    }
  }

  async function addLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = ZEvidenceLink.safeParse({ url: String(data.get("url") ?? ""), title: String(data.get("title") ?? "") });
    if (!parsed.success) {
      setLinkProblem({ key: parsed.error.issues[0]?.message ?? "validation.invalid" });
      form.querySelector<HTMLInputElement>("input[name=url]")?.focus();
      return;
    }
    setLinkProblem(null);
    setLinkSaving(true);
    setStatus(t("addingLink"));
    const result = await post(JSON.stringify({ indicatorCode, ...parsed.data }));
    setLinkSaving(false);
    if ("item" in result) {
      setItems((current) => [...current, result.item]);
      setStatus(t("linkAdded"));
      form.reset();
    } else {
      setStatus("");
      setLinkProblem(result.problem);
    }
  }

  async function remove(item: EvidencePanelItem) {
    const name = nameOf(item);
    setItemProblem(null);
    setRemovingId(item.id);
    try {
      const result = await removeAction({ evidenceId: item.id });
      if (result?.data) {
        setItems((current) => current.filter((i) => i.id !== item.id));
        setStatus(t("removed", { name }));
        // The button is gone with its item: keep the keyboard in the panel.
        headingRef.current?.focus();
      } else {
        const error = result?.serverError as Problem | undefined;
        setItemProblem({ id: item.id, problem: error?.key ? error : { key: "validation.invalid" } });
      }
    } catch {
      setItemProblem({ id: item.id, problem: { key: "evidence.networkError" } });
    } finally {
      setRemovingId(null);
    }
  }

  const headingId = `${id}-heading`;
  const fileId = `${id}-file`;
  const fileHintId = `${id}-file-hint`;
  const fileErrorId = `${id}-file-error`;
  const urlId = `${id}-url`;
  const titleId = `${id}-title`;
  const linkErrorId = `${id}-link-error`;

  return (
    <div className="space-y-3" data-testid="evidence-panel" data-indicator={indicatorCode}>
      <h4 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold">
        {t("heading")}
      </h4>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul
          aria-labelledby={headingId}
          aria-busy={removingId !== null}
          className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm"
        >
          {items.map((item) => {
            const name = nameOf(item);
            return (
              <li key={item.id} className="px-3 py-2" data-testid="evidence-item">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    {item.kind === "FILE" ? (
                      <a
                        href={evidenceDownloadUrl(item.id)}
                        className="break-all text-brand-700 underline underline-offset-2"
                        aria-label={t("download", { name })}
                      >
                        {name}
                      </a>
                    ) : (
                      <a
                        href={item.url ?? undefined}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        className="break-all text-brand-700 underline underline-offset-2"
                        aria-label={t("openLink", { name })}
                      >
                        {name}
                      </a>
                    )}
                    <p className="text-xs text-slate-600">
                      {item.kind === "FILE" ? t("kindFile") : t("kindLink")}
                      {item.kind === "FILE" && item.sizeBytes !== null ? ` · ${size(item.sizeBytes)}` : ""}
                      {item.kind === "LINK" && item.title && item.url ? ` · ${item.url}` : ""}
                      {` · ${t("addedOn", { date: new Date(item.createdAt) })}`}
                      {item.uploadedByName ? ` ${t("addedBy", { name: item.uploadedByName })}` : ""}
                    </p>
                  </div>
                  {editable ? (
                    <ConfirmDialog
                      trigger={
                        <button
                          type="button"
                          disabled={removingId === item.id}
                          aria-label={t("removeLabel", { name })}
                          aria-describedby={itemProblem?.id === item.id ? `${id}-item-error` : undefined}
                          className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60"
                        >
                          {removingId === item.id ? t("removing") : t("remove")}
                        </button>
                      }
                      title={t("removeLabel", { name })}
                      description={t("removeConfirm", { name })}
                      confirmLabel={t("remove")}
                      tone="danger"
                      onConfirm={() => void remove(item)}
                    />
                  ) : null}
                </div>
                {itemProblem?.id === item.id ? (
                  <p id={`${id}-item-error`} role="alert" className={alertClass}>
                    {message(itemProblem.problem)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      {/* Announces progress and outcomes; errors are announced by their own alerts. Deliberately not role="status". */}
      <div aria-live="polite" className="text-sm text-slate-700" data-testid="evidence-status">
        {status}
      </div>

      {editable ? (
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor={fileId} className="block text-sm font-medium">
              {t("fileLabel")}
            </label>
            <input
              id={fileId}
              type="file"
              accept={EVIDENCE_ACCEPT}
              disabled={uploading !== null}
              aria-describedby={fileProblem ? `${fileHintId} ${fileErrorId}` : fileHintId}
              aria-invalid={fileProblem ? true : undefined}
              onChange={(event) => void upload(event.currentTarget)}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-100 disabled:opacity-60"
            />
            <p id={fileHintId} className="mt-1 text-xs text-slate-600">
              {maxBytes !== undefined ? t("fileHintWithLimit", { limit: size(maxBytes) }) : t("fileHint")}
            </p>
            {uploading ? (
              <p className="mt-1 text-sm text-slate-700" aria-hidden="true">
                {t("uploading", { name: uploading })}
              </p>
            ) : null}
            {fileProblem ? (
              <p id={fileErrorId} role="alert" className={alertClass}>
                {message(fileProblem)}
              </p>
            ) : null}
          </div>
          <form onSubmit={(event) => void addLink(event)} noValidate className="space-y-2">
            <div>
              <label htmlFor={urlId} className="block text-sm font-medium">
                {t("linkLabel")}
              </label>
              <Input
                id={urlId}
                name="url"
                type="url"
                inputMode="url"
                required
                maxLength={LINK_MAX}
                placeholder={t("linkPlaceholder")}
                aria-describedby={linkProblem ? linkErrorId : undefined}
                aria-invalid={linkProblem ? true : undefined}
                className="text-sm shadow-sm"
              />
            </div>
            <div>
              <label htmlFor={titleId} className="block text-sm font-medium">
                {t("linkTitleLabel")}
              </label>
              <Input id={titleId} name="title" type="text" maxLength={LINK_TITLE_MAX} className="text-sm shadow-sm" />
            </div>
            {linkProblem ? (
              <p id={linkErrorId} role="alert" className={alertClass}>
                {message(linkProblem)}
              </p>
            ) : null}
            <Button type="submit" variant="primary" size="md" disabled={linkSaving}>
              {linkSaving ? t("addingLink") : t("addLink")}
            </Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
