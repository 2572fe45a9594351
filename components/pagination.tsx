import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Previous / next links that keep the current filters in the URL. */
export async function Pagination({
  page,
  pageSize,
  total,
  params,
}: {
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string | undefined>;
}) {
  const t = await getTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set("page", String(target));
    return `?${query.toString()}`;
  };
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-brand-700 underline">
          {t("previous")}
        </Link>
      ) : null}
      <span>{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className="text-brand-700 underline">
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}
