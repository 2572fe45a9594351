import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Select } from "@/components/ui/input";

/** A plain GET form choosing one of the published cycles: works without JavaScript. */
export async function CyclePicker({ cycles, current }: { cycles: readonly { id: string; name: string }[]; current: string }) {
  const t = await getTranslations("publicResults");
  return (
    <form method="get" className="flex items-end gap-2">
      <label className="text-sm">
        <span className="block text-slate-600">{t("cycle")}</span>
        <Select name="cycle" defaultValue={current} compact>
          {cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </label>
      <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
        {t("show")}
      </button>
    </form>
  );
}

/** The page of a public results view while nothing is published yet. */
export async function NothingPublished({ title }: { title: string }) {
  const t = await getTranslations("publicResults");
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <h1 id="page-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <EmptyState>{t("nothingPublished")}</EmptyState>
    </section>
  );
}
