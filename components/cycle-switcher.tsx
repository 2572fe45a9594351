import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { CycleChoice } from "@/lib/server/cycle/cycles";

/**
 * The cycle a work page shows, among every cycle the user takes part in (issue 16): a GET form
 * (`?cycle=<id>`, works without JavaScript), the cycles grouped by programme, running ones first,
 * each with its owner and status. Shown only when there is more than one to choose from; the page
 * heading names the cycle shown either way.
 */
export async function CycleSwitcher({ cycles, current }: { cycles: readonly CycleChoice[]; current: CycleChoice }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const programmeName = (c: CycleChoice) => (locale === "en" ? c.programme.nameEn : c.programme.name);
  const owner = (c: CycleChoice) => c.ownerInstitution?.name ?? t("programmes.switcher.ministry");
  const groups = new Map<string, CycleChoice[]>();
  for (const c of cycles) groups.set(c.programmeCode, [...(groups.get(c.programmeCode) ?? []), c]);
  return (
    <div className="mt-2 space-y-2">
      <p className="text-sm text-slate-600" data-testid="current-cycle">
        {t("programmes.switcher.current", { name: current.name, programme: programmeName(current), owner: owner(current) })}
      </p>
      {cycles.length > 1 ? (
        <form method="get" className="flex max-w-full flex-wrap items-end gap-2" data-testid="cycle-switcher">
          <label className="block max-w-full text-sm font-medium">
            {t("programmes.switcher.label")}
            <Select name="cycle" defaultValue={current.id} inline className="block max-w-full">
              {[...groups.values()].map((group) => (
                <optgroup key={group[0]?.programmeCode} label={group[0] ? programmeName(group[0]) : ""}>
                  {group.map((c) => (
                    <option key={c.id} value={c.id}>
                      {t("programmes.switcher.option", { name: c.name, owner: owner(c), status: t(`cycleStatus.${c.status}`) })}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary">
            {t("programmes.switcher.show")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
