import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { FOLLOW_UP_SHOW } from "@/lib/schemas/follow-up";

/**
 * Which recommendations of the cycle shown to list; a plain GET form that keeps the cycle (chosen
 * with the cycle switcher beside it).
 */
export async function FollowUpFilters({ cycleId, show }: { cycleId: string; show?: string }) {
  const t = await getTranslations("followUp");
  return (
    <form role="search" method="get" className="mt-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="cycle" value={cycleId} />
      <Field id="follow-up-show" label={t("show")}>
        <Select name="show" defaultValue={show ?? "all"}>
          {FOLLOW_UP_SHOW.map((choice) => (
            <option key={choice} value={choice}>
              {t(`showChoice.${choice}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        {t("apply")}
      </Button>
    </form>
  );
}
