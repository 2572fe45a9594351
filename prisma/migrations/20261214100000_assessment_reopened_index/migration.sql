-- The loci of a cycle whose self-assessment was reopened (issue 17): the admin overview's overdue
-- count is the kept count of drafts and returned loci less those still reopened, read through
-- this index instead of every draft of the cycle. Few loci are ever reopened, so it stays small.
CREATE INDEX "Assessment_cycleId_reopened_idx" ON "Assessment"("cycleId") WHERE "reopenedUntil" IS NOT NULL;
