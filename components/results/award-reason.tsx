import { getTranslations } from "next-intl/server";
import type { AwardEligibility } from "@/lib/domain/results/awards";

/** The rule and the numbers that make a subject eligible, in words (awards.reason.<kind>[_TIED]). */
export async function AwardReason({ reason }: { reason: AwardEligibility["reason"] }) {
  const t = await getTranslations("awards");
  const tied = (reason.kind === "TOP_N" || reason.kind === "PROVINCE_BEST") && reason.values.tied === 1;
  return <>{t(`reason.${reason.kind}${tied ? "_TIED" : ""}`, reason.values)}</>;
}
