-- Audited corrections after FINAL and versioned published results (docs/domain.md §6.4).

CREATE TABLE "ResultCorrection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "decreeReference" TEXT NOT NULL,
    "decreeStorageKey" TEXT,
    "decreeFileName" TEXT,
    "decreeMimeType" TEXT,
    "decreeSha256" TEXT,
    "openedById" UUID NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "versionNumber" INTEGER,
    CONSTRAINT "ResultCorrection_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ResultCorrection_assessmentId_idx" ON "ResultCorrection"("assessmentId");
CREATE INDEX "ResultCorrection_cycleId_idx" ON "ResultCorrection"("cycleId");
-- At most one open correction per cycle: each publication adds exactly one version.
CREATE UNIQUE INDEX "ResultCorrection_one_open" ON "ResultCorrection"("cycleId") WHERE "publishedAt" IS NULL;
ALTER TABLE "ResultCorrection" ADD CONSTRAINT "ResultCorrection_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ResultCorrection" ADD CONSTRAINT "ResultCorrection_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ResultVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "decreeReference" TEXT,
    "correctionId" UUID,
    "createdById" UUID,
    "changes" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResultVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ResultVersion_cycleId_number_key" ON "ResultVersion"("cycleId", "number");
ALTER TABLE "ResultVersion" ADD CONSTRAINT "ResultVersion_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ResultVersionInstitution" (
    "versionId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "lociCount" INTEGER NOT NULL,
    "indexNumerator" DECIMAL(38,0) NOT NULL,
    "indexDenominator" DECIMAL(38,0) NOT NULL,
    "indexPublished" DECIMAL(3,2) NOT NULL,
    "grade" TEXT NOT NULL,
    CONSTRAINT "ResultVersionInstitution_pkey" PRIMARY KEY ("versionId","institutionId")
);
ALTER TABLE "ResultVersionInstitution" ADD CONSTRAINT "ResultVersionInstitution_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ResultVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ResultVersionInstitution" ADD CONSTRAINT "ResultVersionInstitution_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ResultVersionLocus" (
    "versionId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "indexNumerator" DECIMAL(38,0) NOT NULL,
    "indexDenominator" DECIMAL(38,0) NOT NULL,
    "indexPublished" DECIMAL(3,2) NOT NULL,
    "grade" TEXT NOT NULL,
    CONSTRAINT "ResultVersionLocus_pkey" PRIMARY KEY ("versionId","assessmentId")
);
ALTER TABLE "ResultVersionLocus" ADD CONSTRAINT "ResultVersionLocus_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ResultVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ResultVersionLocus" ADD CONSTRAINT "ResultVersionLocus_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Published versions are append-only: the portal may read and add them, never change or remove
-- one (a correction adds a version). Deleting a whole cycle as the owner still cascades.
REVOKE UPDATE, DELETE ON "ResultVersion", "ResultVersionInstitution", "ResultVersionLocus" FROM pekppp_app;
