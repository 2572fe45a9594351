import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { PRE_CHECK_RULES } from "@/lib/domain/pre-check";
import type { TUpdatePreCheckRules } from "@/lib/schemas/pre-check";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { ActionError } from "../errors";
import { cycleScopeWhere } from "../cycle/scope";

type Admin = Actor & { email: string };

/** The rules an admin switched off for a cycle: not run at submission, and their stored flags not shown. */
export async function disabledPreCheckRules(cycleId: string): Promise<Set<string>> {
  const rows = await db.preCheckRuleSetting.findMany({ where: { cycleId, enabled: false }, select: { ruleId: true } });
  return new Set(rows.map((r) => r.ruleId));
}

/**
 * Every rule with its severity and whether it runs in the cycle, for the admin's page; null for a
 * cycle the actor does not run (docs/domain.md §3.12: scope in the query).
 */
export async function preCheckRuleSettings(actor: Actor, cycleId: string) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  if (!scope) return null;
  const cycle = await db.cycle.findFirst({ where: { AND: [{ id: cycleId }, scope] }, select: { id: true, name: true } });
  if (!cycle) return null;
  const disabled = await disabledPreCheckRules(cycleId);
  return { cycle, rules: PRE_CHECK_RULES.map((r) => ({ id: r.id, severity: r.severity, enabled: !disabled.has(r.id) })) };
}

/**
 * Switches rules on or off for a cycle (the whole list at once), audited with the rules that
 * changed. Later submissions run only the rules on; flags of a rule switched off stop showing.
 */
export async function updatePreCheckRules(actor: Admin, input: TUpdatePreCheckRules) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  if (!scope) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Cycle" WHERE id = ${input.cycleId}::uuid FOR UPDATE`;
    const cycle = await tx.cycle.findFirst({ where: { AND: [{ id: input.cycleId }, scope] }, select: { id: true } });
    if (!cycle) throw new ActionError("errors.notFound");
    const before = new Set(
      (await tx.preCheckRuleSetting.findMany({ where: { cycleId: input.cycleId, enabled: false }, select: { ruleId: true } })).map((r) => r.ruleId),
    );
    const after = new Set(input.disabled);
    for (const rule of PRE_CHECK_RULES) {
      await tx.preCheckRuleSetting.upsert({
        where: { cycleId_ruleId: { cycleId: input.cycleId, ruleId: rule.id } },
        create: { cycleId: input.cycleId, ruleId: rule.id, enabled: !after.has(rule.id) },
        update: { enabled: !after.has(rule.id) },
      });
    }
    const sorted = (set: Set<string>) => [...set].sort();
    if (sorted(before).join() !== sorted(after).join()) {
      await audit(tx, actor, {
        action: "cycle.preCheckRules",
        entityType: "Cycle",
        entityId: input.cycleId,
        before: { disabled: sorted(before) },
        after: { disabled: sorted(after) },
      });
    }
    return { disabled: sorted(after) };
  });
}
