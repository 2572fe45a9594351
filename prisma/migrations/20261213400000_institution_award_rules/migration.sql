-- Award rules per owner (issue 16): an institution running its own cycles (PEKPPP Mandiri) may set
-- award rules of its own; without a row its cycles follow the national rules (AppSetting
-- "awards.rules", else the shipped file). The portal's role gets its rights by default privileges.

-- CreateTable
CREATE TABLE "InstitutionAwardRules" (
    "institutionId" UUID NOT NULL,
    "rules" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstitutionAwardRules_pkey" PRIMARY KEY ("institutionId")
);

-- AddForeignKey
ALTER TABLE "InstitutionAwardRules" ADD CONSTRAINT "InstitutionAwardRules_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
