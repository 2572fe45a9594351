import { getTranslations } from "next-intl/server";
import { RecommendationListSection } from "@/components/follow-up/recommendation-list-section";
import { ZFollowUpListFilter } from "@/lib/schemas/follow-up";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { chooseFollowUpCycle, listFollowUpCycles, listFollowUpRecommendations } from "@/lib/server/follow-up/views";

export async function generateMetadata() {
  return { title: (await getTranslations("followUp"))("reportTitle") };
}

/** The evaluator's recommendations of its own loci, the earliest target first, to report follow-up on. */
export default async function FollowUpReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("followUp.report");
  const filter = ZFollowUpListFilter.parse(await searchParams);
  const [t, cycles] = await Promise.all([getTranslations("followUp"), listFollowUpCycles(actor)]);
  const cycle = chooseFollowUpCycle(cycles, filter.cycle);
  const list = cycle ? await listFollowUpRecommendations(actor, "followUp.report", cycle.id, filter) : null;
  return <RecommendationListSection cycles={cycles} cycle={cycle} list={list} show={filter.show} title={t("reportTitle")} intro={t("reportIntro")} />;
}
