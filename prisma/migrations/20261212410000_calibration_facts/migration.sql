-- Issue 18: the calibration page summed every verified answer of the cycle (and of every cycle, for the
-- trend) at each cache miss, ~2 s at 20,000 loci. These rows count the answers once per results
-- generation per cycle (lib/server/calibration/facts.ts), per indicator, institution type, province,
-- verifier and adjustment (verified − self level); every filter and grouping of the page sums them.
CREATE TABLE "CalibrationFact" (
    "id" BIGSERIAL NOT NULL,
    "cycleId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "institutionType" "InstitutionType" NOT NULL,
    "provinceId" UUID,
    "verifierId" UUID,
    "adjustment" SMALLINT NOT NULL,
    "answers" INTEGER NOT NULL,
    CONSTRAINT "CalibrationFact_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CalibrationFact_cycleId_idx" ON "CalibrationFact"("cycleId");
ALTER TABLE "CalibrationFact" ADD CONSTRAINT "CalibrationFact_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CalibrationSnapshot" (
    "cycleId" UUID NOT NULL,
    "generation" INTEGER NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalibrationSnapshot_pkey" PRIMARY KEY ("cycleId")
);
ALTER TABLE "CalibrationSnapshot" ADD CONSTRAINT "CalibrationSnapshot_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
