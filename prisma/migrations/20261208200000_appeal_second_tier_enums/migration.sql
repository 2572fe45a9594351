-- Issue 15, appeals and the second tier: new enum values in their own migration, because a value
-- added with ALTER TYPE … ADD VALUE cannot be used in the transaction that adds it.

-- AlterEnum
ALTER TYPE "StageKind" ADD VALUE 'APPEAL' AFTER 'VERIFICATION';

-- AlterEnum
ALTER TYPE "AssessmentStatus" ADD VALUE 'AWAITING_VALIDATION' AFTER 'IN_REVIEW';
