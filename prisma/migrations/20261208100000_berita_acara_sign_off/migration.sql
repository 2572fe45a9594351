-- Berita Acara Verifikasi and its sign-off (issue 15): one row per document issued for a locus,
-- and one row per signature (the verifier first, then the institution's head). Both are
-- append-only: a new decision is a new document with a new code, never an edit of a signed one.
CREATE TABLE "BeritaAcara" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessmentId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BeritaAcara_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "BeritaAcara_code_format" CHECK ("code" ~ '^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$'),
    CONSTRAINT "BeritaAcara_bodyHash_format" CHECK ("bodyHash" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "BeritaAcara_code_key" ON "BeritaAcara"("code");
CREATE INDEX "BeritaAcara_assessmentId_createdAt_idx" ON "BeritaAcara"("assessmentId", "createdAt");
ALTER TABLE "BeritaAcara" ADD CONSTRAINT "BeritaAcara_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BeritaAcara" ADD CONSTRAINT "BeritaAcara_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "BeritaAcaraSignature" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "beritaAcaraId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "signerId" UUID NOT NULL,
    "signerName" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    CONSTRAINT "BeritaAcaraSignature_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "BeritaAcaraSignature_role_check" CHECK ("role" IN ('VERIFIER', 'HEAD')),
    CONSTRAINT "BeritaAcaraSignature_contentHash_format" CHECK ("contentHash" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "BeritaAcaraSignature_beritaAcaraId_role_key" ON "BeritaAcaraSignature"("beritaAcaraId", "role");
CREATE UNIQUE INDEX "BeritaAcaraSignature_contentHash_key" ON "BeritaAcaraSignature"("contentHash");
ALTER TABLE "BeritaAcaraSignature" ADD CONSTRAINT "BeritaAcaraSignature_beritaAcaraId_fkey" FOREIGN KEY ("beritaAcaraId") REFERENCES "BeritaAcara"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BeritaAcaraSignature" ADD CONSTRAINT "BeritaAcaraSignature_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only for the portal's role (lib/server/sign-off/): read and insert, nothing more.
REVOKE UPDATE, DELETE, TRUNCATE ON "BeritaAcara" FROM pekppp_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "BeritaAcaraSignature" FROM pekppp_app;
