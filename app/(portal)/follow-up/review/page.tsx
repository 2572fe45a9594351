import { getTranslations } from "next-intl/server";
import { RecommendationListSection } from "@/components/follow-up/recommendation-list-section";
import { ZFollowUpListFilter } from "@/lib/schemas/follow-up";
import { requirePolicy } from "@/lib/server/auth/current-user";

export async function generateMetadata() {
  return { title: (await getTranslations("followUp"))("reviewTitle") };
}

/** The verifier's recommendations of its assigned institutions; by default those with an action waiting for a decision. */
export default async function FollowUpReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("followUp.review");
  const parsed = ZFollowUpListFilter.parse(await searchParams);
  const t = await getTranslations("followUp");
  return <RecommendationListSection actor={actor} policy="followUp.review" filter={{ ...parsed, show: parsed.show ?? "pending" }} title={t("reviewTitle")} intro={t("reviewIntro")} />;
}
