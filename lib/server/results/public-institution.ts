import "server-only";
import { db } from "../db/client";
import { loadInstitutionStanding } from "./head-dashboard";
import { listPublishedCycles } from "./published";

/**
 * The public page of one institution: its standing and award eligibility in every PUBLISHED cycle
 * it has a public result in (only final, published results: docs/domain.md §6), newest first,
 * read from the same published listing as /results and the head dashboard. Nothing else of the
 * institution (loci, self-scores, recommendations) is public. Null when it has no public result:
 * an unknown institution and one without published results answer alike.
 */
export async function loadPublicInstitution(institutionId: string) {
  const cycles = await listPublishedCycles();
  const standings = await Promise.all(cycles.map((cycle) => loadInstitutionStanding(institutionId, cycle.id)));
  const results = standings.flatMap((entry) =>
    entry.standing && entry.publishedCycle ? [{ ...entry, cycle: entry.publishedCycle, standing: entry.standing }] : [],
  );
  if (results.length === 0) return null;
  const institution = await db.institution.findUnique({
    where: { id: institutionId },
    select: { id: true, code: true, name: true, type: true, province: { select: { name: true } } },
  });
  if (!institution) return null;
  return { institution: { ...institution, provinceName: institution.province?.name ?? null }, results };
}
