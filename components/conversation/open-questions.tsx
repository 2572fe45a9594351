import { getTranslations } from "next-intl/server";
import type { ConversationView } from "@/lib/server/conversation/views";

/**
 * The locus header's count of open questions, with a link to each indicator that has one (the
 * workspace's card, or the review's indicator: `#indikator-<code>` on both pages).
 */
export async function OpenQuestions({ openQuestions }: { openQuestions: ConversationView["openQuestions"] }) {
  const t = await getTranslations("conversation");
  const entries = Object.entries(openQuestions.byIndicator);
  return (
    <div
      className={`mt-2 rounded-md border px-3 py-2 text-sm ${openQuestions.total > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
      data-testid="open-questions"
      data-count={openQuestions.total}
    >
      <p className="font-medium">
        <span className="sr-only">{t("openQuestionsTitle")}: </span>
        {t("openQuestions", { count: openQuestions.total })}
      </p>
      {entries.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {entries.map(([code, count]) => (
            <li key={code}>
              <a href={`#indikator-${code}`} className="text-brand-700 underline underline-offset-2">
                {t("openQuestionsAt", { code, count })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
