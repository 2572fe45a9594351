"use client";

import { useTranslations } from "next-intl";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";

/** The unit's evidence for one indicator: images and PDFs shown inline, other files downloadable. */
export function EvidencePreview({ items }: { items: EvidenceItemView[] }) {
  const t = useTranslations("verification");
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("noEvidence")}</p>;
  return (
    <ul className="space-y-3">
      {items.map((item) => {
        const href = `/api/evidence/${item.id}`;
        const name = item.safeName ?? item.title ?? item.url ?? "";
        return (
          <li key={item.id} className="rounded-md border border-slate-200 bg-white p-2 text-sm" data-testid="evidence-preview">
            {item.kind === "LINK" ? (
              <a href={item.url ?? undefined} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-brand-700 underline">
                {item.title || item.url}
              </a>
            ) : (
              <>
                <a href={href} className="text-brand-700 underline">
                  {t("download", { name })}
                </a>
                {item.mimeType?.startsWith("image/") ? (
                  // eslint-disable-next-line @next/next/no-img-element -- evidence is served by our own policy route, not optimised
                  <img src={href} alt={t("imageAlt", { name })} className="mt-2 max-h-96 rounded border border-slate-200" loading="lazy" />
                ) : null}
                {item.mimeType === "application/pdf" ? (
                  <iframe src={href} title={t("pdfTitle", { name })} className="mt-2 h-96 w-full rounded border border-slate-200" loading="lazy" />
                ) : null}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
