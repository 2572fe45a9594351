import "server-only";
import { db } from "../db/client";
import { evidenceStorage, type EvidenceStorage } from "../storage";

export interface ColdStorageOutcome {
  cycleId: string;
  cycleName: string;
  files: number;
}

/**
 * Moves the evidence files of every archived cycle whose admin asked for it to cold storage
 * (docs/domain.md §3.6; run by the operator, `npm run evidence:cold`, or a cron line): the files of
 * its loci's answers, follow-up reports, comments and appeals. They stay downloadable under the
 * same key. A cycle is marked done only after all its files moved, so an interrupted run is simply
 * run again (moving an object twice is no error).
 */
export async function moveArchivedEvidenceToColdStorage(storage?: EvidenceStorage, now = new Date()): Promise<ColdStorageOutcome[]> {
  const target = storage ?? (await evidenceStorage());
  const cycles = await db.cycle.findMany({
    where: { status: "ARCHIVED", evidenceColdRequested: true, evidenceColdStoredAt: null },
    select: { id: true, name: true },
    orderBy: { archivedAt: "asc" },
  });
  const outcomes: ColdStorageOutcome[] = [];
  for (const cycle of cycles) {
    const keys = await db.$queryRaw<{ storageKey: string }[]>`
      SELECT e."storageKey" FROM "EvidenceItem" e
      LEFT JOIN "FollowUpAction" f ON f.id = e."followUpActionId"
      LEFT JOIN "Recommendation" r ON r.id = f."recommendationId"
      LEFT JOIN "IndicatorComment" c ON c.id = e."commentId"
      LEFT JOIN "Appeal" p ON p.id = e."appealId"
      JOIN "Assessment" a ON a.id = COALESCE(e."assessmentId", r."assessmentId", c."assessmentId", p."assessmentId")
      WHERE a."cycleId" = ${cycle.id}::uuid AND e."storageKey" IS NOT NULL
      ORDER BY e."storageKey"`;
    for (const { storageKey } of keys) await target.moveToCold(storageKey);
    await db.cycle.update({ where: { id: cycle.id }, data: { evidenceColdStoredAt: now } });
    outcomes.push({ cycleId: cycle.id, cycleName: cycle.name, files: keys.length });
  }
  return outcomes;
}
