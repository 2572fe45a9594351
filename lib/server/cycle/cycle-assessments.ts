import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Puts loci into a cycle: one DRAFT assessment per active locus (as the seed gives every locus
 * one per cycle). A ministry cycle takes the national loci (nationalLocus), of the institutions
 * that took part in `fromCycleId`, or of the whole registry when it is null; an institution's own
 * cycle takes every active unit of its owner (docs/domain.md §3.12, §9). Loci already in the cycle
 * are left as they are, so it can run again after new loci or units were registered. Returns how
 * many were added.
 */
export function addDraftAssessments(tx: Prisma.TransactionClient, cycleId: string, fromCycleId: string | null): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Assessment" ("cycleId", "locusId", status, "updatedAt")
    SELECT c.id, l.id, 'DRAFT'::"AssessmentStatus", now()
    FROM "Cycle" c
    JOIN "Locus" l ON (c."ownerInstitutionId" IS NULL AND l."nationalLocus") OR l."institutionId" = c."ownerInstitutionId"
    WHERE c.id = ${cycleId}::uuid
      AND l."isActive"
      AND (${fromCycleId}::uuid IS NULL OR l."institutionId" IN (
        SELECT pl."institutionId" FROM "Assessment" pa JOIN "Locus" pl ON pl.id = pa."locusId" WHERE pa."cycleId" = ${fromCycleId}::uuid))
    ON CONFLICT ("cycleId", "locusId") DO NOTHING`;
}

/**
 * Gives a copied cycle the verifier assignments of the cycle it copies: each institution that
 * takes part in the new cycle (it has a locus there) keeps the verifiers it had, as long as they
 * are still active verifier accounts. Returns each institution's verifiers, for the audit.
 */
export async function copyVerifierAssignments(tx: Prisma.TransactionClient, cycleId: string, fromCycleId: string, assignedById: string) {
  const rows = await tx.$queryRaw<{ institutionId: string; verifierId: string }[]>`
    INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId", "assignedById")
    SELECT ${cycleId}::uuid, va."verifierId", va."institutionId", ${assignedById}::uuid
    FROM "VerifierAssignment" va
    JOIN "User" u ON u.id = va."verifierId" AND u.role = 'VERIFIER' AND u."isActive"
    WHERE va."cycleId" = ${fromCycleId}::uuid
      AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = ${cycleId}::uuid AND l."institutionId" = va."institutionId")
    ORDER BY va."institutionId", va."createdAt"
    ON CONFLICT ("cycleId", "institutionId", "verifierId") DO NOTHING
    RETURNING "institutionId"::text, "verifierId"::text`;
  const byInstitution = new Map<string, string[]>();
  for (const row of rows) byInstitution.set(row.institutionId, [...(byInstitution.get(row.institutionId) ?? []), row.verifierId]);
  return byInstitution;
}
