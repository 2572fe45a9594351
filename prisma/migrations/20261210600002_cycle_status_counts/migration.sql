-- Issue 17: the admin's cycle overview counts a cycle's loci per institution type and status. At
-- PEKPPP Mandiri scale that is tens of thousands of rows per request; these counts are kept by
-- triggers instead, in the transaction of every change, so the page reads at most 40 rows.
CREATE TABLE "CycleStatusCount" (
    "cycleId" UUID NOT NULL,
    "institutionType" "InstitutionType" NOT NULL,
    "status" "AssessmentStatus" NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "CycleStatusCount_pkey" PRIMARY KEY ("cycleId", "institutionType", "status")
);
ALTER TABLE "CycleStatusCount" ADD CONSTRAINT "CycleStatusCount_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "CycleStatusCount" ("cycleId", "institutionType", status, count)
SELECT a."cycleId", i.type, a.status, count(*)::int
FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
GROUP BY 1, 2, 3;

-- One statement-level trigger per operation: a cycle-wide UPDATE (finalisation) adds its changes
-- in one INSERT … ON CONFLICT, rows taken in key order (so two writers lock them in one order).
CREATE FUNCTION cycle_status_count_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CycleStatusCount" AS c ("cycleId", "institutionType", status, count)
    SELECT n."cycleId", i.type, n.status, count(*)::int
    FROM new_rows n JOIN "Locus" l ON l.id = n."locusId" JOIN "Institution" i ON i.id = l."institutionId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionType", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "CycleStatusCount" AS c ("cycleId", "institutionType", status, count)
    SELECT o."cycleId", i.type, o.status, -count(*)::int
    FROM old_rows o JOIN "Locus" l ON l.id = o."locusId" JOIN "Institution" i ON i.id = l."institutionId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionType", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  ELSE
    INSERT INTO "CycleStatusCount" AS c ("cycleId", "institutionType", status, count)
    SELECT x."cycleId", i.type, x.status, sum(x.d)::int
    FROM (
      SELECT n."cycleId", n."locusId", n.status, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status, n."cycleId", n."locusId") IS DISTINCT FROM (o.status, o."cycleId", o."locusId")
      UNION ALL
      SELECT o."cycleId", o."locusId", o.status, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status, n."cycleId", n."locusId") IS DISTINCT FROM (o.status, o."cycleId", o."locusId")
    ) x JOIN "Locus" l ON l.id = x."locusId" JOIN "Institution" i ON i.id = l."institutionId"
    GROUP BY 1, 2, 3 HAVING sum(x.d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("cycleId", "institutionType", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Assessment_status_count_insert" AFTER INSERT ON "Assessment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_status_count_apply();
CREATE TRIGGER "Assessment_status_count_update" AFTER UPDATE ON "Assessment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_status_count_apply();
CREATE TRIGGER "Assessment_status_count_delete" AFTER DELETE ON "Assessment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_status_count_apply();

-- An institution whose type changes takes its loci's counts along; a locus moved to another
-- institution likewise.
CREATE FUNCTION cycle_status_count_institution_type() RETURNS trigger AS $$
BEGIN
  INSERT INTO "CycleStatusCount" AS c ("cycleId", "institutionType", status, count)
  SELECT a."cycleId", t.type, a.status, sum(t.d)::int
  FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" CROSS JOIN (VALUES (OLD.type, -1), (NEW.type, 1)) AS t(type, d)
  WHERE l."institutionId" = NEW.id
  GROUP BY 1, 2, 3 HAVING sum(t.d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("cycleId", "institutionType", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Institution_status_count_type" AFTER UPDATE OF type ON "Institution"
  FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type) EXECUTE FUNCTION cycle_status_count_institution_type();

CREATE FUNCTION cycle_status_count_locus_move() RETURNS trigger AS $$
BEGIN
  INSERT INTO "CycleStatusCount" AS c ("cycleId", "institutionType", status, count)
  SELECT a."cycleId", t.type, a.status, sum(t.d)::int
  FROM "Assessment" a
  CROSS JOIN (VALUES ((SELECT type FROM "Institution" WHERE id = OLD."institutionId"), -1),
                     ((SELECT type FROM "Institution" WHERE id = NEW."institutionId"), 1)) AS t(type, d)
  WHERE a."locusId" = NEW.id
  GROUP BY 1, 2, 3 HAVING sum(t.d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("cycleId", "institutionType", status) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Locus_status_count_move" AFTER UPDATE OF "institutionId" ON "Locus"
  FOR EACH ROW WHEN (OLD."institutionId" IS DISTINCT FROM NEW."institutionId") EXECUTE FUNCTION cycle_status_count_locus_move();
