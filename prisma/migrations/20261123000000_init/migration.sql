-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'EVALUATOR', 'VERIFIER', 'HEAD');

-- CreateEnum
CREATE TYPE "InstitutionType" AS ENUM ('KL', 'PROVINSI', 'KABUPATEN', 'KOTA', 'BUMN');

-- CreateEnum
CREATE TYPE "ServiceType" AS ENUM ('ADMINISTRATIF', 'JASA', 'BARANG');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('PREPARATION', 'ACTIVE', 'FINALISED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "StageKind" AS ENUM ('SELF_ASSESSMENT', 'SURVEY', 'VERIFICATION', 'FINALISATION', 'PUBLICATION', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'VERIFIED', 'FINAL');

-- CreateEnum
CREATE TYPE "ScoreKind" AS ENUM ('SELF', 'VERIFIED');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "FollowUpReview" AS ENUM ('PENDING', 'ACCEPTED', 'MORE_REQUESTED');

-- CreateTable
CREATE TABLE "InstrumentVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "lockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstrumentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstrumentAspect" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instrumentVersionId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "InstrumentAspect_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstrumentIndicator" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instrumentVersionId" UUID NOT NULL,
    "aspectId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL,
    "evidenceHint" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,

    CONSTRAINT "InstrumentIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorLevel" (
    "indicatorId" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "IndicatorLevel_pkey" PRIMARY KEY ("indicatorId","level")
);

-- CreateTable
CREATE TABLE "SurveyItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instrumentVersionId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SurveyItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "instrumentVersionId" UUID NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'PREPARATION',
    "f02SharePercent" INTEGER NOT NULL DEFAULT 75,
    "minSurveyRespondents" INTEGER NOT NULL DEFAULT 10,
    "evidenceRequiredAboveZero" BOOLEAN NOT NULL DEFAULT true,
    "finalisedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CycleStage" (
    "cycleId" UUID NOT NULL,
    "kind" "StageKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CycleStage_pkey" PRIMARY KEY ("cycleId","kind")
);

-- CreateTable
CREATE TABLE "Province" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Province_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "type" "InstitutionType" NOT NULL,
    "provinceId" UUID,
    "isSynthetic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Locus" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "institutionId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "serviceType" "ServiceType" NOT NULL,
    "address" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Locus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "locusId" UUID NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "round" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "finalisedAt" TIMESTAMP(3),
    "reopenedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfAnswer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "level" SMALLINT,
    "justification" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SelfAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerifiedAnswer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "level" SMALLINT,
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VerifiedAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "EvidenceKind" NOT NULL,
    "assessmentId" UUID,
    "indicatorId" UUID,
    "followUpActionId" UUID,
    "url" TEXT,
    "storageKey" TEXT,
    "originalName" TEXT,
    "safeName" TEXT,
    "mimeType" TEXT,
    "sizeBytes" INTEGER,
    "sha256" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "EvidenceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRound" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnReason" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reviewRoundId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ReturnReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "closesAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "surveyLinkId" UUID,
    "ratings" SMALLINT[],
    "ratingSum" INTEGER NOT NULL,
    "respondentKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "aspectId" UUID,
    "indicatorId" UUID,
    "text" TEXT NOT NULL,
    "targetDate" DATE,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recommendationId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "actionDate" DATE NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'PLANNED',
    "review" "FollowUpReview" NOT NULL DEFAULT 'PENDING',
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMP(3),
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocusResult" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "kind" "ScoreKind" NOT NULL,
    "f02TenThousandths" INTEGER NOT NULL,
    "surveyRespondents" INTEGER NOT NULL,
    "f03Numerator" DECIMAL(38,0),
    "f03Denominator" DECIMAL(38,0),
    "indexNumerator" DECIMAL(38,0) NOT NULL,
    "indexDenominator" DECIMAL(38,0) NOT NULL,
    "indexPublished" DECIMAL(3,2) NOT NULL,
    "grade" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocusResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstitutionResult" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "kind" "ScoreKind" NOT NULL,
    "lociCount" INTEGER NOT NULL,
    "indexNumerator" DECIMAL(38,0) NOT NULL,
    "indexDenominator" DECIMAL(38,0) NOT NULL,
    "indexPublished" DECIMAL(3,2) NOT NULL,
    "grade" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstitutionResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "institutionId" UUID,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "locale" TEXT NOT NULL DEFAULT 'id',
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerifierAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycleId" UUID NOT NULL,
    "verifierId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "assignedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerifierAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "assessmentId" UUID,
    "before" JSONB,
    "after" JSONB,
    "ipAddress" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "InstrumentVersion_code_version_key" ON "InstrumentVersion"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "InstrumentAspect_instrumentVersionId_code_key" ON "InstrumentAspect"("instrumentVersionId", "code");

-- CreateIndex
CREATE INDEX "InstrumentIndicator_aspectId_idx" ON "InstrumentIndicator"("aspectId");

-- CreateIndex
CREATE UNIQUE INDEX "InstrumentIndicator_instrumentVersionId_code_key" ON "InstrumentIndicator"("instrumentVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyItem_instrumentVersionId_code_key" ON "SurveyItem"("instrumentVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_year_name_key" ON "Cycle"("year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Province_code_key" ON "Province"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Province_name_key" ON "Province"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Institution_code_key" ON "Institution"("code");

-- CreateIndex
CREATE INDEX "Institution_type_idx" ON "Institution"("type");

-- CreateIndex
CREATE INDEX "Institution_provinceId_idx" ON "Institution"("provinceId");

-- CreateIndex
CREATE INDEX "Institution_name_idx" ON "Institution"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Locus_institutionId_name_key" ON "Locus"("institutionId", "name");

-- CreateIndex
CREATE INDEX "Assessment_cycleId_status_idx" ON "Assessment"("cycleId", "status");

-- CreateIndex
CREATE INDEX "Assessment_locusId_idx" ON "Assessment"("locusId");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_cycleId_locusId_key" ON "Assessment"("cycleId", "locusId");

-- CreateIndex
CREATE UNIQUE INDEX "SelfAnswer_assessmentId_indicatorId_key" ON "SelfAnswer"("assessmentId", "indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "VerifiedAnswer_assessmentId_indicatorId_key" ON "VerifiedAnswer"("assessmentId", "indicatorId");

-- CreateIndex
CREATE INDEX "EvidenceItem_assessmentId_indicatorId_idx" ON "EvidenceItem"("assessmentId", "indicatorId");

-- CreateIndex
CREATE INDEX "EvidenceItem_followUpActionId_idx" ON "EvidenceItem"("followUpActionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRound_assessmentId_round_key" ON "ReviewRound"("assessmentId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyLink_token_key" ON "SurveyLink"("token");

-- CreateIndex
CREATE INDEX "SurveyResponse_assessmentId_idx" ON "SurveyResponse"("assessmentId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyLinkId_respondentKey_key" ON "SurveyResponse"("surveyLinkId", "respondentKey");

-- CreateIndex
CREATE INDEX "Recommendation_assessmentId_idx" ON "Recommendation"("assessmentId");

-- CreateIndex
CREATE INDEX "FollowUpAction_recommendationId_idx" ON "FollowUpAction"("recommendationId");

-- CreateIndex
CREATE INDEX "LocusResult_cycleId_kind_idx" ON "LocusResult"("cycleId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "LocusResult_assessmentId_kind_key" ON "LocusResult"("assessmentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "InstitutionResult_cycleId_institutionId_kind_key" ON "InstitutionResult"("cycleId", "institutionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_institutionId_idx" ON "User"("institutionId");

-- CreateIndex
CREATE INDEX "VerifierAssignment_verifierId_cycleId_idx" ON "VerifierAssignment"("verifierId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "VerifierAssignment_cycleId_institutionId_verifierId_key" ON "VerifierAssignment"("cycleId", "institutionId", "verifierId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_assessmentId_occurredAt_idx" ON "AuditEvent"("assessmentId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- AddForeignKey
ALTER TABLE "InstrumentAspect" ADD CONSTRAINT "InstrumentAspect_instrumentVersionId_fkey" FOREIGN KEY ("instrumentVersionId") REFERENCES "InstrumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstrumentIndicator" ADD CONSTRAINT "InstrumentIndicator_instrumentVersionId_fkey" FOREIGN KEY ("instrumentVersionId") REFERENCES "InstrumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstrumentIndicator" ADD CONSTRAINT "InstrumentIndicator_aspectId_fkey" FOREIGN KEY ("aspectId") REFERENCES "InstrumentAspect"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorLevel" ADD CONSTRAINT "IndicatorLevel_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyItem" ADD CONSTRAINT "SurveyItem_instrumentVersionId_fkey" FOREIGN KEY ("instrumentVersionId") REFERENCES "InstrumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_instrumentVersionId_fkey" FOREIGN KEY ("instrumentVersionId") REFERENCES "InstrumentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleStage" ADD CONSTRAINT "CycleStage_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Institution" ADD CONSTRAINT "Institution_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Locus" ADD CONSTRAINT "Locus_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_locusId_fkey" FOREIGN KEY ("locusId") REFERENCES "Locus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAnswer" ADD CONSTRAINT "SelfAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAnswer" ADD CONSTRAINT "SelfAnswer_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfAnswer" ADD CONSTRAINT "SelfAnswer_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifiedAnswer" ADD CONSTRAINT "VerifiedAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifiedAnswer" ADD CONSTRAINT "VerifiedAnswer_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifiedAnswer" ADD CONSTRAINT "VerifiedAnswer_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_followUpActionId_fkey" FOREIGN KEY ("followUpActionId") REFERENCES "FollowUpAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRound" ADD CONSTRAINT "ReviewRound_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRound" ADD CONSTRAINT "ReviewRound_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnReason" ADD CONSTRAINT "ReturnReason_reviewRoundId_fkey" FOREIGN KEY ("reviewRoundId") REFERENCES "ReviewRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnReason" ADD CONSTRAINT "ReturnReason_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_surveyLinkId_fkey" FOREIGN KEY ("surveyLinkId") REFERENCES "SurveyLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_aspectId_fkey" FOREIGN KEY ("aspectId") REFERENCES "InstrumentAspect"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "InstrumentIndicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocusResult" ADD CONSTRAINT "LocusResult_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocusResult" ADD CONSTRAINT "LocusResult_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstitutionResult" ADD CONSTRAINT "InstitutionResult_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstitutionResult" ADD CONSTRAINT "InstitutionResult_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifierAssignment" ADD CONSTRAINT "VerifierAssignment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifierAssignment" ADD CONSTRAINT "VerifierAssignment_verifierId_fkey" FOREIGN KEY ("verifierId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifierAssignment" ADD CONSTRAINT "VerifierAssignment_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifierAssignment" ADD CONSTRAINT "VerifierAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Domain constraints the schema language cannot express.
ALTER TABLE "SelfAnswer" ADD CONSTRAINT "SelfAnswer_level_range" CHECK ("level" IS NULL OR "level" BETWEEN 0 AND 5);
ALTER TABLE "VerifiedAnswer" ADD CONSTRAINT "VerifiedAnswer_level_range" CHECK ("level" IS NULL OR "level" BETWEEN 0 AND 5);
ALTER TABLE "IndicatorLevel" ADD CONSTRAINT "IndicatorLevel_level_range" CHECK ("level" BETWEEN 0 AND 5);
ALTER TABLE "InstrumentAspect" ADD CONSTRAINT "InstrumentAspect_weight_range" CHECK ("weight" BETWEEN 0 AND 100);
ALTER TABLE "InstrumentIndicator" ADD CONSTRAINT "InstrumentIndicator_weight_range" CHECK ("weight" BETWEEN 0 AND 100);
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_ratings_range" CHECK (0 <= ALL ("ratings") AND 5 >= ALL ("ratings"));
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_f02_share_range" CHECK ("f02SharePercent" BETWEEN 0 AND 100);
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_min_respondents_range" CHECK ("minSurveyRespondents" >= 0);
ALTER TABLE "CycleStage" ADD CONSTRAINT "CycleStage_dates_order" CHECK ("startsAt" <= "endsAt");

-- The audit trail is append-only: no statement of the application may rewrite history.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
