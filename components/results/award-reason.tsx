import { getTranslations } from "next-intl/server";
import type { AwardEligibility } from "@/lib/domain/results/awards";
import { awardReasonText } from "./standing-text";

/** The rule and the numbers that make a subject eligible, in words (awards.reason.<kind>[_TIED]). */
export async function AwardReason({ reason }: { reason: AwardEligibility["reason"] }) {
  const t = await getTranslations();
  return <>{awardReasonText(t, reason)}</>;
}
