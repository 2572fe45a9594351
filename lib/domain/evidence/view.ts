/**
 * What the portal shows of an evidence item, in the browser and in the evidence route's answers.
 * Dates travel as ISO strings, so the same shape comes from a page's loader and from a fetch.
 */
export interface EvidenceItemView {
  id: string;
  kind: "FILE" | "LINK";
  indicatorCode: string;
  /** Files: the sanitised name shown and offered for download. */
  safeName: string | null;
  /** Links: the http(s) address. */
  url: string | null;
  title: string;
  mimeType: string | null;
  sizeBytes: number | null;
  createdAt: string;
  /** Who added it, when the loader knows. */
  uploadedByName?: string | null;
}

/** Where a file item is served (GET, policy "evidence.download"). */
export function evidenceDownloadUrl(id: string) {
  return `/api/evidence/${id}`;
}

/** Items per indicator code, each list in the order given. */
export function groupEvidenceByIndicator(items: readonly EvidenceItemView[]): Record<string, EvidenceItemView[]> {
  const groups: Record<string, EvidenceItemView[]> = {};
  for (const item of items) (groups[item.indicatorCode] ??= []).push(item);
  return groups;
}
