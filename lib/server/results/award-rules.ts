import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { can, type Actor } from "@/lib/auth/policies";
import type { AwardRule } from "@/lib/domain/results/awards";
import { ZAwardRules } from "@/lib/schemas/awards";
import type { TResetAwardRules, TSaveAwardRules } from "@/lib/schemas/award-rules-admin";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";

/** The setting that, when present, replaces the shipped rules (docs/domain.md §6: award rules are configurable). */
export const AWARD_RULES_KEY = "awards.rules";
const DEFAULT_RULES_FILE = path.join(process.cwd(), "prisma", "awards", "award-rules.json");
let defaultRules: unknown = null;

function shippedRules(): unknown {
  defaultRules ??= JSON.parse(readFileSync(DEFAULT_RULES_FILE, "utf8"));
  return defaultRules;
}

/** The rules in force, unparsed: the setting when an admin has stored one, else the shipped file. */
export async function rawAwardRules(): Promise<unknown> {
  const stored = await pgPool.query<{ value: unknown }>(`SELECT value FROM "AppSetting" WHERE key = $1`, [AWARD_RULES_KEY]);
  return stored.rows[0] ? stored.rows[0].value : shippedRules();
}

export async function loadAwardRules(): Promise<AwardRule[]> {
  return ZAwardRules.parse(await rawAwardRules());
}

/** The rules for the admin's editor, with where they come from and the version the form must send back. */
export async function loadAwardRulesForAdmin(actor: Actor) {
  if (!can(actor, "awards.manage")) return null;
  const stored = await db.appSetting.findUnique({ where: { key: AWARD_RULES_KEY } });
  return {
    rules: ZAwardRules.parse(stored ? stored.value : shippedRules()),
    source: stored ? ("setting" as const) : ("default" as const),
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}

/** Reads the setting row under a lock and refuses a form based on another version of it. */
async function lockedSetting(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], expectedUpdatedAt: string | null) {
  const rows = await tx.$queryRaw<{ value: unknown; updatedAt: Date }[]>`SELECT value, "updatedAt" FROM "AppSetting" WHERE key = ${AWARD_RULES_KEY} FOR UPDATE`;
  const current = rows[0] ?? null;
  if ((current?.updatedAt.toISOString() ?? null) !== expectedUpdatedAt) throw new ActionError("errors.conflict");
  return current;
}

/** Stores the admin's rules in place of the current ones, atomically and audited. */
export async function saveAwardRules(actor: Actor & { email: string }, input: TSaveAwardRules) {
  if (!can(actor, "awards.manage")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const current = await lockedSetting(tx, input.expectedUpdatedAt);
    const saved = await tx.appSetting.upsert({
      where: { key: AWARD_RULES_KEY },
      create: { key: AWARD_RULES_KEY, value: input.rules },
      update: { value: input.rules },
    });
    await audit(tx, actor, {
      action: "awards.rules.update",
      entityType: "AppSetting",
      entityId: AWARD_RULES_KEY,
      before: (current?.value ?? shippedRules()) as object,
      after: input.rules,
    });
    return { updatedAt: saved.updatedAt.toISOString() };
  });
}

/** Goes back to the shipped rules (removes the setting), audited. */
export async function resetAwardRules(actor: Actor & { email: string }, input: TResetAwardRules) {
  if (!can(actor, "awards.manage")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const current = await lockedSetting(tx, input.expectedUpdatedAt);
    if (!current) return { updatedAt: null };
    await tx.appSetting.delete({ where: { key: AWARD_RULES_KEY } });
    await audit(tx, actor, {
      action: "awards.rules.reset",
      entityType: "AppSetting",
      entityId: AWARD_RULES_KEY,
      before: current.value as object,
      after: shippedRules() as object,
    });
    return { updatedAt: null };
  });
}
