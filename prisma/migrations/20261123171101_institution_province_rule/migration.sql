-- A province, regency or city belongs to a province; a ministry or agency (KL) or a state
-- enterprise (BUMN) to none (lib/domain/registry/fields.ts, provinceRule). The forms and the
-- registry import refuse such rows with a clear message first; this keeps every other path honest.
ALTER TABLE "Institution" ADD CONSTRAINT "Institution_province_matches_type"
  CHECK (("type" IN ('KL', 'BUMN')) = ("provinceId" IS NULL));
