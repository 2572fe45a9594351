-- Issue 17: cached result listings are keyed by a generation number per cycle, read with the
-- cycle's row. The portal adds one whenever it changes the cycle's stored results; the database
-- adds one whenever publication, the cycle's status or its result versions change, whoever writes
-- them, so no writer can forget it.
ALTER TABLE "Cycle" ADD COLUMN "resultsGeneration" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION cycle_results_generation_on_publication() RETURNS trigger AS $$
BEGIN
  IF NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt" OR NEW.status IS DISTINCT FROM OLD.status THEN
    NEW."resultsGeneration" := OLD."resultsGeneration" + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Cycle_results_generation"
  BEFORE UPDATE ON "Cycle"
  FOR EACH ROW EXECUTE FUNCTION cycle_results_generation_on_publication();

CREATE FUNCTION cycle_results_generation_on_version() RETURNS trigger AS $$
BEGIN
  UPDATE "Cycle" SET "resultsGeneration" = "resultsGeneration" + 1 WHERE id = NEW."cycleId";
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ResultVersion_results_generation"
  AFTER INSERT ON "ResultVersion"
  FOR EACH ROW EXECUTE FUNCTION cycle_results_generation_on_version();
