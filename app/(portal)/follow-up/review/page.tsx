import { getTranslations } from "next-intl/server";
import { RecommendationListSection } from "@/components/follow-up/recommendation-list-section";
import { ZFollowUpListFilter } from "@/lib/schemas/follow-up";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { chooseFollowUpCycle, listFollowUpCycles, listFollowUpRecommendations } from "@/lib/server/follow-up/views";

export async function generateMetadata() {
  return { title: (await getTranslations("followUp"))("reviewTitle") };
}

/** The verifier's recommendations of its assigned institutions; by default those with an action waiting for a decision. */
export default async function FollowUpReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("followUp.review");
  const parsed = ZFollowUpListFilter.parse(await searchParams);
  const filter = { ...parsed, show: parsed.show ?? "pending" };
  const [t, cycles] = await Promise.all([getTranslations("followUp"), listFollowUpCycles(actor)]);
  const cycle = chooseFollowUpCycle(cycles, filter.cycle);
  const list = cycle ? await listFollowUpRecommendations(actor, "followUp.review", cycle.id, filter) : null;
  return <RecommendationListSection cycles={cycles} cycle={cycle} list={list} show={filter.show} title={t("reviewTitle")} intro={t("reviewIntro")} />;
}
