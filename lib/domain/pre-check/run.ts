import { PRE_CHECK_RULES } from "./rules";
import type { PreCheckFacts, PreCheckFlag, PreCheckRule } from "./types";

const key = (f: PreCheckFlag) => JSON.stringify([f.indicatorCode ?? "", f.ruleId, f.evidenceId ?? "", Object.entries(f.params).sort()]);

/**
 * Runs every rule not switched off and returns its flags in one stable order (indicator, rule,
 * evidence, values), whatever the order of the facts: the same locus always gets the same list.
 */
export function runPreCheck(facts: PreCheckFacts, disabled: ReadonlySet<string> = new Set(), rules: readonly PreCheckRule[] = PRE_CHECK_RULES): PreCheckFlag[] {
  const flags = rules
    .filter((rule) => !disabled.has(rule.id))
    .flatMap((rule) => rule.check(facts).map((found) => ({ ...found, ruleId: rule.id, severity: rule.severity })));
  const unique = new Map(flags.map((f) => [key(f), f]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}
