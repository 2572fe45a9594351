import { describe, expect, it } from "vitest";
import { can, POLICY_KEYS, type Actor, type PolicyKey } from "@/lib/auth/policies";
import type { PortalRole } from "@/lib/auth/roles";

type Who = PortalRole | "ANONYMOUS";
type Row = Record<Who, [own: boolean, foreign: boolean]>;

const ALL: Row = {
  ANONYMOUS: [true, true],
  ADMIN: [true, true],
  INSTITUTION_ADMIN: [true, true],
  EVALUATOR: [true, true],
  VERIFIER: [true, true],
  HEAD: [true, true],
};
const NONE: Row = {
  ANONYMOUS: [false, false],
  ADMIN: [false, false],
  INSTITUTION_ADMIN: [false, false],
  EVALUATOR: [false, false],
  VERIFIER: [false, false],
  HEAD: [false, false],
};
const SIGNED_IN_SELF: Row = {
  ...NONE,
  ADMIN: [true, false],
  INSTITUTION_ADMIN: [true, false],
  EVALUATOR: [true, false],
  VERIFIER: [true, false],
  HEAD: [true, false],
};
const ADMIN_ONLY: Row = { ...NONE, ADMIN: [true, true] };

/**
 * The expected decision of every policy for every role, on a record of the actor's own scope and
 * on a foreign one. Written by hand from the issue, independently of the policy table: a policy
 * added without a row here fails the test.
 */
const EXPECTED: Record<PolicyKey, Row> = {
  "auth.signIn": ALL,
  "locale.set": ALL,
  "health.check": ALL,
  "survey.respond": ALL,
  "auth.signOut": SIGNED_IN_SELF,
  "account.changePassword": SIGNED_IN_SELF,
  "account.endSessions": SIGNED_IN_SELF,
  "loci.list": { ...NONE, EVALUATOR: [true, false] },
  "verification.queue": { ...NONE, VERIFIER: [true, false] },
  "assessment.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "assessment.history": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false] },
  "results.institution": { ...NONE, HEAD: [true, false] },
  "results.public": ALL,
  "results.reportCard": { ...NONE, ADMIN: [true, true], HEAD: [true, false] },
  // Issue 16: the national rules by the national admin, an institution's own rules by its admin.
  "awards.manage": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "assessment.export": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "whatIf.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "explain.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  // Admins read every verifier's calibration; a verifier only its own (the target's userId).
  "calibration.view": ADMIN_ONLY,
  "calibration.own": { ...NONE, VERIFIER: [true, false] },
  "assessment.reopen": ADMIN_ONLY,
  "selfAssessment.edit": { ...NONE, EVALUATOR: [true, false] },
  "selfAssessment.submit": { ...NONE, EVALUATOR: [true, false] },
  "evidence.download": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "conversation.read": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "conversation.post": { ...NONE, EVALUATOR: [true, false], VERIFIER: [true, false] },
  "conversation.ask": { ...NONE, VERIFIER: [true, false] },
  "verification.review": { ...NONE, VERIFIER: [true, false] },
  "verification.decide": { ...NONE, VERIFIER: [true, false] },
  "recommendation.write": { ...NONE, VERIFIER: [true, false] },
  "recommendations.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "followUp.report": { ...NONE, EVALUATOR: [true, false] },
  "followUp.review": { ...NONE, VERIFIER: [true, false] },
  "followUp.monitor": { ...NONE, ADMIN: [true, true], HEAD: [true, false] },
  "survey.manage": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false] },
  "survey.comments": { ...NONE, ADMIN: [true, true], HEAD: [true, false] },
  "cycle.finalise": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "correction.manage": ADMIN_ONLY,
  // Berita Acara: the locus's readers download it, its verifier and its head sign, anyone checks a code (issue 15).
  "signOff.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "signOff.sign": { ...NONE, VERIFIER: [true, false], HEAD: [true, false] },
  "signOff.recap": ADMIN_ONLY,
  "signOff.verify": ALL,
  // Appeals: the unit files, the admin assigns, only the assigned reviewer decides (issue 15).
  "appeal.file": { ...NONE, EVALUATOR: [true, false] },
  "appeal.view": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "appeal.assign": ADMIN_ONLY,
  "appeal.decide": { ...NONE, VERIFIER: [true, false] },
  // Second tier: a validator only on loci it is assigned to validate.
  "validation.queue": { ...NONE, VERIFIER: [true, false] },
  "validation.decide": { ...NONE, VERIFIER: [true, false] },
  // Issue 16: an institution admin reads and runs its own institution's cycles only.
  "cycles.view": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "cycles.manage": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "instruments.manage": ADMIN_ONLY,
  "cycle.publish": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "users.manage": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "registry.manage": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "assignments.manage": { ...ADMIN_ONLY, INSTITUTION_ADMIN: [true, false] },
  "audit.search": ADMIN_ONLY,
  "ombudsman.manage": ADMIN_ONLY,
  "notifications.view": SIGNED_IN_SELF,
  "notifications.markRead": SIGNED_IN_SELF,
  "notifications.preferences": SIGNED_IN_SELF,
  "outbox.view": ADMIN_ONLY,
  "outbox.resend": ADMIN_ONLY,
  "apiTokens.manage": SIGNED_IN_SELF,
  "api.public": ALL,
  "api.cycles": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "api.registry": { ...NONE, ADMIN: [true, true], EVALUATOR: [true, false], VERIFIER: [true, false], HEAD: [true, false] },
  "api.institutionResults": { ...NONE, ADMIN: [true, true], HEAD: [true, false] },
};

function actorFor(who: Who): Actor | null {
  if (who === "ANONYMOUS") return null;
  return { id: `user-${who}`, role: who, institutionId: who === "EVALUATOR" || who === "HEAD" || who === "INSTITUTION_ADMIN" ? "institution-A" : null };
}

/** A target inside the actor's scope in every sense (its institution, its assignment, its account). */
function ownTarget(actor: Actor | null) {
  return { institutionId: actor?.institutionId ?? "institution-A", verifierIds: actor ? [actor.id] : [], userId: actor?.id ?? null };
}
const foreignTarget = { institutionId: "institution-B", verifierIds: ["someone-else"], userId: "someone-else" };

describe("authorization matrix", () => {
  it("has an expectation for every policy, and a policy for every expectation", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...POLICY_KEYS].sort());
  });

  for (const key of POLICY_KEYS) {
    for (const who of Object.keys(NONE) as Who[]) {
      const [own, foreign] = EXPECTED[key][who];
      it(`${key}: ${who} on its own scope is ${own ? "allowed" : "denied"}, on a foreign one ${foreign ? "allowed" : "denied"}`, () => {
        const actor = actorFor(who);
        expect(can(actor, key, ownTarget(actor))).toBe(own);
        expect(can(actor, key, foreignTarget)).toBe(foreign);
      });
    }
  }

  it("denies an unknown role rather than guessing", () => {
    const stranger = { id: "x", role: "AUDITOR", institutionId: "institution-A" } as unknown as Actor;
    for (const key of POLICY_KEYS) {
      if (EXPECTED[key].ANONYMOUS[0]) continue;
      expect(can(stranger, key, ownTarget(stranger))).toBe(false);
    }
  });

  it("lets a second-tier validator read the locus awaiting its validation (validatorIds), and do nothing else there", () => {
    const validator: Actor = { id: "validator", role: "VERIFIER", institutionId: null };
    const awaiting = { institutionId: "institution-B", verifierIds: ["first-tier"], validatorIds: ["validator"] };
    for (const key of ["assessment.view", "evidence.download", "appeal.view"] as const) expect(can(validator, key, awaiting), key).toBe(true);
    for (const key of POLICY_KEYS.filter((k) => !["assessment.view", "evidence.download", "appeal.view"].includes(k) && !EXPECTED[k].VERIFIER[1])) {
      expect(can(validator, key, awaiting), key).toBe(false);
    }
    expect(can(validator, "assessment.view", { ...awaiting, validatorIds: [] })).toBe(false);
  });

  it("lets the national admin run the ministry's cycles only, and read an institution's cycle (issue 16)", () => {
    const admin: Actor = { id: "admin", role: "ADMIN", institutionId: null };
    const mandiri = { institutionId: "institution-A", cycleOwnerId: "institution-A" };
    const national = { institutionId: null, cycleOwnerId: null };
    for (const key of ["cycles.manage", "cycle.publish", "cycle.finalise"] as const) {
      expect(can(admin, key, national), key).toBe(true);
      expect(can(admin, key, mandiri), key).toBe(false);
    }
    expect(can(admin, "cycles.view", mandiri)).toBe(true);
  });

  it("lets an institution admin run its own institution's cycles, never the ministry's or another's", () => {
    const own: Actor = { id: "ia", role: "INSTITUTION_ADMIN", institutionId: "institution-A" };
    const orphan: Actor = { id: "ib", role: "INSTITUTION_ADMIN", institutionId: null };
    for (const key of ["cycles.view", "cycles.manage", "cycle.publish", "cycle.finalise", "registry.manage", "assignments.manage"] as const) {
      expect(can(own, key, { institutionId: "institution-A", cycleOwnerId: "institution-A" }), key).toBe(true);
      expect(can(own, key, { institutionId: "institution-B", cycleOwnerId: "institution-B" }), key).toBe(false);
      expect(can(own, key, { institutionId: null, cycleOwnerId: null }), key).toBe(false);
      expect(can(own, key), key).toBe(false);
      expect(can(orphan, key, { institutionId: null, cycleOwnerId: null }), key).toBe(false);
    }
  });

  it("lets the national admin edit the national award rules only, and an institution admin its own institution's only (issue 16)", () => {
    const admin: Actor = { id: "admin", role: "ADMIN", institutionId: null };
    const own: Actor = { id: "ia", role: "INSTITUTION_ADMIN", institutionId: "institution-A" };
    const rulesOf = (owner: string | null) => ({ institutionId: owner, cycleOwnerId: owner });
    expect(can(admin, "awards.manage", rulesOf(null))).toBe(true);
    expect(can(admin, "awards.manage", rulesOf("institution-A"))).toBe(false);
    expect(can(own, "awards.manage", rulesOf("institution-A"))).toBe(true);
    expect(can(own, "awards.manage", rulesOf("institution-B"))).toBe(false);
    expect(can(own, "awards.manage", rulesOf(null))).toBe(false);
    for (const role of ["EVALUATOR", "VERIFIER", "HEAD"] as const) {
      expect(can({ id: "x", role, institutionId: "institution-A" }, "awards.manage", rulesOf("institution-A")), role).toBe(false);
    }
  });

  it("never treats an evaluator without an institution as owning an institution-less record", () => {
    const orphan: Actor = { id: "o", role: "EVALUATOR", institutionId: null };
    expect(can(orphan, "assessment.view", { institutionId: null })).toBe(false);
  });
});
