import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { can, ruleFor, type Actor } from "@/lib/auth/policies";
import { awardRulesOfOwner } from "@/lib/domain/results/award-rules-owner";
import type { AwardRule } from "@/lib/domain/results/awards";
import { ZAwardRules } from "@/lib/schemas/awards";
import type { TResetAwardRules, TSaveAwardRules } from "@/lib/schemas/award-rules-admin";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { cycleTarget } from "../cycle/scope";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { uniqueAs } from "../db/unique";

/**
 * Award rules per owner (docs/domain.md §6.3: award rules are configurable). The national rules:
 * the setting "awards.rules" when an admin stored one, else the shipped file. An institution
 * running its own cycles (PEKPPP Mandiri, issue 16) may store rules of its own
 * (InstitutionAwardRules); its cycles follow them, or the national rules while it has none.
 */
export const AWARD_RULES_KEY = "awards.rules";
const DEFAULT_RULES_FILE = path.join(process.cwd(), "prisma", "awards", "award-rules.json");
let defaultRules: unknown = null;

function shippedRules(): unknown {
  defaultRules ??= JSON.parse(readFileSync(DEFAULT_RULES_FILE, "utf8"));
  return defaultRules;
}

/** The stored rows behind one owner's rules, as one query reads them (SQL NULL: no row). */
interface StoredRules {
  owner: string | null;
  national: unknown;
  own: unknown;
}

function resolve({ owner, national, own }: StoredRules) {
  return awardRulesOfOwner(owner, national ?? shippedRules(), new Map(owner && own != null ? [[owner, own]] : []));
}

/**
 * The rules in force for the cycles of an owner (null, the default: the ministry), unparsed: one
 * query, as before owners had rules of their own.
 */
export async function rawAwardRules(ownerInstitutionId: string | null = null): Promise<unknown> {
  const stored = await pgPool.query<StoredRules>(
    `SELECT $2::uuid AS owner, (SELECT value FROM "AppSetting" WHERE key = $1) AS national,
            (SELECT rules FROM "InstitutionAwardRules" WHERE "institutionId" = $2::uuid) AS own`,
    [AWARD_RULES_KEY, ownerInstitutionId],
  );
  return resolve(stored.rows[0]!).rules;
}

/**
 * A digest of every award rule stored (the national setting and each institution's own): a page
 * kept while it stays the same shows the awards as the rules in force make them. The shipped rules
 * apply while nothing is stored, and they change only with a new release.
 */
export async function storedAwardRulesDigest(): Promise<string> {
  const { rows } = await pgPool.query<{ digest: string }>(
    `SELECT md5(coalesce((SELECT value::text FROM "AppSetting" WHERE key = $1), '') || '|' ||
                coalesce((SELECT string_agg("institutionId"::text || '=' || rules::text, ',' ORDER BY "institutionId") FROM "InstitutionAwardRules"), '')) AS digest`,
    [AWARD_RULES_KEY],
  );
  return rows[0]!.digest;
}

export async function loadAwardRules(ownerInstitutionId: string | null = null): Promise<AwardRule[]> {
  return ZAwardRules.parse(await rawAwardRules(ownerInstitutionId));
}

/** The rules a cycle follows: its owner's (docs/domain.md §6.3). An unknown cycle gets the national rules. */
export async function loadAwardRulesForCycle(cycleId: string): Promise<AwardRule[]> {
  const stored = await pgPool.query<StoredRules>(
    `SELECT c."ownerInstitutionId" AS owner, (SELECT value FROM "AppSetting" WHERE key = $1) AS national, r.rules AS own
     FROM "Cycle" c LEFT JOIN "InstitutionAwardRules" r ON r."institutionId" = c."ownerInstitutionId" WHERE c.id = $2::uuid`,
    [AWARD_RULES_KEY, cycleId],
  );
  return ZAwardRules.parse(stored.rows[0] ? resolve(stored.rows[0]).rules : await rawAwardRules(null));
}

/**
 * Whose rules the actor's editor shows: its own institution's for an institution admin ("own"),
 * the national rules for the national admin ("ministry"). Authorized again where they are read.
 */
export function awardRulesOwnerOf(actor: Actor): string | null {
  return ruleFor(actor, "awards.manage") === "own" ? actor.institutionId : null;
}

/** May the actor edit this owner's rules? Like the owner's cycles: the ministry's by the national admin, an institution's by its admin. */
function mayManage(actor: Actor, ownerInstitutionId: string | null) {
  return can(actor, "awards.manage", cycleTarget({ ownerInstitutionId }));
}

/**
 * An owner's rules for its editor, with where they come from and the version the form must send
 * back; null outside the actor's scope (another institution's rules, or the national rules for an
 * institution admin). An institution without rules of its own sees the national rules it follows.
 */
export async function loadAwardRulesForAdmin(actor: Actor, ownerInstitutionId: string | null = null) {
  if (!mayManage(actor, ownerInstitutionId)) return null;
  const national = await db.appSetting.findUnique({ where: { key: AWARD_RULES_KEY } });
  if (ownerInstitutionId === null) {
    return {
      owner: null,
      rules: ZAwardRules.parse(national ? national.value : shippedRules()),
      source: national ? ("setting" as const) : ("default" as const),
      updatedAt: national?.updatedAt.toISOString() ?? null,
    };
  }
  const institution = await db.institution.findUnique({
    where: { id: ownerInstitutionId },
    select: { id: true, name: true, awardRules: { select: { rules: true, updatedAt: true } } },
  });
  if (!institution) return null;
  const own = institution.awardRules;
  return {
    owner: { id: institution.id, name: institution.name },
    rules: ZAwardRules.parse(own ? own.rules : (national?.value ?? shippedRules())),
    source: own ? ("institution" as const) : ("national" as const),
    updatedAt: own?.updatedAt.toISOString() ?? null,
  };
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Where one owner's rules are stored: the national setting, or the institution's row. */
interface RulesSlot {
  entityType: string;
  entityId: string;
  /** The stored rules and their version, locked for the transaction; null: none stored. */
  lock(tx: Tx): Promise<{ value: unknown; updatedAt: Date } | null>;
  create(tx: Tx, rules: TSaveAwardRules["rules"]): Promise<Date>;
  update(tx: Tx, rules: TSaveAwardRules["rules"]): Promise<Date>;
  remove(tx: Tx): Promise<unknown>;
  /** The rules in force when none are stored here. */
  fallback(tx: Tx): Promise<unknown>;
}

const NATIONAL_SLOT: RulesSlot = {
  entityType: "AppSetting",
  entityId: AWARD_RULES_KEY,
  lock: async (tx) =>
    (await tx.$queryRaw<{ value: unknown; updatedAt: Date }[]>`SELECT value, "updatedAt" FROM "AppSetting" WHERE key = ${AWARD_RULES_KEY} FOR UPDATE`)[0] ??
    null,
  create: async (tx, rules) => (await tx.appSetting.create({ data: { key: AWARD_RULES_KEY, value: rules } })).updatedAt,
  update: async (tx, rules) => (await tx.appSetting.update({ where: { key: AWARD_RULES_KEY }, data: { value: rules } })).updatedAt,
  remove: (tx) => tx.appSetting.delete({ where: { key: AWARD_RULES_KEY } }),
  fallback: async () => shippedRules(),
};

function institutionSlot(institutionId: string): RulesSlot {
  return {
    entityType: "InstitutionAwardRules",
    entityId: institutionId,
    lock: async (tx) =>
      (
        await tx.$queryRaw<{ value: unknown; updatedAt: Date }[]>`
          SELECT rules AS value, "updatedAt" FROM "InstitutionAwardRules" WHERE "institutionId" = ${institutionId}::uuid FOR UPDATE`
      )[0] ?? null,
    create: async (tx, rules) => (await tx.institutionAwardRules.create({ data: { institutionId, rules } })).updatedAt,
    update: async (tx, rules) => (await tx.institutionAwardRules.update({ where: { institutionId }, data: { rules } })).updatedAt,
    remove: (tx) => tx.institutionAwardRules.delete({ where: { institutionId } }),
    fallback: async (tx) => (await tx.appSetting.findUnique({ where: { key: AWARD_RULES_KEY } }))?.value ?? shippedRules(),
  };
}

/** The slot of an owner the actor may edit; "not found" for any other, as for a record that does not exist. */
async function slotFor(actor: Actor, ownerInstitutionId: string | null | undefined): Promise<RulesSlot> {
  const owner = ownerInstitutionId ?? null;
  if (!mayManage(actor, owner)) throw new ActionError("errors.notFound");
  if (owner === null) return NATIONAL_SLOT;
  if (!(await db.institution.findUnique({ where: { id: owner }, select: { id: true } }))) throw new ActionError("errors.notFound");
  return institutionSlot(owner);
}

/** Reads the stored rules under a lock and refuses a form based on another version of them. */
async function lockedCurrent(tx: Tx, slot: RulesSlot, expectedUpdatedAt: string | null) {
  const current = await slot.lock(tx);
  if ((current?.updatedAt.toISOString() ?? null) !== expectedUpdatedAt) throw new ActionError("errors.conflict");
  return current;
}

/** Stores an owner's rules in place of the current ones, atomically and audited. */
export async function saveAwardRules(actor: Actor & { email: string }, input: TSaveAwardRules) {
  const slot = await slotFor(actor, input.ownerInstitutionId);
  return db.$transaction(async (tx) => {
    const current = await lockedCurrent(tx, slot, input.expectedUpdatedAt);
    // Two first saves at once: the second finds the row the first created (unique key), a conflict too.
    const updatedAt = current ? await slot.update(tx, input.rules) : await uniqueAs("errors.conflict", {}, () => slot.create(tx, input.rules));
    await audit(tx, actor, {
      action: "awards.rules.update",
      entityType: slot.entityType,
      entityId: slot.entityId,
      before: (current?.value ?? (await slot.fallback(tx))) as object,
      after: input.rules,
    });
    return { updatedAt: updatedAt.toISOString() };
  });
}

/** Removes an owner's stored rules, audited: the national rules go back to the shipped file, an institution's cycles to the national rules. */
export async function resetAwardRules(actor: Actor & { email: string }, input: TResetAwardRules) {
  const slot = await slotFor(actor, input.ownerInstitutionId);
  return db.$transaction(async (tx) => {
    const current = await lockedCurrent(tx, slot, input.expectedUpdatedAt);
    if (!current) return { updatedAt: null };
    await slot.remove(tx);
    await audit(tx, actor, {
      action: "awards.rules.reset",
      entityType: slot.entityType,
      entityId: slot.entityId,
      before: current.value as object,
      after: (await slot.fallback(tx)) as object,
    });
    return { updatedAt: null };
  });
}
