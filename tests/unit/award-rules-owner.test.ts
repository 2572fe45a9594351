import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awardRulesOfOwner } from "@/lib/domain/results/award-rules-owner";

/** Issue 16: a cycle follows its owner's own award rules when the owner set any, else the national rules. */
describe("the award rules a cycle follows", () => {
  const institutionIds = fc.constantFrom("kemenkes", "sumsel", "kemendikbud", "jatim");
  const ownRules = fc.dictionary(institutionIds, fc.uuid()).map((rules) => new Map(Object.entries(rules)));

  it("a ministry cycle follows the national rules, whatever the institutions set", () => {
    fc.assert(
      fc.property(ownRules, (rules) => {
        expect(awardRulesOfOwner(null, "national", rules)).toEqual({ rules: "national", origin: "NATIONAL" });
      }),
    );
  });

  it("an institution's cycle follows its own rules when it set any, else the national rules, never another's", () => {
    fc.assert(
      fc.property(institutionIds, ownRules, (owner, rules) => {
        const chosen = awardRulesOfOwner(owner, "national", rules);
        if (rules.has(owner)) expect(chosen).toEqual({ rules: rules.get(owner), origin: "INSTITUTION" });
        else expect(chosen).toEqual({ rules: "national", origin: "NATIONAL" });
        for (const [other, theirs] of rules) if (other !== owner && theirs !== rules.get(owner)) expect(chosen.rules).not.toBe(theirs);
      }),
    );
  });

  it("keeps an institution's rules even when they are the same list as the national ones", () => {
    const national = [{ id: "prima" }];
    expect(awardRulesOfOwner("kemenkes", national, new Map([["kemenkes", national]])).origin).toBe("INSTITUTION");
  });
});
