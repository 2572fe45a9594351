import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPEAL_ACTIONS,
  APPEAL_STATUSES,
  appealEditsLevels,
  appealTransition,
  ASSESSMENT_STATUSES,
  isSelfAssessmentEditable,
  transition,
  WORKFLOW_ACTIONS,
  type AppealAction,
  type AppealStatus,
  type AssessmentStatus,
  type WorkflowAction,
} from "@/lib/domain/workflow";
import { ROLES, type Role } from "@/lib/domain/roles";

/**
 * Issue 15: "no sequence of actions by any role reaches an edit of a FINAL locus except through a
 * correction". The only ways out of FINAL are the correction actions of the transition table (those
 * whose name says CORRECTION); every other action, by any role, in any order, leaves a final locus
 * final and uneditable.
 */
const CORRECTION_ACTIONS = WORKFLOW_ACTIONS.filter((a) => a.includes("CORRECTION"));
const isCorrection = (action: WorkflowAction) => (CORRECTION_ACTIONS as readonly string[]).includes(action);

type Step =
  | { kind: "workflow"; action: WorkflowAction; role: Role }
  | { kind: "appeal"; action: AppealAction; role: Role; appealStatus: AppealStatus | null }
  | { kind: "edit"; what: "self" | "verified" | "appealAccept"; role: Role };

const roleArb = fc.constantFrom(...ROLES);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("workflow" as const), action: fc.constantFrom(...WORKFLOW_ACTIONS), role: roleArb }),
  fc.record({
    kind: fc.constant("appeal" as const),
    action: fc.constantFrom(...APPEAL_ACTIONS),
    role: roleArb,
    appealStatus: fc.constantFrom<AppealStatus | null>(null, ...APPEAL_STATUSES),
  }),
  fc.record({ kind: fc.constant("edit" as const), what: fc.constantFrom("self" as const, "verified" as const, "appealAccept" as const), role: roleArb }),
);

/**
 * Whether a role may change the locus's levels in this status: the self-assessment (while with the
 * unit), a verified level (in review: lib/server/verification/review.ts saves only then), or a
 * verified level through an accepted appeal (the appeal state machine).
 */
function mayEdit(status: AssessmentStatus, what: "self" | "verified" | "appealAccept", role: Role): boolean {
  if (what === "self") return role === "EVALUATOR" && isSelfAssessmentEditable(status);
  if (what === "verified") return role === "VERIFIER" && status === "IN_REVIEW";
  return appealTransition("ASSIGNED", "ACCEPT", role, status).ok;
}

describe("the state machine, as properties over any sequence of actions by any role", () => {
  it("a FINAL locus is never edited and never leaves FINAL except through a correction action", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSESSMENT_STATUSES), fc.array(stepArb, { maxLength: 60 }), (start, steps) => {
        let status: AssessmentStatus = start;
        // Final and no correction taken since it became final.
        let locked = status === "FINAL";
        for (const step of steps) {
          if (step.kind === "edit") {
            if (locked) expect(mayEdit(status, step.what, step.role)).toBe(false);
            continue;
          }
          if (step.kind === "appeal") {
            const result = appealTransition(step.appealStatus, step.action, step.role, status);
            // An appeal step never changes the locus's status; one that edits levels is refused on a final locus.
            if (locked && appealEditsLevels(step.action)) expect(result.ok).toBe(false);
            if (locked) expect(result.ok).toBe(false);
            continue;
          }
          const result = transition(status, step.action, step.role);
          if (!result.ok) continue;
          if (locked && !isCorrection(step.action)) expect(result.to).toBe("FINAL");
          status = result.to;
          if (isCorrection(step.action)) locked = false;
          if (status === "FINAL") locked = true;
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("FINAL is reached only by an admin's FINALISE from VERIFIED (the national admin, or an institution admin in its own cycle), or by publishing a correction", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSESSMENT_STATUSES), fc.constantFrom(...WORKFLOW_ACTIONS), roleArb, (from, action, role) => {
        const result = transition(from, action, role);
        if (result.ok && result.to === "FINAL" && from !== "FINAL") {
          expect(["ADMIN", "INSTITUTION_ADMIN"]).toContain(role);
          expect(action === "FINALISE" || isCorrection(action)).toBe(true);
        }
      }),
    );
  });

  it("every status is reachable from DRAFT (no dead entries in the table) and VERIFIED needs a verifier's decision", () => {
    const reached = new Set<AssessmentStatus>(["DRAFT"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const from of [...reached])
        for (const action of WORKFLOW_ACTIONS)
          for (const role of ROLES) {
            const result = transition(from, action, role);
            if (result.ok && !reached.has(result.to)) {
              reached.add(result.to);
              grew = true;
            }
          }
    }
    expect([...reached].sort()).toEqual([...ASSESSMENT_STATUSES].sort());
    for (const from of ASSESSMENT_STATUSES)
      for (const action of WORKFLOW_ACTIONS)
        for (const role of ROLES) {
          const result = transition(from, action, role);
          if (result.ok && result.to === "VERIFIED" && from !== "VERIFIED") expect(role).toBe("VERIFIER");
        }
  });

  it("appeals: filed only by the unit on a verified locus, decided only by a verifier, never twice", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ASSESSMENT_STATUSES),
        fc.constantFrom<AppealStatus | null>(null, ...APPEAL_STATUSES),
        fc.constantFrom(...APPEAL_ACTIONS),
        roleArb,
        (locus, appeal, action, role) => {
          const result = appealTransition(appeal, action, role, locus);
          if (!result.ok) return;
          expect(locus).toBe("VERIFIED");
          if (action === "FILE") expect([appeal, role]).toEqual([null, "EVALUATOR"]);
          if (action === "ACCEPT" || action === "REJECT") expect([appeal, role]).toEqual(["ASSIGNED", "VERIFIER"]);
          expect(appeal === "ACCEPTED" || appeal === "REJECTED").toBe(false);
        },
      ),
    );
  });
});
