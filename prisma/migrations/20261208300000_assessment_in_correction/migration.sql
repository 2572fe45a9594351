-- A final locus under an audited correction (docs/domain.md §6.4). Alone in its migration: a value
-- added with ALTER TYPE … ADD VALUE cannot be used in the transaction that adds it.
ALTER TYPE "AssessmentStatus" ADD VALUE IF NOT EXISTS 'IN_CORRECTION';
