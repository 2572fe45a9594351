import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/domain/roles";
import { ASSESSMENT_STATUSES, historyVisibility, maySeeVerifierWork, visibleHistoryEvent } from "@/lib/domain/workflow";

const event = (action: string, actorId: string | null) => ({ action, actorId, ipAddress: "10.0.0.9", userAgent: "Browser/1.0", after: { note: "x" } });

describe("what each role may read of a locus: the verifier's work and the history", () => {
  it("lets the verifier and admins read the verifier's work at any status, the unit and its head only once verified", () => {
    for (const status of ASSESSMENT_STATUSES) {
      const verified = status === "VERIFIED" || status === "FINAL";
      expect(maySeeVerifierWork("ADMIN", status)).toBe(true);
      expect(maySeeVerifierWork("VERIFIER", status)).toBe(true);
      expect(maySeeVerifierWork("EVALUATOR", status), status).toBe(verified);
      expect(maySeeVerifierWork("HEAD", status), status).toBe(verified);
    }
  });

  it("leaves verified-answer records out of the unit's history until the locus is verified", () => {
    for (const status of ["SUBMITTED", "IN_REVIEW", "RETURNED"]) {
      const visibility = historyVisibility("EVALUATOR", status);
      expect(visibleHistoryEvent(visibility, "me", event("verifiedAnswer.save", "verifier"))).toBeNull();
      expect(visibleHistoryEvent(visibility, "me", event("verifiedAnswer.conflict", "verifier"))).toBeNull();
      expect(visibleHistoryEvent(visibility, "me", event("assessment.startReview", "verifier"))).not.toBeNull();
    }
    expect(visibleHistoryEvent(historyVisibility("EVALUATOR", "VERIFIED"), "me", event("verifiedAnswer.save", "verifier"))).not.toBeNull();
    expect(visibleHistoryEvent(historyVisibility("VERIFIER", "IN_REVIEW"), "me", event("verifiedAnswer.save", "verifier"))).not.toBeNull();
  });

  it("shows a non-admin only its own address and user agent, and an admin everyone's", () => {
    for (const role of ROLES) {
      const visibility = historyVisibility(role, "FINAL");
      const own = visibleHistoryEvent(visibility, "me", event("selfAnswer.save", "me"));
      const other = visibleHistoryEvent(visibility, "me", event("selfAnswer.save", "someone-else"));
      const system = visibleHistoryEvent(visibility, "me", event("assessment.finalise", null));
      expect(own).toMatchObject({ ipAddress: "10.0.0.9", userAgent: "Browser/1.0" });
      const expected = role === "ADMIN" ? { ipAddress: "10.0.0.9", userAgent: "Browser/1.0" } : { ipAddress: null, userAgent: null };
      expect(other, role).toMatchObject({ ...expected, action: "selfAnswer.save", after: { note: "x" } });
      expect(system, role).toMatchObject(expected);
    }
  });
});
