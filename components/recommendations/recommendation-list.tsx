import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { dateOf } from "@/lib/domain/cycle/dates";

export interface RecommendationView {
  id: string;
  text: string;
  targetDate: string | null;
  status: string;
  target: string;
  createdBy: string | null;
}

/** A locus's recommendations, as its evaluator, its head and its verifier read them. */
export async function RecommendationList({ items }: { items: RecommendationView[] }) {
  const [t, tFollowUp] = await Promise.all([getTranslations("recommendations"), getTranslations("followUp")]);
  return (
    <section aria-labelledby="recommendations-title" className="space-y-2">
      <h2 id="recommendations-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="space-y-2">
          {items.map((item) => (
            <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="recommendation">
              <p className="font-medium">{item.target}</p>
              <p className="mt-1 whitespace-pre-wrap">{item.text}</p>
              <p className="mt-1 text-xs text-slate-600">
                {item.targetDate ? t("due", { date: dateOf(item.targetDate) }) : null}
                {item.createdBy ? ` · ${t("by", { name: item.createdBy })}` : null}
                {` · ${item.status === "OPEN" ? t("open") : t("closed")}`}
              </p>
              <Link href={`/follow-up/recommendations/${item.id}`} className="mt-1 inline-block text-xs text-brand-700 underline underline-offset-2">
                {tFollowUp("previous.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
