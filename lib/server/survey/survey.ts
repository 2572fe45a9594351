import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { isIPv6 } from "node:net";
import { headers } from "next/headers";
import { can, ruleFor, type Actor } from "@/lib/auth/policies";
import type { ThrottleState } from "@/lib/auth/sign-in-throttle";
import { fromInteger } from "@/lib/domain/rational";
import { classify } from "@/lib/domain/grades";
import { f03Score, locusIndex, scoringSettingsOf } from "@/lib/domain/scoring";
import { isVerifiedStatus, stageWindow } from "@/lib/domain/workflow";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { missingRatings, SURVEY_TOKEN_BYTES, SURVEY_TOKEN_PATTERN, surveyLinkState, surveyRatingsSchema, type SurveyLinkState } from "@/lib/schemas/survey";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { requestClient } from "../http/request-client";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { loadInstrument } from "../instrument/load";
import { assertStageOpen } from "../cycle/stage-gate";
import { emitNotification } from "../notifications/emit";
import { recomputeLocusResults, sqlOfTransaction } from "../results/recompute-locus";

/**
 * The F-03 service-user survey (docs/domain.md §3.7, §4, §5): links opened by a verifier or an
 * admin, and the public, account-less responses that arrive through them.
 */

type Manager = Actor & { email: string };

// ───────────────────────────── Respondents and the address limit ─────────────────────────────

/** The browser's respondent id: a random value in an httpOnly cookie, sent only to /survey pages. */
export const SURVEY_RESPONDENT_COOKIE = "pekppp_survey_respondent";
export const SURVEY_RESPONDENT_COOKIE_PATH = "/survey";
const RESPONDENT_ID = /^[A-Za-z0-9_-]{43}$/;

export function newRespondentId(): string {
  return randomBytes(32).toString("base64url");
}

/** The cookie's value if it is one this portal could have set; anything else counts as no cookie. */
export function parseRespondentId(value: string | undefined | null): string | null {
  return value && RESPONDENT_ID.test(value) ? value : null;
}

/**
 * What is stored as respondentKey: SHA-256 of the link token and the browser's respondent id. The
 * unique index (surveyLinkId, respondentKey) then allows one response per browser and link, and
 * because the token is part of the hash the same browser's answers to two loci cannot be joined.
 */
export function respondentKeyHash(token: string, respondentId: string): string {
  return createHash("sha256").update(`${token}\n${respondentId}`).digest("hex");
}

/**
 * At most 20 responses per client address in a fixed window of one hour (counted in the
 * SignInThrottle table under "survey-address:", so every app instance shares it). An honest
 * respondent answers once per locus; 20 an hour still lets a service hall whose visitors share
 * one Wi-Fi or a carrier's NAT answer at a busy counter, while a script from one address cannot
 * flood a locus's F-03 score. A fixed window (rather than the sign-in throttle's back-off) means a
 * busy address is never locked out for longer than the rest of its hour.
 */
export const SURVEY_ADDRESS_LIMIT = { maxResponses: 20, windowMs: 60 * 60_000 } as const;
const SURVEY_ADDRESS_PREFIX = "survey-address:";

/**
 * The counter key of a client address. An IPv6 client is counted by its /64 network: a phone gets
 * a whole /64 from its carrier and can rotate addresses inside it at will.
 */
export function surveyAddressKey(address: string): string {
  let value = address.trim().toLowerCase();
  if (value.startsWith("::ffff:") && value.includes(".")) value = value.slice("::ffff:".length);
  if (isIPv6(value)) value = `${ipv6Groups(value).slice(0, 4).join(":")}::/64`;
  return SURVEY_ADDRESS_PREFIX + value;
}

function ipv6Groups(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...fill, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}

type AddressDecision = { allowed: true; next: ThrottleState } | { allowed: false; retryAfterSeconds: number };

/** One more response from an address at `now`: allowed (with the counter's next state) or not. */
function decideAddress(state: ThrottleState | null, now: Date): AddressDecision {
  const { maxResponses, windowMs } = SURVEY_ADDRESS_LIMIT;
  const inWindow = state !== null && state.failures > 0 && now.getTime() - state.firstFailureAt.getTime() < windowMs;
  const windowStart = inWindow ? state.firstFailureAt : now;
  const count = inWindow ? state.failures : 0;
  const windowEnd = windowStart.getTime() + windowMs;
  if (count >= maxResponses) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
  return {
    allowed: true,
    next: { failures: count + 1, firstFailureAt: windowStart, lastFailureAt: now, blockedUntil: count + 1 >= maxResponses ? new Date(windowEnd) : null },
  };
}

// ───────────────────────────── Scope ─────────────────────────────

/** The cycle's SURVEY stage: responses and new links only while it is open (docs/domain.md §3.7). */
const surveyStage = { where: { kind: "SURVEY" }, select: { kind: true, startsAt: true, endsAt: true } } as const;

const managedFields = {
  id: true,
  status: true,
  cycle: { select: { status: true, minSurveyRespondents: true, f02SharePercent: true, stages: surveyStage } },
  ...policyTargetFields,
} satisfies Prisma.AssessmentSelect;

type ManagedAssessment = Prisma.AssessmentGetPayload<{ select: typeof managedFields }>;
type Reader = Pick<typeof db, "assessment">;

/**
 * The assessment if the actor may manage its survey: the scope is in the query, and for a
 * verifier the assignment is then confirmed in the assessment's own cycle. Otherwise null, the
 * same answer as for an id that does not exist.
 */
async function findManagedAssessment(reader: Reader, actor: Actor, assessmentId: string): Promise<ManagedAssessment | null> {
  // Most roles never manage a survey (the locus page asks for everyone): no query for them.
  if (!ruleFor(actor, "survey.manage")) return null;
  const assessment = await reader.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "survey.manage")] },
    select: managedFields,
  });
  if (!assessment) return null;
  return can(actor, "survey.manage", policyTargetOf(assessment)) ? assessment : null;
}

/** findManagedAssessment on the database, for the survey's other modules (the poster). */
export const findManagedAssessmentOf = (actor: Actor, assessmentId: string) => findManagedAssessment(db, actor, assessmentId);

type CollectingFacts = { status: string; cycle: { status: string; stages: readonly { kind: string; startsAt: Date; endsAt: Date }[] } };

/**
 * Responses are taken only while the cycle runs, inside its survey stage (the portal's one stage
 * gate), and while the locus is not final: after that nothing may change its score (docs/domain.md §3,
 * "nothing is edited after it is final").
 */
function isCollecting(assessment: CollectingFacts, now: Date): boolean {
  return isRunning(assessment) && stageWindow(assessment.cycle.stages, "SURVEY", now).open;
}

const isRunning = (assessment: CollectingFacts) => assessment.cycle.status === "ACTIVE" && assessment.status !== "FINAL";

// ───────────────────────────── Links (verifier, admin) ─────────────────────────────

/** The token's first characters: enough to tell links apart in the audit trail, useless to answer. */
const tokenHint = (token: string) => `${token.slice(0, 6)}…`;

/**
 * Opens a new link for a locus: an unguessable token, optionally closing at `closesAt`. Several
 * links per locus may be open at once (one per channel: QR code at the counter, WhatsApp …).
 */
export async function createSurveyLink(actor: Manager, input: { assessmentId: string; closesAt?: Date | null }, now = new Date()) {
  const closesAt = input.closesAt ?? null;
  if (closesAt && closesAt.getTime() <= now.getTime()) throw new ActionError("surveyAdmin.errors.closesInPast");
  return db.$transaction(async (tx) => {
    const assessment = await findManagedAssessment(tx, actor, input.assessmentId);
    if (!assessment) throw new ActionError("errors.notFound");
    // Only a running cycle's closed survey stage is worth its dates; anything else is over.
    if (!isRunning(assessment)) throw new ActionError("surveyAdmin.errors.notCollecting");
    assertStageOpen(stageWindow(assessment.cycle.stages, "SURVEY", now), {
      noStage: "surveyAdmin.errors.notCollecting",
      notStarted: "stageGate.surveyClosed",
      ended: "stageGate.surveyClosed",
    });
    const link = await tx.surveyLink.create({
      data: { assessmentId: assessment.id, token: randomBytes(SURVEY_TOKEN_BYTES).toString("base64url"), closesAt, createdById: actor.id },
      select: { id: true, token: true, closesAt: true, createdAt: true, assessmentId: true },
    });
    await audit(tx, actor, {
      action: "surveyLink.create",
      entityType: "SurveyLink",
      entityId: link.id,
      assessmentId: assessment.id,
      after: { token: tokenHint(link.token), closesAt: closesAt?.toISOString() ?? null },
    });
    return link;
  });
}

/** Closes one link now (the locus's other links stay open). Closing a closed link changes nothing. */
export async function closeSurveyLink(actor: Manager, linkId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const link = await tx.surveyLink.findUnique({
      where: { id: linkId },
      select: { id: true, token: true, assessmentId: true, closesAt: true, closedAt: true },
    });
    if (!link || !(await findManagedAssessment(tx, actor, link.assessmentId))) throw new ActionError("errors.notFound");
    if (link.closedAt) return { id: link.id, assessmentId: link.assessmentId, closedAt: link.closedAt, changed: false };
    // The condition in the write makes two simultaneous closes record one change, not two.
    const updated = await tx.surveyLink.updateMany({ where: { id: link.id, closedAt: null }, data: { closedAt: now } });
    if (updated.count === 0) {
      const current = await tx.surveyLink.findUniqueOrThrow({ where: { id: link.id }, select: { closedAt: true } });
      return { id: link.id, assessmentId: link.assessmentId, closedAt: current.closedAt ?? now, changed: false };
    }
    await audit(tx, actor, {
      action: "surveyLink.close",
      entityType: "SurveyLink",
      entityId: link.id,
      assessmentId: link.assessmentId,
      before: { token: tokenHint(link.token), closedAt: null, closesAt: link.closesAt?.toISOString() ?? null },
      after: { token: tokenHint(link.token), closedAt: now.toISOString() },
    });
    return { id: link.id, assessmentId: link.assessmentId, closedAt: now, changed: true };
  });
}

/** One link as the panel shows it (dates as ISO strings: it crosses to the browser). */
export interface SurveyLinkView {
  id: string;
  token: string;
  state: SurveyLinkState;
  closesAt: string | null;
  closedAt: string | null;
  createdAt: string;
  createdByName: string | null;
  responses: number;
}

async function readLinks(assessmentId: string, now: Date): Promise<SurveyLinkView[]> {
  const rows = await db.surveyLink.findMany({
    where: { assessmentId },
    select: {
      id: true,
      token: true,
      closesAt: true,
      closedAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      _count: { select: { responses: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    token: row.token,
    state: surveyLinkState(row, now),
    closesAt: row.closesAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy?.name ?? null,
    responses: row._count.responses,
  }));
}

export interface SurveyStatus {
  assessmentId: string;
  /** Every F-03 response of the locus in this cycle, through any link. */
  respondents: number;
  /** The cycle's minimum number of respondents before F-03 enters the index (docs/domain.md §3). */
  minimum: number;
  /** The cycle's share of F-02 in the index, in percent; F-03 gets the rest (docs/domain.md §5). */
  f02SharePercent: number;
  /** Whether the locus index now includes F-03 (lib/domain/scoring decides, as for the index itself). */
  f03Included: boolean;
  /** The F-03 score so far, published form ("4.12"); null without respondents. */
  f03Published: string | null;
  /** Whether responses are taken at all (cycle running, locus not final): links may be opened. */
  collecting: boolean;
  links: SurveyLinkView[];
}

/**
 * The survey status of one locus for the verifier or admin: counts, minimum, whether F-03 now
 * enters the index, and the links. Null when the locus is out of the actor's scope.
 */
export async function surveyStatusForAssessment(actor: Actor, assessmentId: string, now = new Date()): Promise<SurveyStatus | null> {
  const assessment = await findManagedAssessment(db, actor, assessmentId);
  if (!assessment) return null;
  const [responses, links] = await Promise.all([
    db.surveyResponse.findMany({ where: { assessmentId }, select: { ratings: true } }),
    readLinks(assessmentId, now),
  ]);
  const f03 = f03Score(responses.map((r) => r.ratings));
  // F-02 does not matter to whether F-03 is included; the same rule as the index decides.
  const index = locusIndex({
    f02: fromInteger(0),
    f03,
    settings: scoringSettingsOf(assessment.cycle),
  });
  return {
    assessmentId,
    respondents: f03.respondents,
    minimum: assessment.cycle.minSurveyRespondents,
    f02SharePercent: assessment.cycle.f02SharePercent,
    f03Included: index.f03Included,
    f03Published: f03.score ? classify(f03.score).published : null,
    collecting: isCollecting(assessment, now),
    links,
  };
}

/**
 * The origin the public links are built on: AUTH_URL when it is set (the portal's configured
 * address, an http(s) URL checked by lib/env.ts), otherwise the address this request came to: its
 * Host, or behind TRUSTED_PROXY_HOPS trusted proxies their X-Forwarded-Host/-Proto
 * (`requestClient`, lib/server/http/client-address.ts).
 */
export async function surveyBaseUrl(): Promise<string> {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const client = requestClient(await headers());
  return `${client.protocol}://${client.host || "localhost"}`;
}

// ───────────────────────────── The public side ─────────────────────────────

export interface SurveyItemView {
  code: string;
  text: string;
}

interface Names {
  locusName: string;
  institutionName: string;
}

export type PublicSurvey =
  | { state: "unknown" }
  | ({ state: "closed" } & Names)
  | ({ state: "answered" } & Names)
  | ({ state: "open"; items: SurveyItemView[] } & Names);

const publicLinkFields = {
  id: true,
  closesAt: true,
  closedAt: true,
  assessment: {
    select: {
      status: true,
      cycle: { select: { status: true, instrumentVersionId: true, stages: surveyStage } },
      locus: { select: { name: true, institution: { select: { name: true } } } },
    },
  },
} satisfies Prisma.SurveyLinkSelect;

type PublicLink = Prisma.SurveyLinkGetPayload<{ select: typeof publicLinkFields }>;

function acceptsResponses(link: PublicLink, now: Date): boolean {
  return surveyLinkState(link, now) === "open" && isCollecting(link.assessment, now);
}

/**
 * What the public page shows for a token: the form (with the cycle's survey items in order), a
 * closed notice, an "already answered" notice for a browser that has answered through this link,
 * or unknown (the page answers 404). Nothing is written.
 */
export async function loadPublicSurvey(token: string, options: { respondentKeyHash?: string | null } = {}, now = new Date()): Promise<PublicSurvey> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return { state: "unknown" };
  const link = await db.surveyLink.findUnique({ where: { token }, select: publicLinkFields });
  if (!link) return { state: "unknown" };
  const names = { locusName: link.assessment.locus.name, institutionName: link.assessment.locus.institution.name };
  if (options.respondentKeyHash) {
    const answered = await db.surveyResponse.findFirst({ where: { surveyLinkId: link.id, respondentKey: options.respondentKeyHash }, select: { id: true } });
    if (answered) return { state: "answered", ...names };
  }
  if (!acceptsResponses(link, now)) return { state: "closed", ...names };
  const instrument = await loadInstrument(link.assessment.cycle.instrumentVersionId);
  return { state: "open", ...names, items: instrument.surveyItems.map((item) => ({ code: item.code, text: item.text })) };
}

export type SurveySubmission =
  | { outcome: "ok" }
  | { outcome: "already" }
  | { outcome: "closed" }
  | { outcome: "unknown" }
  | { outcome: "throttled"; retryAfterSeconds: number }
  | { outcome: "missing"; missing: number[] };

// Several responses from one address queue on its counter's row lock; give them time to.
const SUBMIT_TRANSACTION = { maxWait: 10_000, timeout: 10_000 } as const;

/**
 * When this response brings the locus to the cycle's F-03 minimum, its evaluators hear of it
 * (issue 14). Responses to one locus count one after another (a lock per locus, taken after the
 * insert), so each count sees every response committed before it and exactly one equals the minimum.
 */
async function noticeSurveyMinimum(tx: Prisma.TransactionClient, assessmentId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('survey-minimum'), hashtext(${assessmentId}))`;
  const [row] = await tx.$queryRaw<{ responses: number; minimum: number }[]>`
    SELECT (SELECT count(*)::int FROM "SurveyResponse" WHERE "assessmentId" = ${assessmentId}::uuid) AS responses, c."minSurveyRespondents" AS minimum
    FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" WHERE a.id = ${assessmentId}::uuid`;
  if (row && row.responses === row.minimum) await emitNotification(tx, { kind: "survey.minimumReached", assessmentId, respondents: row.responses });
}

/**
 * Stores one response, in one transaction with the address limit:
 * 1. the link is read under a share lock, so a close waits for responses in flight and every
 *    response after it is refused; a closed or expired link, or a final locus, writes nothing;
 * 2. the ratings must be one integer 0–5 per survey item of the cycle's instrument, in order;
 * 3. a browser that has answered through this link gets "already" (before any limit, so it is
 *    told the truth rather than "try later");
 * 4. with a known address, its counter row is locked and checked, then counted;
 * 5. the insert skips a duplicate (surveyLinkId, respondentKey): two simultaneous submissions of
 *    one browser store one response and the other is "already", never an error.
 */
export async function submitSurveyResponse(
  token: string,
  input: { ratings: readonly (number | null)[]; comment?: string | null },
  respondent: { respondentKeyHash: string; address: string | null },
  now = new Date(),
): Promise<SurveySubmission> {
  if (!SURVEY_TOKEN_PATTERN.test(token)) return { outcome: "unknown" };
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SurveyLink" WHERE token = ${token} FOR SHARE`;
    if (!locked[0]) return { outcome: "unknown" } as const;
    const link = await tx.surveyLink.findUniqueOrThrow({ where: { id: locked[0].id }, select: { ...publicLinkFields, assessmentId: true } });
    if (!acceptsResponses(link, now)) return { outcome: "closed" } as const;

    // The items come from the instrument cache: nothing more to read while the link is locked.
    const itemCount = (await loadInstrument(link.assessment.cycle.instrumentVersionId)).surveyItems.length;
    const parsed = surveyRatingsSchema(itemCount).safeParse(input.ratings);
    if (!parsed.success) {
      const missing = missingRatings(input.ratings, itemCount);
      if (input.ratings.length === itemCount && missing.length > 0) return { outcome: "missing", missing } as const;
      throw new ActionError("survey.errors.itemCount");
    }
    const ratings = parsed.data;

    const answered = await tx.surveyResponse.findFirst({ where: { surveyLinkId: link.id, respondentKey: respondent.respondentKeyHash }, select: { id: true } });
    if (answered) return { outcome: "already" } as const;

    let counter: { key: string; next: ThrottleState } | null = null;
    if (respondent.address?.trim()) {
      const key = surveyAddressKey(respondent.address);
      // Make sure the row exists, then hold its lock while deciding (the sign-in store's pattern).
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures") VALUES (${key}, 0) ON CONFLICT ("key") DO NOTHING`;
      await tx.$queryRaw`SELECT "key" FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`;
      const row = await tx.signInThrottle.findUniqueOrThrow({ where: { key } });
      const decision = decideAddress(row.failures > 0 ? row : null, now);
      if (!decision.allowed) return { outcome: "throttled", retryAfterSeconds: decision.retryAfterSeconds } as const;
      counter = { key, next: decision.next };
    }

    // Held until commit: an approval of this locus (which locks it for update) either sees this
    // response when it stores the results, or has committed and this one recomputes them below.
    const assessment = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Assessment" WHERE id = ${link.assessmentId}::uuid FOR SHARE`;
    const inserted = await tx.surveyResponse.createMany({
      data: [
        {
          assessmentId: link.assessmentId,
          surveyLinkId: link.id,
          ratings,
          ratingSum: ratings.reduce((sum, r) => sum + r, 0),
          respondentKey: respondent.respondentKeyHash,
          // Blank is no comment; the action's schema has trimmed and bounded it (SURVEY_COMMENT_MAX).
          comment: input.comment?.trim() ? input.comment.trim() : null,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { outcome: "already" } as const;
    if (counter) await tx.signInThrottle.update({ where: { key: counter.key }, data: counter.next });
    await noticeSurveyMinimum(tx, link.assessmentId);
    // A late F-03 response to a verified locus changes its index: stored again with it (issue 17).
    if (assessment[0] && isVerifiedStatus(assessment[0].status)) await recomputeLocusResults(sqlOfTransaction(tx), link.assessmentId);
    return { outcome: "ok" } as const;
  }, SUBMIT_TRANSACTION);
}

// ───────────────────────────── Comments (head, admin) ─────────────────────────────

export interface SurveyCommentView {
  id: string;
  comment: string;
  createdAt: Date;
}

/**
 * The free-text comments of a locus's F-03 responses, newest first, for its institution's head or
 * an admin (policy survey.comments): never for anyone else, and never on a public page. Empty when
 * the locus is out of the reader's scope, the same answer as for a locus without comments.
 */
export async function listSurveyComments(actor: Actor, assessmentId: string, take = 200): Promise<SurveyCommentView[]> {
  if (!ruleFor(actor, "survey.comments")) return [];
  const rows = await db.surveyResponse.findMany({
    where: { assessmentId, comment: { not: null }, assessment: assessmentScope(actor, "survey.comments") },
    select: { id: true, comment: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
  return rows.map((row) => ({ id: row.id, comment: row.comment!, createdAt: row.createdAt }));
}
