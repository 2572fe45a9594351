-- Issue 18, Ombudsman side by side: the Ombudsman RI's compliance result of an institution per year,
-- imported (never computed) through the same dry-run flow as the registry (docs/domain.md §7).
-- Re-importing a corrected file updates a row, so the table is not append-only; every change is
-- audited. The portal's role gets its rights by the owner's default privileges.
-- CreateEnum
CREATE TYPE "OmbudsmanZone" AS ENUM ('GREEN', 'YELLOW', 'RED');

-- CreateTable
CREATE TABLE "OmbudsmanResult" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "institutionId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "score" DECIMAL(5,2) NOT NULL,
    "zone" "OmbudsmanZone" NOT NULL,
    "rank" INTEGER,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" UUID,

    CONSTRAINT "OmbudsmanResult_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OmbudsmanResult_score_range" CHECK ("score" >= 0 AND "score" <= 100),
    CONSTRAINT "OmbudsmanResult_rank_positive" CHECK ("rank" IS NULL OR "rank" >= 1)
);

-- CreateIndex
CREATE INDEX "OmbudsmanResult_year_idx" ON "OmbudsmanResult"("year");

-- CreateIndex
CREATE UNIQUE INDEX "OmbudsmanResult_institutionId_year_key" ON "OmbudsmanResult"("institutionId", "year");

-- AddForeignKey
ALTER TABLE "OmbudsmanResult" ADD CONSTRAINT "OmbudsmanResult_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OmbudsmanResult" ADD CONSTRAINT "OmbudsmanResult_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

