"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";

type State = { phase: "idle" } | { phase: "preparing" } | { phase: "receiving"; percent: number | null } | { phase: "done" } | { phase: "failed" };

/**
 * Downloads a file produced on the server and shows its progress: "preparing" while the server
 * builds it, then the share received (from Content-Length). Announced to screen readers. Without
 * JavaScript the link still downloads the file directly.
 */
export function DownloadButton({ href, label, testId }: { href: string; label: string; testId?: string }) {
  const t = useTranslations("downloads");
  const [state, setState] = useState<State>({ phase: "idle" });
  const busy = useRef(false);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setState({ phase: "preparing" });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const total = Number(response.headers.get("content-length")) || null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.length;
        setState({ phase: "receiving", percent: total ? Math.min(100, Math.round((received / total) * 100)) : null });
      }
      const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" });
      const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "")?.[1];
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = name ? decodeURIComponent(name) : "unduhan";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ phase: "done" });
    } catch {
      setState({ phase: "failed" });
    } finally {
      busy.current = false;
    }
  }

  const status =
    state.phase === "preparing"
      ? t("preparing")
      : state.phase === "receiving"
        ? state.percent === null
          ? t("receiving")
          : t("receivingPercent", { percent: state.percent })
        : state.phase === "done"
          ? t("done")
          : state.phase === "failed"
            ? t("failed")
            : "";
  return (
    <span className="inline-flex items-center gap-2">
      <a
        href={href}
        onClick={download}
        data-testid={testId}
        aria-busy={state.phase === "preparing" || state.phase === "receiving"}
        className="rounded-md border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-700"
      >
        {label}
      </a>
      <span role="status" aria-live="polite" className="text-xs text-slate-600">
        {state.phase === "receiving" && state.percent !== null ? (
          <progress max={100} value={state.percent} className="mr-1 h-2 w-16 align-middle" aria-hidden="true" />
        ) : null}
        {status}
      </span>
    </span>
  );
}
