-- The conversation per indicator (issue 14): comments keyed by assessment and indicator, so a
-- thread carries over every round of a locus; files attached to a comment are evidence items.

-- AlterTable
ALTER TABLE "EvidenceItem" ADD COLUMN     "commentId" UUID;

-- CreateTable
CREATE TABLE "IndicatorComment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "mentionedUserIds" UUID[],
    "isQuestion" BOOLEAN NOT NULL DEFAULT false,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,
    "answerId" UUID,
    "editedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndicatorComment_assessmentId_indicatorId_createdAt_idx" ON "IndicatorComment"("assessmentId", "indicatorId", "createdAt");

-- CreateIndex
CREATE INDEX "IndicatorComment_assessmentId_isQuestion_resolvedAt_idx" ON "IndicatorComment"("assessmentId", "isQuestion", "resolvedAt");

-- CreateIndex
CREATE INDEX "EvidenceItem_commentId_idx" ON "EvidenceItem"("commentId");

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "IndicatorComment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComment" ADD CONSTRAINT "IndicatorComment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComment" ADD CONSTRAINT "IndicatorComment_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComment" ADD CONSTRAINT "IndicatorComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComment" ADD CONSTRAINT "IndicatorComment_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComment" ADD CONSTRAINT "IndicatorComment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "IndicatorComment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Comments are never deleted: the portal's role may read, add and update them (an edit within
-- five minutes, a question closed), but not delete one. (Referential actions run as the owner.)
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pekppp_app') THEN
    REVOKE DELETE, TRUNCATE ON "IndicatorComment" FROM pekppp_app;
  END IF;
END
$$;
