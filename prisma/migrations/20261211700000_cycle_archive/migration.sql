-- Issue 20, data retention: a cycle published long enough can be archived. From then on it is
-- read-only everywhere: whatever path a write takes (a page, an action, the API, a script), the
-- rows of its loci refuse it here. Its results, result versions and audit trail stay as they are.
ALTER TABLE "Cycle" ADD COLUMN "archivedAt" TIMESTAMP(3),
                    ADD COLUMN "evidenceColdRequested" BOOLEAN NOT NULL DEFAULT false,
                    ADD COLUMN "evidenceColdStoredAt" TIMESTAMP(3);

-- The cycle of a row: through its assessment, or the recommendation, follow-up report, comment,
-- appeal or Berita Acara it belongs to.
CREATE FUNCTION refuse_archived_cycle_write() RETURNS trigger AS $$
DECLARE
  data jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  assessment_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'Assessment' THEN
    IF EXISTS (SELECT 1 FROM "Cycle" c WHERE c.id = (data->>'cycleId')::uuid AND c.status = 'ARCHIVED') THEN
      RAISE EXCEPTION 'pekppp: cycle archived, read-only' USING ERRCODE = 'P0001', HINT = 'cycle-archived';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  assessment_id := (data->>'assessmentId')::uuid;
  IF assessment_id IS NULL AND data ? 'recommendationId' THEN
    SELECT r."assessmentId" INTO assessment_id FROM "Recommendation" r WHERE r.id = (data->>'recommendationId')::uuid;
  END IF;
  IF assessment_id IS NULL AND data ? 'followUpActionId' THEN
    SELECT r."assessmentId" INTO assessment_id FROM "FollowUpAction" f JOIN "Recommendation" r ON r.id = f."recommendationId" WHERE f.id = (data->>'followUpActionId')::uuid;
  END IF;
  IF assessment_id IS NULL AND data ? 'commentId' THEN
    SELECT c."assessmentId" INTO assessment_id FROM "IndicatorComment" c WHERE c.id = (data->>'commentId')::uuid;
  END IF;
  IF assessment_id IS NULL AND data ? 'appealId' THEN
    SELECT p."assessmentId" INTO assessment_id FROM "Appeal" p WHERE p.id = (data->>'appealId')::uuid;
  END IF;
  IF assessment_id IS NULL AND data ? 'beritaAcaraId' THEN
    SELECT b."assessmentId" INTO assessment_id FROM "BeritaAcara" b WHERE b.id = (data->>'beritaAcaraId')::uuid;
  END IF;
  IF assessment_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" WHERE a.id = assessment_id AND c.status = 'ARCHIVED'
  ) THEN
    RAISE EXCEPTION 'pekppp: cycle archived, read-only' USING ERRCODE = 'P0001', HINT = 'cycle-archived';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Assessment', 'SelfAnswer', 'VerifiedAnswer', 'EvidenceItem', 'ReviewRound', 'Appeal',
                           'AssessmentValidation', 'IndicatorComment', 'SurveyLink', 'SurveyResponse', 'Recommendation',
                           'FollowUpAction', 'ResultCorrection', 'BeritaAcara', 'BeritaAcaraSignature'] LOOP
    EXECUTE format('CREATE TRIGGER refuse_archived_cycle_write BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_archived_cycle_write()', t);
  END LOOP;
END $$;
