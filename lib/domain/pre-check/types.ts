/**
 * The evidence pre-check (issue 18, docs/domain.md §8.1): deterministic rules over plain facts a
 * server assembles when a locus is submitted. Nothing here reads a database or a file.
 */

export const PRE_CHECK_SEVERITIES = ["high", "medium", "low"] as const;
export type PreCheckSeverity = (typeof PRE_CHECK_SEVERITIES)[number];

/** What a stored file turned out to be when its bytes were read at submission (`file-state.ts`). */
export type StoredFileState = "ok" | "empty" | "encrypted" | "unreadable";

export interface PreCheckIndicator {
  code: string;
  aspectCode: string;
  /** The rubric text of each level (0–5), as the instrument words it. */
  rubric: readonly string[];
}

export interface PreCheckAnswer {
  indicatorCode: string;
  level: number | null;
  justification: string;
}

export interface PreCheckEvidence {
  id: string;
  indicatorCode: string;
  kind: "FILE" | "LINK";
  /** The file's name or the link's address, as the evaluator sees it. */
  label: string;
  sha256: string | null;
  url: string | null;
  /** ISO instant of the upload. */
  uploadedAt: string;
  /** Files only: what reading the stored bytes showed; null when they were not read. */
  fileState: StoredFileState | null;
}

/** Another use of one of this locus's files (same sha256) in the same cycle, outside this locus. */
export interface PreCheckOtherUse {
  sha256: string;
  /** Whether the other locus belongs to another institution (whose name is never shown here). */
  otherInstitution: boolean;
  indicatorCode: string;
  aspectCode: string;
  assessmentId: string;
}

export interface PreCheckFacts {
  indicators: readonly PreCheckIndicator[];
  answers: readonly PreCheckAnswer[];
  evidence: readonly PreCheckEvidence[];
  otherUses: readonly PreCheckOtherUse[];
  /** ISO instant the self-assessment stage closed for this locus (its reopening if later); null: no stage. */
  deadline: string | null;
  /** Host names of the portal itself (lower case): a link there is no evidence. */
  portalHosts: readonly string[];
}

export type PreCheckParams = Readonly<Record<string, string | number>>;

export interface PreCheckFlag {
  ruleId: string;
  severity: PreCheckSeverity;
  indicatorCode: string | null;
  evidenceId: string | null;
  /** The concrete values of the message (catalogue `preCheck.rules.<ruleId>`). */
  params: PreCheckParams;
}

export interface PreCheckRule {
  /** Stable: stored with each flag and in the per-cycle switches; the catalogue key. */
  readonly id: string;
  readonly severity: PreCheckSeverity;
  readonly check: (facts: PreCheckFacts) => readonly Omit<PreCheckFlag, "ruleId" | "severity">[];
}
