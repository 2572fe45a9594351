import { describe, expect, it } from "vitest";
import { assignmentRefusal } from "@/lib/domain/cycle/assignment-rule";

const MINISTRY = { ownerInstitutionId: null };
const KEMENKES = { ownerInstitutionId: "kemenkes" };

describe("who verifies which cycle (docs/domain.md §3.12)", () => {
  it("lets only the ministry's verifiers work in a ministry cycle, on any institution", () => {
    expect(assignmentRefusal(MINISTRY, { institutionId: null }, ["kemenkes", "sumsel"])).toBeNull();
    expect(assignmentRefusal(MINISTRY, { institutionId: "kemenkes" }, ["kemenkes"])).toBe("verifierNotOfCycleOwner");
  });

  it("lets only the owner's internal team work in an institution's cycle, on the owner's own units", () => {
    expect(assignmentRefusal(KEMENKES, { institutionId: "kemenkes" }, ["kemenkes"])).toBeNull();
    expect(assignmentRefusal(KEMENKES, { institutionId: null }, ["kemenkes"])).toBe("verifierNotOfCycleOwner");
    expect(assignmentRefusal(KEMENKES, { institutionId: "sumsel" }, ["kemenkes"])).toBe("verifierNotOfCycleOwner");
    expect(assignmentRefusal(KEMENKES, { institutionId: "kemenkes" }, ["kemenkes", "sumsel"])).toBe("institutionNotOfCycleOwner");
  });
});
