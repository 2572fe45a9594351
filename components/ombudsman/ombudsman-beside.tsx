import { useTranslations } from "next-intl";
import type { InstitutionOmbudsman } from "@/lib/server/ombudsman/comparison";

const ZONE_STYLE: Record<InstitutionOmbudsman["zone"], string> = {
  GREEN: "bg-emerald-100 text-emerald-900",
  YELLOW: "bg-amber-100 text-amber-900",
  RED: "bg-red-100 text-red-900",
};

/** An institution's Ombudsman compliance result of a year, shown beside its PEKPPP index (imported, not computed). */
export function OmbudsmanBeside({ result, year }: { result: InstitutionOmbudsman | null; year: number }) {
  const t = useTranslations("ombudsman");
  return (
    <div className="text-sm" data-testid="ombudsman-beside">
      <p className="font-medium">{t("besideTitle", { year: String(year) })}</p>
      {result ? (
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <span className="tabular-nums">{t("besideLine", { score: result.score, zone: t(`zones.${result.zone}`) })}</span>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${ZONE_STYLE[result.zone]}`}>{t(`zones.${result.zone}`)}</span>
          {result.rank !== null ? <span className="text-slate-600">{t("besideRank", { rank: result.rank })}</span> : null}
        </p>
      ) : (
        <p className="mt-1 text-slate-600">{t("besideNone", { year: String(year) })}</p>
      )}
    </div>
  );
}
