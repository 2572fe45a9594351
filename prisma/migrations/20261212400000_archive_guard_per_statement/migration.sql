-- Issue 17: the archive guard of 20261211700000_cycle_archive ran once per row (to_jsonb of the row and up to
-- three lookups), so the seed's COPY of millions of answers spent minutes in it. It now runs once per statement
-- over the statement's transition tables: one look at the (small) Cycle table when no cycle is archived, the
-- usual case; otherwise the changed rows' cycles against the archived ones, by an index probe per row for a
-- statement of a few rows (a save: a cached plan) and by one join planned for the statement's size for more.
-- What it guarantees is unchanged: no INSERT, UPDATE or DELETE of a row of an archived cycle's loci, whatever
-- path the write takes (an UPDATE is checked on the rows before and after it, so a row cannot be moved out of
-- an archived cycle either). PostgreSQL allows transition tables only on single-event triggers, hence three
-- triggers per table, and static SQL needs the table's own columns, hence one function per table.

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Assessment', 'SelfAnswer', 'VerifiedAnswer', 'EvidenceItem', 'ReviewRound', 'Appeal',
                           'AssessmentValidation', 'IndicatorComment', 'SurveyLink', 'SurveyResponse', 'Recommendation',
                           'FollowUpAction', 'ResultCorrection', 'BeritaAcara', 'BeritaAcaraSignature'] LOOP
    EXECUTE format('DROP TRIGGER refuse_archived_cycle_write ON %I', t);
  END LOOP;
END $$;
DROP FUNCTION refuse_archived_cycle_write();

DO $$
DECLARE
  t text;
  assessment text;
  cycle text;
  bulk text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Assessment', 'SelfAnswer', 'VerifiedAnswer', 'EvidenceItem', 'ReviewRound', 'Appeal',
                           'AssessmentValidation', 'IndicatorComment', 'SurveyLink', 'SurveyResponse', 'Recommendation',
                           'FollowUpAction', 'ResultCorrection', 'BeritaAcara', 'BeritaAcaraSignature'] LOOP
    -- The assessment of a changed row r: its own, or that of the recommendation, follow-up report, comment,
    -- appeal or Berita Acara it belongs to (the same paths as before).
    assessment := CASE t
      WHEN 'FollowUpAction' THEN '(SELECT x."assessmentId" FROM "Recommendation" x WHERE x.id = r."recommendationId")'
      WHEN 'BeritaAcaraSignature' THEN '(SELECT x."assessmentId" FROM "BeritaAcara" x WHERE x.id = r."beritaAcaraId")'
      WHEN 'EvidenceItem' THEN 'COALESCE(r."assessmentId",
          (SELECT x."assessmentId" FROM "FollowUpAction" f JOIN "Recommendation" x ON x.id = f."recommendationId" WHERE f.id = r."followUpActionId"),
          (SELECT x."assessmentId" FROM "IndicatorComment" x WHERE x.id = r."commentId"),
          (SELECT x."assessmentId" FROM "Appeal" x WHERE x.id = r."appealId"))'
      ELSE 'r."assessmentId"'
    END;
    cycle := CASE t WHEN 'Assessment' THEN 'r."cycleId"' ELSE format('(SELECT a."cycleId" FROM "Assessment" a WHERE a.id = %s)', assessment) END;
    -- For many rows, a join the planner may hash (the archived cycles' assessments) rather than a probe per row.
    bulk := CASE t WHEN 'Assessment' THEN 'SELECT EXISTS (SELECT 1 FROM %I r WHERE r."cycleId" = ANY ($1))'
      ELSE format('SELECT EXISTS (SELECT 1 FROM %%I r JOIN "Assessment" a ON a.id = %s WHERE a."cycleId" = ANY ($1))', assessment) END;
    EXECUTE format($f$
      CREATE FUNCTION %1$I() RETURNS trigger AS $body$
      DECLARE
        archived uuid[];
        few boolean;
        hit boolean := false;
      BEGIN
        SELECT array_agg(id) INTO archived FROM "Cycle" WHERE status = 'ARCHIVED';
        IF archived IS NULL THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          SELECT count(*) <= 100 INTO few FROM (SELECT 1 FROM new_rows LIMIT 101) n;
          IF few THEN
            hit := EXISTS (SELECT 1 FROM new_rows r WHERE %2$s = ANY (archived));
          ELSE
            EXECUTE format(%3$L, 'new_rows') INTO hit USING archived;
          END IF;
        END IF;
        IF NOT hit AND TG_OP <> 'INSERT' THEN
          SELECT count(*) <= 100 INTO few FROM (SELECT 1 FROM old_rows LIMIT 101) n;
          IF few THEN
            hit := EXISTS (SELECT 1 FROM old_rows r WHERE %2$s = ANY (archived));
          ELSE
            EXECUTE format(%3$L, 'old_rows') INTO hit USING archived;
          END IF;
        END IF;
        IF hit THEN
          RAISE EXCEPTION 'pekppp: cycle archived, read-only' USING ERRCODE = 'P0001', HINT = 'cycle-archived';
        END IF;
        RETURN NULL;
      END;
      $body$ LANGUAGE plpgsql$f$, 'refuse_archived_cycle_write_' || t, cycle, bulk);
    EXECUTE format('CREATE TRIGGER refuse_archived_cycle_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, 'refuse_archived_cycle_write_' || t);
    EXECUTE format('CREATE TRIGGER refuse_archived_cycle_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, 'refuse_archived_cycle_write_' || t);
    EXECUTE format('CREATE TRIGGER refuse_archived_cycle_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, 'refuse_archived_cycle_write_' || t);
  END LOOP;
END $$;
