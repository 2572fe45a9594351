import "server-only";
import { runPreCheck } from "@/lib/domain/pre-check";
import { db } from "../db/client";
import { logger } from "../logger";
import { loadPreCheckFacts } from "./facts";
import { disabledPreCheckRules } from "./settings";

/**
 * Runs the pre-check of a locus just submitted (docs/domain.md §8.1) and stores its flags in
 * place of the previous submission's, for the round the locus is in. It runs after the
 * submission committed (reading files must not hold the locus's lock); a later submission stores
 * its own set, and a run that finds the locus in another round by then stores nothing. The round
 * of the run is kept (PreCheckRun), so a locus submitted before the pre-check existed is known as
 * not checked yet (verification/pre-check-view.ts runs it when a verifier first opens it).
 */
export async function storePreCheck(assessmentId: string): Promise<number> {
  const loaded = await loadPreCheckFacts(assessmentId);
  if (!loaded) return 0;
  const disabled = await disabledPreCheckRules(loaded.cycleId);
  const flags = runPreCheck(loaded.facts, disabled);
  return db.$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ round: number }[]>`SELECT round FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
    if (current[0]?.round !== loaded.round) return 0;
    await tx.preCheckFlag.deleteMany({ where: { assessmentId } });
    await tx.preCheckFlag.createMany({
      data: flags.map((f) => ({
        assessmentId,
        round: loaded.round,
        ruleId: f.ruleId,
        severity: f.severity,
        indicatorId: f.indicatorCode ? (loaded.indicatorIds.get(f.indicatorCode) ?? null) : null,
        evidenceId: f.evidenceId,
        params: f.params,
      })),
    });
    await tx.preCheckRun.upsert({
      where: { assessmentId },
      create: { assessmentId, round: loaded.round },
      update: { round: loaded.round, ranAt: new Date() },
    });
    return flags.length;
  });
}

/** The submission stands whatever happens here: a failed pre-check is logged, never the user's error. */
export async function storePreCheckAfterSubmit(assessmentId: string) {
  try {
    await storePreCheck(assessmentId);
  } catch (error) {
    logger.error({ err: error, assessmentId }, "evidence pre-check failed after submission");
  }
}
