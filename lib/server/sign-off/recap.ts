import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { db } from "../db/client";
import { ActionError } from "../errors";

export interface RecapRow {
  institution: string;
  loci: number;
  approved: number;
  signedByVerifier: number;
  signedByHead: number;
  codes: string;
}

/**
 * The admin's recapitulation of a cycle's Berita Acara per institution: loci, approved loci
 * (VERIFIED or FINAL), and of those how many carry the verifier's and the head's signature on
 * their latest document, with the codes. Institutions without an approved locus are left out.
 */
export async function loadSignOffRecap(actor: Actor, cycleId: string): Promise<{ cycleName: string; rows: RecapRow[] }> {
  if (!can(actor, "signOff.recap")) throw new ActionError("errors.notFound");
  const cycle = await db.cycle.findUnique({ where: { id: cycleId }, select: { name: true } });
  if (!cycle) throw new ActionError("errors.notFound");
  const rows = await db.$queryRaw<{ institution: string; loci: bigint; approved: bigint; verifier: bigint; head: bigint; codes: string | null }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (b."assessmentId") b.id, b."assessmentId", b.code
      FROM "BeritaAcara" b JOIN "Assessment" a ON a.id = b."assessmentId" AND a."cycleId" = ${cycleId}::uuid
      ORDER BY b."assessmentId", b."createdAt" DESC, b.id DESC
    )
    SELECT i.name AS institution, count(*) AS loci,
           count(*) FILTER (WHERE a.status IN ('VERIFIED', 'FINAL')) AS approved,
           count(s1.id) AS verifier, count(s2.id) AS head,
           string_agg(l.code, ', ' ORDER BY l.code) AS codes
    FROM "Assessment" a
    JOIN "Locus" lo ON lo.id = a."locusId"
    JOIN "Institution" i ON i.id = lo."institutionId"
    LEFT JOIN latest l ON l."assessmentId" = a.id
    LEFT JOIN "BeritaAcaraSignature" s1 ON s1."beritaAcaraId" = l.id AND s1.role = 'VERIFIER'
    LEFT JOIN "BeritaAcaraSignature" s2 ON s2."beritaAcaraId" = l.id AND s2.role = 'HEAD'
    WHERE a."cycleId" = ${cycleId}::uuid
    GROUP BY i.id, i.name
    HAVING count(*) FILTER (WHERE a.status IN ('VERIFIED', 'FINAL')) > 0
    ORDER BY i.name`;
  return {
    cycleName: cycle.name,
    rows: rows.map((r) => ({
      institution: r.institution,
      loci: Number(r.loci),
      approved: Number(r.approved),
      signedByVerifier: Number(r.verifier),
      signedByHead: Number(r.head),
      codes: r.codes ?? "",
    })),
  };
}
