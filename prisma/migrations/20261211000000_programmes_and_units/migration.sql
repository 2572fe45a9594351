-- Issue 16: programmes side by side (national PEKPPP, PEKPPP Mandiri, Ramah Kelompok Rentan, …),
-- cycles owned by the ministry or by one institution (its Mandiri cycles), an institution's own
-- admin, and an institution's units as a hierarchy of which the national loci are a part.
ALTER TYPE "Role" ADD VALUE 'INSTITUTION_ADMIN' BEFORE 'EVALUATOR';

CREATE TYPE "UnitKind" AS ENUM ('SEKRETARIAT', 'DINAS', 'BADAN', 'BIRO', 'UPT', 'RUMAH_SAKIT', 'PUSKESMAS', 'KANTOR', 'LAINNYA');

CREATE TABLE "Programme" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "institutionsMayRun" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Programme_pkey" PRIMARY KEY ("code")
);

-- The programmes are data: more can be added as rows.
INSERT INTO "Programme" ("code", "name", "nameEn", "institutionsMayRun", "sortOrder") VALUES
  ('PEKPPP', 'PEKPPP Nasional', 'National PEKPPP', false, 1),
  ('MANDIRI', 'PEKPPP Mandiri', 'PEKPPP Mandiri (self-run)', true, 2),
  ('RAMAH_RENTAN', 'Ramah Kelompok Rentan', 'Vulnerable-group friendly facilities', true, 3);

ALTER TABLE "Cycle" ADD COLUMN "programmeCode" TEXT NOT NULL DEFAULT 'PEKPPP',
                    ADD COLUMN "ownerInstitutionId" UUID;
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_programmeCode_fkey" FOREIGN KEY ("programmeCode") REFERENCES "Programme"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_ownerInstitutionId_fkey" FOREIGN KEY ("ownerInstitutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A name is unique per owner and year; NULLS NOT DISTINCT so that the ministry's cycles (owner
-- null) stay unique among themselves as before.
DROP INDEX "Cycle_year_name_key";
CREATE UNIQUE INDEX "Cycle_ownerInstitutionId_year_name_key" ON "Cycle"("ownerInstitutionId", "year", "name") NULLS NOT DISTINCT;
CREATE INDEX "Cycle_programmeCode_status_idx" ON "Cycle"("programmeCode", "status");
CREATE INDEX "Cycle_ownerInstitutionId_status_idx" ON "Cycle"("ownerInstitutionId", "status");

ALTER TABLE "Locus" ADD COLUMN "parentId" UUID,
                    ADD COLUMN "unitKind" "UnitKind" NOT NULL DEFAULT 'LAINNYA',
                    ADD COLUMN "nationalLocus" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Locus" ADD CONSTRAINT "Locus_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Locus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Locus_parentId_idx" ON "Locus"("parentId");

-- A unit's parent is a unit of the same institution, and the tree has no loop.
CREATE FUNCTION locus_parent_check() RETURNS trigger AS $$
DECLARE
  cursor_id uuid := NEW."parentId";
  steps int := 0;
BEGIN
  IF NEW."parentId" IS NULL THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "Locus" p WHERE p.id = NEW."parentId" AND p."institutionId" = NEW."institutionId") THEN
    RAISE EXCEPTION 'unit parent of another institution' USING ERRCODE = '23514', CONSTRAINT = 'Locus_parent_same_institution';
  END IF;
  WHILE cursor_id IS NOT NULL LOOP
    IF cursor_id = NEW.id OR steps > 64 THEN
      RAISE EXCEPTION 'unit hierarchy loop' USING ERRCODE = '23514', CONSTRAINT = 'Locus_parent_no_loop';
    END IF;
    SELECT p."parentId" INTO cursor_id FROM "Locus" p WHERE p.id = cursor_id;
    steps := steps + 1;
  END LOOP;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER locus_parent_check BEFORE INSERT OR UPDATE OF "parentId", "institutionId" ON "Locus"
FOR EACH ROW EXECUTE FUNCTION locus_parent_check();
