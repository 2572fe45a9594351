-- Issue 15: appeals (sanggah) of verified levels, and the second tier (validation by the ministry).

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('FILED', 'ASSIGNED', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ValidationDecision" AS ENUM ('VALIDATED', 'SENT_BACK');

-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "secondTierEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "secondTierInstitutionTypes" "InstitutionType"[] DEFAULT ARRAY['KABUPATEN', 'KOTA']::"InstitutionType"[];

-- AlterTable
ALTER TABLE "EvidenceItem" ADD COLUMN     "appealId" UUID;

-- CreateTable
CREATE TABLE "Appeal" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'FILED',
    "argument" TEXT NOT NULL,
    "filedById" UUID NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scorerId" UUID,
    "reviewerId" UUID,
    "assignedById" UUID,
    "assignedAt" TIMESTAMP(3),
    "reviewerIsScorer" BOOLEAN NOT NULL DEFAULT false,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "levelBefore" SMALLINT,
    "levelAfter" SMALLINT,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValidatorAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "validatorId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ValidatorAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentValidation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "decision" "ValidationDecision" NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '',
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentValidation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Appeal_assessmentId_status_idx" ON "Appeal"("assessmentId", "status");

-- CreateIndex
CREATE INDEX "Appeal_reviewerId_status_idx" ON "Appeal"("reviewerId", "status");

-- At most one open appeal per indicator of a locus (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "Appeal_one_open_per_indicator" ON "Appeal"("assessmentId", "indicatorId") WHERE "status" IN ('FILED', 'ASSIGNED');

-- CreateIndex
CREATE INDEX "ValidatorAssignment_validatorId_cycleId_idx" ON "ValidatorAssignment"("validatorId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "ValidatorAssignment_cycleId_institutionId_validatorId_key" ON "ValidatorAssignment"("cycleId", "institutionId", "validatorId");

-- CreateIndex
CREATE INDEX "AssessmentValidation_assessmentId_idx" ON "AssessmentValidation"("assessmentId");

-- CreateIndex
CREATE INDEX "EvidenceItem_appealId_idx" ON "EvidenceItem"("appealId");

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_filedById_fkey" FOREIGN KEY ("filedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidatorAssignment" ADD CONSTRAINT "ValidatorAssignment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidatorAssignment" ADD CONSTRAINT "ValidatorAssignment_validatorId_fkey" FOREIGN KEY ("validatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidatorAssignment" ADD CONSTRAINT "ValidatorAssignment_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentValidation" ADD CONSTRAINT "AssessmentValidation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentValidation" ADD CONSTRAINT "AssessmentValidation_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every existing cycle gets its appeal window: from the start of verification to the start of
-- finalisation, which keeps the stage order rules (docs/domain.md §3) for any valid schedule.
INSERT INTO "CycleStage" ("cycleId", "kind", "startsAt", "endsAt")
SELECT v."cycleId", 'APPEAL', v."startsAt", f."startsAt"
FROM "CycleStage" v JOIN "CycleStage" f ON f."cycleId" = v."cycleId" AND f."kind" = 'FINALISATION'
WHERE v."kind" = 'VERIFICATION' AND f."startsAt" > v."startsAt"
ON CONFLICT DO NOTHING;
