-- Issue 18, evidence pre-check (docs/domain.md §8.1): the flags of each locus's latest submission
-- (replaced at every submission, so not append-only; the verifier queue counts them per locus), the
-- round of each locus's latest run, the per-cycle rule switches, and an index to find the same
-- file (sha256) in other loci of a cycle.
-- CreateTable
CREATE TABLE "PreCheckFlag" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "ruleId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "indicatorId" UUID,
    "evidenceId" UUID,
    "params" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreCheckFlag_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PreCheckFlag_severity_check" CHECK ("severity" IN ('high', 'medium', 'low'))
);

-- CreateTable
CREATE TABLE "PreCheckRun" (
    "assessmentId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreCheckRun_pkey" PRIMARY KEY ("assessmentId")
);

-- CreateTable
CREATE TABLE "PreCheckRuleSetting" (
    "cycleId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreCheckRuleSetting_pkey" PRIMARY KEY ("cycleId","ruleId")
);

-- CreateIndex
CREATE INDEX "PreCheckFlag_assessmentId_ruleId_idx" ON "PreCheckFlag"("assessmentId", "ruleId");

-- CreateIndex
CREATE INDEX "EvidenceItem_sha256_idx" ON "EvidenceItem"("sha256");

-- AddForeignKey
ALTER TABLE "PreCheckFlag" ADD CONSTRAINT "PreCheckFlag_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreCheckFlag" ADD CONSTRAINT "PreCheckFlag_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreCheckFlag" ADD CONSTRAINT "PreCheckFlag_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "EvidenceItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreCheckRun" ADD CONSTRAINT "PreCheckRun_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreCheckRuleSetting" ADD CONSTRAINT "PreCheckRuleSetting_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

