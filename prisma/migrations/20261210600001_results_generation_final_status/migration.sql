-- Issue 17: a published cycle's listing without a result version shows only institutions whose
-- loci are all FINAL, so a locus entering or leaving FINAL in a published cycle also changes the
-- cycle's results generation, whoever writes it. One statement-level trigger: a cycle-wide
-- finalisation (one UPDATE of thousands of loci) adds one, and a cycle not published is left alone.
CREATE FUNCTION cycle_results_generation_on_final_status() RETURNS trigger AS $$
BEGIN
  UPDATE "Cycle" c SET "resultsGeneration" = c."resultsGeneration" + 1
  WHERE c."publishedAt" IS NOT NULL
    AND c.id IN (SELECT n."cycleId" FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE n.status IS DISTINCT FROM o.status AND (n.status = 'FINAL' OR o.status = 'FINAL'));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Assessment_results_generation"
  AFTER UPDATE ON "Assessment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cycle_results_generation_on_final_status();
