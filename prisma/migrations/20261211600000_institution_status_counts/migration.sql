-- Issue 17: a cycle's loci per institution and status, kept by triggers in the transaction of every
-- change (as CycleStatusCount per institution type). The admin's verifier workload and a
-- verifier's queue counts read these rows (one per assigned institution and status) instead of
-- joining every locus of the cycle on each request.
CREATE TABLE "InstitutionStatusCount" (
    "cycleId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "status" "AssessmentStatus" NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "InstitutionStatusCount_pkey" PRIMARY KEY ("cycleId", "institutionId", "status")
);
ALTER TABLE "InstitutionStatusCount" ADD CONSTRAINT "InstitutionStatusCount_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InstitutionStatusCount" ADD CONSTRAINT "InstitutionStatusCount_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "InstitutionStatusCount" ("cycleId", "institutionId", status, count)
SELECT a."cycleId", l."institutionId", a.status, count(*)::int
FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
GROUP BY 1, 2, 3;

-- One statement-level trigger per operation; rows taken in key order (two writers lock them in one order).
CREATE FUNCTION institution_status_count_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "InstitutionStatusCount" AS c ("cycleId", "institutionId", status, count)
    SELECT n."cycleId", l."institutionId", n.status, count(*)::int
    FROM new_rows n JOIN "Locus" l ON l.id = n."locusId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionId", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "InstitutionStatusCount" AS c ("cycleId", "institutionId", status, count)
    SELECT o."cycleId", l."institutionId", o.status, -count(*)::int
    FROM old_rows o JOIN "Locus" l ON l.id = o."locusId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionId", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  ELSE
    INSERT INTO "InstitutionStatusCount" AS c ("cycleId", "institutionId", status, count)
    SELECT x."cycleId", l."institutionId", x.status, sum(x.d)::int
    FROM (
      SELECT n."cycleId", n."locusId", n.status, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status, n."cycleId", n."locusId") IS DISTINCT FROM (o.status, o."cycleId", o."locusId")
      UNION ALL
      SELECT o."cycleId", o."locusId", o.status, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status, n."cycleId", n."locusId") IS DISTINCT FROM (o.status, o."cycleId", o."locusId")
    ) x JOIN "Locus" l ON l.id = x."locusId"
    GROUP BY 1, 2, 3 HAVING sum(x.d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionId", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Assessment_institution_status_count_insert" AFTER INSERT ON "Assessment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_status_count_apply();
CREATE TRIGGER "Assessment_institution_status_count_update" AFTER UPDATE ON "Assessment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_status_count_apply();
CREATE TRIGGER "Assessment_institution_status_count_delete" AFTER DELETE ON "Assessment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_status_count_apply();

-- A locus moved to another institution takes its counts along.
CREATE FUNCTION institution_status_count_locus_move() RETURNS trigger AS $$
BEGIN
  INSERT INTO "InstitutionStatusCount" AS c ("cycleId", "institutionId", status, count)
  SELECT a."cycleId", t.institution, a.status, sum(t.d)::int
  FROM "Assessment" a CROSS JOIN (VALUES (OLD."institutionId", -1), (NEW."institutionId", 1)) AS t(institution, d)
  WHERE a."locusId" = NEW.id
  GROUP BY 1, 2, 3 HAVING sum(t.d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("cycleId", "institutionId", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Locus_institution_status_count_move" AFTER UPDATE OF "institutionId" ON "Locus"
  FOR EACH ROW WHEN (OLD."institutionId" IS DISTINCT FROM NEW."institutionId") EXECUTE FUNCTION institution_status_count_locus_move();
