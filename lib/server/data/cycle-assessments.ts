import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Puts loci into a cycle: one DRAFT assessment per active locus (as the seed gives every locus
 * one per cycle), for the institutions that took part in `fromCycleId`, or for the whole registry
 * when it is null. Loci already in the cycle are left as they are, so it can run again after new
 * loci were registered. Returns how many were added.
 */
export function addDraftAssessments(tx: Prisma.TransactionClient, cycleId: string, fromCycleId: string | null): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Assessment" ("cycleId", "locusId", status, "updatedAt")
    SELECT ${cycleId}::uuid, l.id, 'DRAFT'::"AssessmentStatus", now()
    FROM "Locus" l
    WHERE l."isActive"
      AND (${fromCycleId}::uuid IS NULL OR l."institutionId" IN (
        SELECT pl."institutionId" FROM "Assessment" pa JOIN "Locus" pl ON pl.id = pa."locusId" WHERE pa."cycleId" = ${fromCycleId}::uuid))
    ON CONFLICT ("cycleId", "locusId") DO NOTHING`;
}
