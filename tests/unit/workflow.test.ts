import { describe, expect, it } from "vitest";
import { readRealInstrument } from "./support/real-instrument";
import {
  ASSESSMENT_STATUSES,
  checkCompleteness,
  isSelfAssessmentEditable,
  selfAssessmentWindow,
  transition,
  WORKFLOW_ACTIONS,
  type AssessmentStatus,
  type WorkflowAction,
} from "@/lib/domain/workflow";
import { ROLES, type Role } from "@/lib/domain/roles";

/** Every allowed (action, from, role) → to, written out by hand from docs/domain.md §3 and the issues. */
const ALLOWED: [WorkflowAction, AssessmentStatus, Role, AssessmentStatus][] = [
  ["SUBMIT", "DRAFT", "EVALUATOR", "SUBMITTED"],
  ["SUBMIT", "RETURNED", "EVALUATOR", "SUBMITTED"],
  ["START_REVIEW", "SUBMITTED", "VERIFIER", "IN_REVIEW"],
  ["RETURN", "SUBMITTED", "VERIFIER", "RETURNED"],
  ["RETURN", "IN_REVIEW", "VERIFIER", "RETURNED"],
  ["APPROVE", "IN_REVIEW", "VERIFIER", "VERIFIED"],
  ["FINALISE", "VERIFIED", "ADMIN", "FINAL"],
  // An institution admin finalises its own cycles (issue 16; the scope is the policy's, cycle.finalise).
  ["FINALISE", "VERIFIED", "INSTITUTION_ADMIN", "FINAL"],
  ["REOPEN", "SUBMITTED", "ADMIN", "DRAFT"],
  // The audited correction after FINAL (docs/domain.md §6.4).
  ["OPEN_CORRECTION", "FINAL", "ADMIN", "IN_CORRECTION"],
  ["PUBLISH_CORRECTION", "IN_CORRECTION", "ADMIN", "FINAL"],
  // Second tier (docs/domain.md §3.10).
  ["APPROVE_FOR_VALIDATION", "IN_REVIEW", "VERIFIER", "AWAITING_VALIDATION"],
  ["VALIDATE", "AWAITING_VALIDATION", "VERIFIER", "VERIFIED"],
  ["SEND_BACK", "AWAITING_VALIDATION", "VERIFIER", "IN_REVIEW"],
];

describe("the assessment state machine", () => {
  for (const action of WORKFLOW_ACTIONS) {
    for (const status of ASSESSMENT_STATUSES) {
      for (const role of ROLES) {
        const allowed = ALLOWED.find(([a, from, r]) => a === action && from === status && r === role);
        it(`${action} from ${status} by ${role}: ${allowed ? `→ ${allowed[3]}` : "refused"}`, () => {
          const result = transition(status, action, role);
          if (allowed) expect(result).toEqual({ ok: true, from: status, to: allowed[3] });
          else expect(result.ok).toBe(false);
        });
      }
    }
  }

  it("leaves FINAL only through the admin's correction: nothing else changes after the results are fixed", () => {
    for (const action of WORKFLOW_ACTIONS)
      for (const role of ROLES) expect(transition("FINAL", action, role).ok).toBe(action === "OPEN_CORRECTION" && role === "ADMIN");
  });

  it("says why a transition is refused", () => {
    expect(transition("DRAFT", "SUBMIT", "HEAD")).toEqual({ ok: false, reason: "ROLE_NOT_ALLOWED" });
    expect(transition("VERIFIED", "SUBMIT", "EVALUATOR")).toEqual({ ok: false, reason: "NOT_FROM_THIS_STATUS" });
  });

  it("lets the unit edit only a draft or a returned locus", () => {
    expect(ASSESSMENT_STATUSES.filter(isSelfAssessmentEditable)).toEqual(["DRAFT", "RETURNED"]);
  });
});

describe("the self-assessment window", () => {
  const stage = { startsAt: new Date("2026-05-01T00:00:00Z"), endsAt: new Date("2026-07-31T16:59:59Z") };
  const at = (iso: string) => new Date(iso);

  it.each([
    ["2026-04-30T23:59:59Z", { open: false, reason: "NOT_STARTED" }],
    ["2026-05-01T00:00:00Z", { open: true }],
    ["2026-07-31T16:59:59Z", { open: true }],
    ["2026-07-31T17:00:00Z", { open: false, reason: "ENDED" }],
  ])("at %s", (now, expected) => {
    expect(selfAssessmentWindow(stage, null, at(now))).toMatchObject(expected);
  });

  it("stays open past the deadline for a locus an admin reopened, until the reopening ends", () => {
    const reopened = at("2026-08-10T16:59:59Z");
    expect(selfAssessmentWindow(stage, reopened, at("2026-08-05T10:00:00Z"))).toEqual({ open: true, until: reopened });
    expect(selfAssessmentWindow(stage, reopened, at("2026-08-11T00:00:00Z"))).toMatchObject({ open: false, reason: "ENDED" });
  });

  it("is closed without a scheduled stage", () => {
    expect(selfAssessmentWindow(undefined, null, at("2026-06-01T00:00:00Z"))).toEqual({ open: false, reason: "NO_STAGE", window: null });
  });
});

describe("completeness before submission", () => {
  const instrument = readRealInstrument();
  const scored = instrument.aspects.flatMap((a) => a.indicators).filter((i) => i.weight > 0);
  const full = (level: number) => new Map(scored.map((i) => [i.code, { level, justification: "Sesuai bukti." }]));
  const evidenceForAll = new Map(scored.map((i) => [i.code, 1]));

  it("is complete when every scored indicator has a level, a justification and, above 0, evidence", () => {
    expect(checkCompleteness({ instrument, answers: full(3), evidenceCount: evidenceForAll, evidenceRequiredAboveZero: true })).toEqual({
      complete: true,
      missing: [],
    });
  });

  it("never requires the weight-0 queue item", () => {
    const result = checkCompleteness({ instrument, answers: full(3), evidenceCount: evidenceForAll, evidenceRequiredAboveZero: true });
    expect(result.missing.map((m) => m.indicatorCode)).not.toContain("31.c.K");
  });

  it("lists every unanswered indicator with what is missing", () => {
    const answers = full(2);
    answers.delete("1.a.Ak");
    answers.set("14.b.K", { level: 4, justification: "  " });
    const result = checkCompleteness({ instrument, answers, evidenceCount: evidenceForAll, evidenceRequiredAboveZero: true });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([
      { aspectCode: "I", indicatorCode: "1.a.Ak", indicatorName: expect.any(String), reasons: ["NO_LEVEL", "NO_JUSTIFICATION"] },
      { aspectCode: "II", indicatorCode: "14.b.K", indicatorName: expect.any(String), reasons: ["NO_JUSTIFICATION"] },
    ]);
  });

  it("requires evidence above level 0 only when the cycle says so, and never for level 0", () => {
    const noEvidence = new Map<string, number>();
    const required = checkCompleteness({ instrument, answers: full(1), evidenceCount: noEvidence, evidenceRequiredAboveZero: true });
    expect(required.missing).toHaveLength(30);
    expect(required.missing.every((m) => m.reasons.join() === "NO_EVIDENCE")).toBe(true);
    expect(checkCompleteness({ instrument, answers: full(1), evidenceCount: noEvidence, evidenceRequiredAboveZero: false }).complete).toBe(true);
    expect(checkCompleteness({ instrument, answers: full(0), evidenceCount: noEvidence, evidenceRequiredAboveZero: true }).complete).toBe(true);
  });
});
