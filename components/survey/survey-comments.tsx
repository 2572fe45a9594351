import { getFormatter, getTranslations } from "next-intl/server";
import type { SurveyCommentView } from "@/lib/server/survey/survey";
import { MOMENT } from "@/lib/i18n/formats";

/**
 * The free-text comments of a locus's F-03 respondents, for its head and admins only (the loader
 * returns nothing to anyone else); said on the panel that they are never published.
 */
export async function SurveyComments({ comments }: { comments: SurveyCommentView[] }) {
  const [t, format] = await Promise.all([getTranslations("surveyComments"), getFormatter()]);
  return (
    <section aria-labelledby="survey-comments-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="survey-comments">
      <h2 id="survey-comments-title" className="text-lg font-semibold">
        {t("title", { count: comments.length })}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <ul className="mt-3 max-h-96 space-y-3 overflow-y-auto">
        {comments.map((c) => (
          <li key={c.id} className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="survey-comment">
            <p className="whitespace-pre-line">{c.comment}</p>
            <p className="mt-1 text-xs text-slate-600">{format.dateTime(c.createdAt, MOMENT)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
