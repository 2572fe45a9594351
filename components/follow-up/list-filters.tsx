import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { FOLLOW_UP_SHOW } from "@/lib/schemas/follow-up";

/** The cycle and, where lists allow it, which recommendations to show; a plain GET form. */
export async function FollowUpFilters({
  cycles,
  cycleId,
  show,
  showChoices = FOLLOW_UP_SHOW,
}: {
  cycles: readonly { id: string; name: string }[];
  cycleId: string;
  show?: string;
  showChoices?: readonly string[] | null;
}) {
  const t = await getTranslations("followUp");
  return (
    <form role="search" method="get" className="mt-4 flex flex-wrap items-end gap-3">
      <Field id="follow-up-cycle" label={t("cycle")}>
        <Select name="cycle" defaultValue={cycleId}>
          {cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {showChoices ? (
        <Field id="follow-up-show" label={t("show")}>
          <Select name="show" defaultValue={show ?? "all"}>
            {showChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t(`showChoice.${choice}`)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Button type="submit" variant="secondary">
        {t("apply")}
      </Button>
    </form>
  );
}
