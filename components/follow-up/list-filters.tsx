import { getTranslations } from "next-intl/server";
import { FOLLOW_UP_SHOW } from "@/lib/schemas/follow-up";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";

/** The cycle and, where lists allow it, which recommendations to show; a plain GET form. */
export async function FollowUpFilters({ cycles, cycleId, show, showChoices = FOLLOW_UP_SHOW }: {
  cycles: readonly { id: string; name: string }[];
  cycleId: string;
  show?: string;
  showChoices?: readonly string[] | null;
}) {
  const t = await getTranslations("followUp");
  return (
    <form role="search" method="get" className="mt-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="follow-up-cycle" className="block text-sm font-medium">{t("cycle")}</label>
        <select id="follow-up-cycle" name="cycle" defaultValue={cycleId} className={field}>
          {cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </div>
      {showChoices ? (
        <div>
          <label htmlFor="follow-up-show" className="block text-sm font-medium">{t("show")}</label>
          <select id="follow-up-show" name="show" defaultValue={show ?? "all"} className={field}>
            {showChoices.map((choice) => <option key={choice} value={choice}>{t(`showChoice.${choice}`)}</option>)}
          </select>
        </div>
      ) : null}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100">{t("apply")}</button>
    </form>
  );
}
