import { getTranslations } from "next-intl/server";

const STYLE: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  SUBMITTED: "bg-blue-100 text-blue-900",
  IN_REVIEW: "bg-indigo-100 text-indigo-900",
  RETURNED: "bg-amber-100 text-amber-900",
  VERIFIED: "bg-emerald-100 text-emerald-900",
  FINAL: "bg-emerald-700 text-white",
  IN_CORRECTION: "bg-amber-800 text-white",
};

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("status");
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${STYLE[status] ?? ""}`}>{t(status)}</span>;
}
