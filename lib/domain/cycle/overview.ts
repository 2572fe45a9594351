import { INSTITUTION_TYPES, type InstitutionType } from "../registry/fields";
import { ASSESSMENT_STATUSES, isSelfAssessmentEditable, selfAssessmentWindow, type AssessmentStatus, type StageWindow } from "../workflow";

/**
 * A locus is overdue when its self-assessment deadline has passed (and no reopening by an admin
 * runs) while it is still with the unit: a draft never submitted, or a returned one not resubmitted.
 * The same window rule as the one that refuses the unit's edits.
 */
export function isOverdue(status: AssessmentStatus, stage: StageWindow | null, reopenedUntil: Date | null, now: Date): boolean {
  if (!isSelfAssessmentEditable(status) || !stage) return false;
  const window = selfAssessmentWindow(stage, reopenedUntil, now);
  return !window.open && window.reason === "ENDED";
}

export interface StatusCount {
  type: InstitutionType;
  status: AssessmentStatus;
  count: number;
}

export interface StatusMatrix {
  rows: { type: InstitutionType; counts: Record<AssessmentStatus, number>; total: number }[];
  totals: Record<AssessmentStatus, number>;
  total: number;
}

const zeros = (): Record<AssessmentStatus, number> => Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, 0])) as Record<AssessmentStatus, number>;

/**
 * Loci per status per institution type, every type and status present (zeros included) in the
 * fixed orders, with row and column totals.
 */
export function statusMatrix(counts: readonly StatusCount[]): StatusMatrix {
  const rows = INSTITUTION_TYPES.map((type) => ({ type, counts: zeros(), total: 0 }));
  const totals = zeros();
  let total = 0;
  for (const { type, status, count } of counts) {
    const row = rows.find((r) => r.type === type);
    if (!row) continue;
    row.counts[status] += count;
    row.total += count;
    totals[status] += count;
    total += count;
  }
  return { rows, totals, total };
}

export interface WorkloadRow {
  verifierId: string;
  institutions: number;
  counts: Record<AssessmentStatus, number>;
  loci: number;
  /** Loci waiting for the verifier now: submitted or in review. */
  open: number;
}

/**
 * Each verifier's load in a cycle from (verifier, assigned institutions, status, count) rows, summed
 * per verifier and status by the database (a verifier with no loci yet has one row with a null
 * status): loci per status and the open work; heaviest open work first.
 */
export function verifierWorkload(rows: readonly { verifierId: string; institutions: number; status: AssessmentStatus | null; count: number }[]): WorkloadRow[] {
  const byVerifier = new Map<string, { institutions: number; counts: Record<AssessmentStatus, number> }>();
  for (const row of rows) {
    let entry = byVerifier.get(row.verifierId);
    if (!entry) byVerifier.set(row.verifierId, (entry = { institutions: row.institutions, counts: zeros() }));
    if (row.status) entry.counts[row.status] += row.count;
  }
  return [...byVerifier.entries()]
    .map(([verifierId, { institutions, counts }]) => ({
      verifierId,
      institutions,
      counts,
      loci: ASSESSMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0),
      open: counts.SUBMITTED + counts.IN_REVIEW,
    }))
    .sort((a, b) => b.open - a.open || b.loci - a.loci || a.verifierId.localeCompare(b.verifierId));
}
