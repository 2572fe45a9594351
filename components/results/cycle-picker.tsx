import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Select } from "@/components/ui/input";

export interface PickableCycle {
  id: string;
  name: string;
  programmeCode: string;
  programmeName: string;
  programmeNameEn: string;
  ownerInstitutionId: string | null;
  ownerName: string | null;
}

/**
 * A plain GET form choosing one of the published cycles: works without JavaScript. The cycles come
 * grouped by programme and owner (listPublishedCycles' order, issue 16), each group named with its
 * owner, so an institution's internal results are never taken for the national ones.
 */
export async function CyclePicker({ cycles, current }: { cycles: readonly PickableCycle[]; current: string }) {
  const [t, locale] = await Promise.all([getTranslations("publicResults"), getLocale()]);
  const groups: PickableCycle[][] = [];
  for (const c of cycles) {
    const last = groups.at(-1)?.[0];
    if (last && last.programmeCode === c.programmeCode && last.ownerInstitutionId === c.ownerInstitutionId) groups.at(-1)!.push(c);
    else groups.push([c]);
  }
  return (
    <form method="get" className="flex items-end gap-2">
      <label className="text-sm">
        <span className="block text-slate-600">{t("cycle")}</span>
        <Select name="cycle" defaultValue={current} compact>
          {groups.map((group) => (
            <optgroup key={`${group[0]!.programmeCode}/${group[0]!.ownerInstitutionId}`} label={t("cycleGroup", cycleSeries(group[0]!, locale, t("ministry")))}>
              {group.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </label>
      <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
        {t("show")}
      </button>
    </form>
  );
}

/** A cycle's programme (in the reader's language) and owner (the ministry when it has none). */
export function cycleSeries(cycle: PickableCycle, locale: string, ministry: string) {
  return { programme: locale === "en" ? cycle.programmeNameEn : cycle.programmeName, owner: cycle.ownerName ?? ministry };
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
