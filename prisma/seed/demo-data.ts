import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type pg from "pg";
import { arrayLiteral, insertRows } from "./bulk-insert";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { standardStageDates } from "../../lib/domain/cycle/stages";
import { isScoredIndicator } from "../../lib/domain/instrument/types";
import { ASSESSMENT_STATUSES, isVerifiedStatus, type AssessmentStatus } from "../../lib/domain/workflow/state-machine";
import { insertInstrument, readInstrumentFile, SECOND_INSTRUMENT_FILE, type StoredInstrument } from "./instrument";
import { createRandom, type Random } from "./random";
import { buildRegistry, DEMO_INSTITUTION_CODES, provinceRows, type InstitutionSeedRow } from "./registry";

const DAY = 86_400_000;
const POOL_VERIFIERS = 12;

export interface SeedOptions {
  institutions?: number;
  /**
   * Loci (service units) per institution; 3 by default, one per service type. More for PEKPPP
   * Mandiri scale (issue 17): the extra units take part from the previous cycle on, so the oldest
   * cycle keeps three loci per institution.
   */
  lociPerInstitution?: number;
  /** The year of the current (active) cycle; two past cycles precede it. */
  currentYear: number;
  now: Date;
}

export interface SeedCounts {
  [table: string]: number;
}

interface LocusRow {
  id: string;
  /** Its position among its institution's loci: 0–2 are the national loci, more are Mandiri units. */
  unit: number;
  institutionId: string;
  serviceType: string;
  institution: InstitutionSeedRow;
  /** Latent service quality 0..5 of the unit, the centre of its levels. */
  quality: number;
}

/** Seeds a whole demo data set in one transaction. Deterministic for a given size and year. */
export async function seedDemoData(client: pg.ClientBase, instrument: StoredInstrument, options: SeedOptions): Promise<SeedCounts> {
  const random = createRandom(20_230_405);
  const counts: SeedCounts = {};
  const add = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);

  // A second instrument no cycle uses (Ramah Kelompok Rentan): admins can view and copy it.
  const second = readInstrumentFile(SECOND_INSTRUMENT_FILE);
  if (second.code !== instrument.definition.code || second.version !== instrument.definition.version) {
    await insertInstrument(client, second, { locked: false });
    add("InstrumentVersion", 1);
  }

  // Registry: provinces, institutions, loci.
  const provinces = provinceRows().map((p) => ({ ...p, id: randomUUID() }));
  const provinceIdByCode = new Map(provinces.map((p) => [p.code, p.id]));
  add(
    "Province",
    await insertRows(
      client,
      "Province",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "code", arrayType: "text[]" },
        { name: "name", arrayType: "text[]" },
      ],
      provinces.map((p) => [p.id, p.code, p.name]),
    ),
  );

  const registry = buildRegistry(options.institutions, random, options.lociPerInstitution);
  const institutionIdByCode = new Map<string, string>();
  const institutionRows = registry.map((row) => {
    const id = randomUUID();
    institutionIdByCode.set(row.code, id);
    return [id, row.code, row.name, row.shortName, row.type, row.provinceCode ? provinceIdByCode.get(row.provinceCode) : null, row.isSynthetic];
  });
  add(
    "Institution",
    await insertRows(
      client,
      "Institution",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "code", arrayType: "text[]" },
        { name: "name", arrayType: "text[]" },
        { name: "shortName", arrayType: "text[]" },
        { name: "type", arrayType: "text[]", cast: '::"InstitutionType"' },
        { name: "provinceId", arrayType: "uuid[]" },
        { name: "isSynthetic", arrayType: "boolean[]" },
        { name: "updatedAt", arrayType: "timestamptz[]" },
      ],
      institutionRows.map((r) => [...r, options.now]),
    ),
  );

  const loci: LocusRow[] = [];
  for (const institution of registry) {
    const institutionId = institutionIdByCode.get(institution.code)!;
    const base = 1.6 + random.next() * 3.2;
    institution.loci.forEach((locus, unit) => {
      loci.push({ id: randomUUID(), unit, institutionId, serviceType: locus.serviceType, institution, quality: clamp(base + random.noise(0.6), 0.4, 4.95) });
    });
  }
  add(
    "Locus",
    await insertRows(
      client,
      "Locus",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "institutionId", arrayType: "uuid[]" },
        { name: "name", arrayType: "text[]" },
        { name: "serviceType", arrayType: "text[]", cast: '::"ServiceType"' },
        { name: "updatedAt", arrayType: "timestamptz[]" },
      ],
      loci.map((l) => [l.id, l.institutionId, l.institution.loci[l.unit]!.name, l.serviceType, options.now]),
    ),
  );

  // Accounts: the demo accounts, and a pool of verifiers without a password who carry the rest.
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const userRows: unknown[][] = DEMO_ACCOUNTS.map((account) => [
    randomUUID(),
    account.email,
    account.name,
    passwordHash,
    account.role,
    account.institutionCode ? (institutionIdByCode.get(account.institutionCode) ?? null) : null,
    options.now,
  ]);
  const demoVerifierId = userRows.find((r) => r[4] === "VERIFIER")![0] as string;
  const poolVerifierIds: string[] = [];
  for (let i = 1; i <= POOL_VERIFIERS; i += 1) {
    const id = randomUUID();
    poolVerifierIds.push(id);
    userRows.push([id, `verifikator${String(i).padStart(2, "0")}@pekppp.test`, `Verifikator Tim ${i}`, null, "VERIFIER", null, options.now]);
  }
  add(
    "User",
    await insertRows(
      client,
      "User",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "email", arrayType: "text[]" },
        { name: "name", arrayType: "text[]" },
        { name: "passwordHash", arrayType: "text[]" },
        { name: "role", arrayType: "text[]", cast: '::"Role"' },
        { name: "institutionId", arrayType: "uuid[]" },
        { name: "updatedAt", arrayType: "timestamptz[]" },
      ],
      userRows,
    ),
  );
  const demoEvaluatorId = userRows.find((r) => r[4] === "EVALUATOR")![0] as string;

  const verifierOf = (institution: InstitutionSeedRow, index: number) =>
    institution.provinceCode === DEMO_INSTITUTION_CODES.verifiedProvince && institution.type !== "KL" && institution.type !== "BUMN"
      ? demoVerifierId
      : poolVerifierIds[index % poolVerifierIds.length]!;

  const years = [options.currentYear - 2, options.currentYear - 1, options.currentYear];
  const indicators = instrument.definition.aspects.flatMap((a) => a.indicators);
  const surveyItemCount = instrument.definition.surveyItems.length;

  for (const year of years) {
    const isCurrent = year === options.currentYear;
    const yearsAgo = options.currentYear - year;
    const cycleId = randomUUID();
    const publishedAt = isCurrent ? null : new Date(Date.UTC(year + 1, 2, 15));
    await client.query(
      `INSERT INTO "Cycle" (id, year, name, "instrumentVersionId", status, "finalisedAt", "publishedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::"CycleStatus", $6, $7, now())`,
      [cycleId, year, `PEKPPP ${year}`, instrument.id, isCurrent ? "ACTIVE" : "FINALISED", publishedAt, publishedAt],
    );
    add("Cycle", 1);
    const stages = isCurrent ? currentStages(options.now) : pastStages(year);
    add(
      "CycleStage",
      await insertRows(
        client,
        "CycleStage",
        [
          { name: "cycleId", arrayType: "uuid[]" },
          { name: "kind", arrayType: "text[]", cast: '::"StageKind"' },
          { name: "startsAt", arrayType: "timestamptz[]" },
          { name: "endsAt", arrayType: "timestamptz[]" },
        ],
        stages.map(([kind, from, to]) => [cycleId, kind, from, to]),
      ),
    );

    add(
      "VerifierAssignment",
      await insertRows(
        client,
        "VerifierAssignment",
        [
          { name: "cycleId", arrayType: "uuid[]" },
          { name: "verifierId", arrayType: "uuid[]" },
          { name: "institutionId", arrayType: "uuid[]" },
        ],
        registry.map((institution, index) => [cycleId, verifierOf(institution, index), institutionIdByCode.get(institution.code)]),
      ),
    );

    const assessments: unknown[][] = [];
    const selfAnswers: unknown[][] = [];
    const verifiedAnswers: unknown[][] = [];
    const evidence: unknown[][] = [];
    const surveys: unknown[][] = [];
    const reviewRounds: unknown[][] = [];
    const returnReasons: unknown[][] = [];
    const recommendations: unknown[][] = [];
    const followUps: unknown[][] = [];
    const followUpEvidence: unknown[][] = [];
    const stageStart = stages[0]![1];

    loci.forEach((locus, locusIndex) => {
      // Mandiri units (beyond the three national loci) join from the previous cycle on.
      if (locus.unit >= 3 && yearsAgo >= 2) return;
      const status: AssessmentStatus = isCurrent ? currentStatus(locus, locusIndex, random) : "FINAL";
      const assessmentId = randomUUID();
      const quality = clamp(locus.quality - yearsAgo * 0.18 + random.noise(0.25), 0, 5);
      const submittedAt = status === "DRAFT" ? null : new Date(stageStart.getTime() + random.int(20, 80) * DAY);
      const round = status === "RETURNED" ? 1 : random.chance(0.15) ? 2 : 1;
      const isVerified = isVerifiedStatus(status);
      assessments.push([
        assessmentId,
        cycleId,
        locus.id,
        status,
        round,
        submittedAt,
        isVerified ? new Date((submittedAt ?? stageStart).getTime() + 20 * DAY) : null,
        status === "FINAL" ? (publishedAt ?? options.now) : null,
        options.now,
      ]);

      // Self-assessment: a draft is partly filled; everything else is complete.
      const answeredShare = status === "DRAFT" ? random.next() * 0.9 : 1;
      const verifiedShare = isVerified ? 1 : status === "IN_REVIEW" ? 0.5 : status === "RETURNED" ? 0.7 : 0;
      const returnedCodes: string[] = [];
      indicators.forEach((indicator, i) => {
        const answered = answeredShare === 1 || random.next() < answeredShare;
        const level = answered ? clampLevel(quality + random.noise(1.4)) : null;
        const indicatorId = instrument.indicatorIds.get(indicator.code)!;
        selfAnswers.push([
          assessmentId,
          indicatorId,
          level,
          level === null ? "" : justification(indicator.name, level, locus.institution.name),
          level === null ? 1 : 1 + random.int(0, 3),
          demoEvaluatorIdFor(locus, demoEvaluatorId),
          options.now,
        ]);
        if (level !== null && level > 0 && (status !== "DRAFT" || random.chance(0.6))) {
          evidence.push([
            "LINK",
            assessmentId,
            indicatorId,
            `https://bukti.contoh.go.id/${year}/${locus.id.slice(0, 8)}/${indicator.code}`,
            `Bukti dukung ${indicator.code} (${year})`,
            options.now,
          ]);
        }
        if (verifiedShare > 0 && level !== null && (verifiedShare === 1 || i / indicators.length < verifiedShare)) {
          // Verifiers lower a level where the evidence does not support it, now and then.
          const verified = random.chance(0.28) ? Math.max(0, level - random.int(1, 2)) : level;
          verifiedAnswers.push([
            assessmentId,
            indicatorId,
            verified,
            verified === level ? "Sesuai bukti dukung." : "Bukti dukung belum mendukung level yang dipilih; level disesuaikan.",
            locus.institution.provinceCode === DEMO_INSTITUTION_CODES.verifiedProvince ? demoVerifierId : null,
            options.now,
          ]);
          if (status === "RETURNED" && verified !== level && returnedCodes.length < 3) returnedCodes.push(indicatorId);
        }
      });

      if (status === "RETURNED") {
        const roundId = randomUUID();
        reviewRounds.push([roundId, assessmentId, round, "RETURNED", "Mohon lengkapi bukti dukung pada indikator yang ditandai.", options.now]);
        const reasons = returnedCodes.length > 0 ? returnedCodes : [instrument.indicatorIds.get(indicators[0]!.code)!];
        for (const indicatorId of reasons) {
          returnReasons.push([
            roundId,
            indicatorId,
            "Bukti dukung tidak menunjukkan pemenuhan level yang dipilih. Unggah dokumen penetapan yang ditandatangani.",
          ]);
        }
      }
      if (isVerified) {
        reviewRounds.push([randomUUID(), assessmentId, round, "APPROVED", "Disetujui setelah verifikasi bukti dukung.", options.now]);
      }

      // F-03: past cycles have a full survey; the current one is still collecting.
      const respondents = isCurrent ? (fixedCurrentRespondents(locus) ?? random.int(0, 16)) : random.int(10, 20);
      for (let r = 0; r < respondents; r += 1) {
        const ratings = Array.from({ length: surveyItemCount }, () => clampLevel(quality + 0.3 + random.noise(1.6)));
        surveys.push([assessmentId, arrayLiteral(ratings), ratings.reduce((s, v) => s + v, 0), stageStart]);
      }

      if (status === "FINAL" && yearsAgo >= 1) {
        const weakest = indicators.filter(isScoredIndicator).slice(locusIndex % 20, (locusIndex % 20) + 2);
        weakest.forEach((indicator, k) => {
          const recommendationId = randomUUID();
          // Older cycles' follow-up is done and accepted; the previous cycle's sits at every stage.
          // Two recommendations per locus and three loci per institution: each institution shows all six plans.
          const plan = yearsAgo >= 2 ? SETTLED_FOLLOW_UP : FOLLOW_UP_PLANS[(locusIndex * 2 + k) % FOLLOW_UP_PLANS.length]!;
          const targetDate = yearsAgo >= 2 ? new Date(Date.UTC(year + 1, 8, 30)) : dayFrom(options.now, plan.targetInDays);
          recommendations.push([
            recommendationId,
            assessmentId,
            instrument.indicatorIds.get(indicator.code)!,
            `Tingkatkan pemenuhan indikator "${indicator.name}" dan lengkapi bukti dukungnya.`,
            targetDate,
            plan.closes ? "CLOSED" : "OPEN",
            options.now,
          ]);
          if (!plan.action) return;
          const [actionStatus, review] = plan.action;
          const followUpId = randomUUID();
          const sumsel = locus.institution.provinceCode === DEMO_INSTITUTION_CODES.verifiedProvince;
          followUps.push([
            followUpId,
            recommendationId,
            FOLLOW_UP_TEXT[actionStatus],
            yearsAgo >= 2 ? new Date(Date.UTC(year + 1, 6, 15)) : dayFrom(options.now, plan.actionInDays),
            actionStatus,
            review,
            review === "MORE_REQUESTED" ? "Lampirkan dokumen yang sudah ditandatangani dan foto pelaksanaannya." : "",
            review === "PENDING" ? null : sumsel ? demoVerifierId : null,
            review === "PENDING" ? null : options.now,
            demoEvaluatorIdFor(locus, demoEvaluatorId),
            review === "PENDING" ? 1 : 2,
            options.now,
          ]);
          if (actionStatus !== "PLANNED") {
            followUpEvidence.push([
              "LINK",
              followUpId,
              `https://bukti.contoh.go.id/tindak-lanjut/${followUpId.slice(0, 8)}`,
              `Bukti tindak lanjut ${indicator.code}`,
              options.now,
            ]);
          }
        });
      }
    });

    add(
      "Assessment",
      await insertRows(
        client,
        "Assessment",
        [
          { name: "id", arrayType: "uuid[]" },
          { name: "cycleId", arrayType: "uuid[]" },
          { name: "locusId", arrayType: "uuid[]" },
          { name: "status", arrayType: "text[]", cast: '::"AssessmentStatus"' },
          { name: "round", arrayType: "int[]" },
          { name: "submittedAt", arrayType: "timestamptz[]" },
          { name: "verifiedAt", arrayType: "timestamptz[]" },
          { name: "finalisedAt", arrayType: "timestamptz[]" },
          { name: "updatedAt", arrayType: "timestamptz[]" },
        ],
        assessments,
      ),
    );
    add(
      "SelfAnswer",
      await insertRows(
        client,
        "SelfAnswer",
        [
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "indicatorId", arrayType: "uuid[]" },
          { name: "level", arrayType: "smallint[]" },
          { name: "justification", arrayType: "text[]" },
          { name: "version", arrayType: "int[]" },
          { name: "updatedById", arrayType: "uuid[]" },
          { name: "updatedAt", arrayType: "timestamptz[]" },
        ],
        selfAnswers,
      ),
    );
    add(
      "VerifiedAnswer",
      await insertRows(
        client,
        "VerifiedAnswer",
        [
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "indicatorId", arrayType: "uuid[]" },
          { name: "level", arrayType: "smallint[]" },
          { name: "note", arrayType: "text[]" },
          { name: "updatedById", arrayType: "uuid[]" },
          { name: "updatedAt", arrayType: "timestamptz[]" },
        ],
        verifiedAnswers,
      ),
    );
    add(
      "EvidenceItem",
      await insertRows(
        client,
        "EvidenceItem",
        [
          { name: "kind", arrayType: "text[]", cast: '::"EvidenceKind"' },
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "indicatorId", arrayType: "uuid[]" },
          { name: "url", arrayType: "text[]" },
          { name: "title", arrayType: "text[]" },
          { name: "createdAt", arrayType: "timestamptz[]" },
        ],
        evidence,
      ),
    );
    add(
      "SurveyResponse",
      await insertRows(
        client,
        "SurveyResponse",
        [
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "ratings", arrayType: "text[]", cast: "::smallint[]" },
          { name: "ratingSum", arrayType: "int[]" },
          { name: "createdAt", arrayType: "timestamptz[]" },
        ],
        surveys,
      ),
    );
    add(
      "ReviewRound",
      await insertRows(
        client,
        "ReviewRound",
        [
          { name: "id", arrayType: "uuid[]" },
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "round", arrayType: "int[]" },
          { name: "decision", arrayType: "text[]", cast: '::"ReviewDecision"' },
          { name: "summary", arrayType: "text[]" },
          { name: "decidedAt", arrayType: "timestamptz[]" },
        ],
        reviewRounds,
      ),
    );
    add(
      "ReturnReason",
      await insertRows(
        client,
        "ReturnReason",
        [
          { name: "reviewRoundId", arrayType: "uuid[]" },
          { name: "indicatorId", arrayType: "uuid[]" },
          { name: "reason", arrayType: "text[]" },
        ],
        returnReasons,
      ),
    );
    add(
      "Recommendation",
      await insertRows(
        client,
        "Recommendation",
        [
          { name: "id", arrayType: "uuid[]" },
          { name: "assessmentId", arrayType: "uuid[]" },
          { name: "indicatorId", arrayType: "uuid[]" },
          { name: "text", arrayType: "text[]" },
          { name: "targetDate", arrayType: "date[]" },
          { name: "status", arrayType: "text[]", cast: '::"RecommendationStatus"' },
          { name: "updatedAt", arrayType: "timestamptz[]" },
        ],
        recommendations,
      ),
    );
    add(
      "FollowUpAction",
      await insertRows(
        client,
        "FollowUpAction",
        [
          { name: "id", arrayType: "uuid[]" },
          { name: "recommendationId", arrayType: "uuid[]" },
          { name: "description", arrayType: "text[]" },
          { name: "actionDate", arrayType: "date[]" },
          { name: "status", arrayType: "text[]", cast: '::"FollowUpStatus"' },
          { name: "review", arrayType: "text[]", cast: '::"FollowUpReview"' },
          { name: "reviewNote", arrayType: "text[]" },
          { name: "reviewedById", arrayType: "uuid[]" },
          { name: "reviewedAt", arrayType: "timestamptz[]" },
          { name: "createdById", arrayType: "uuid[]" },
          { name: "version", arrayType: "int[]" },
          { name: "updatedAt", arrayType: "timestamptz[]" },
        ],
        followUps,
      ),
    );
    add(
      "EvidenceItem",
      await insertRows(
        client,
        "EvidenceItem",
        [
          { name: "kind", arrayType: "text[]", cast: '::"EvidenceKind"' },
          { name: "followUpActionId", arrayType: "uuid[]" },
          { name: "url", arrayType: "text[]" },
          { name: "title", arrayType: "text[]" },
          { name: "createdAt", arrayType: "timestamptz[]" },
        ],
        followUpEvidence,
      ),
    );
  }

  await client.query(`INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", after) VALUES ('sistem', 'seed.demo', 'Database', $1)`, [
    JSON.stringify({ institutions: registry.length, cycles: years }),
  ]);
  add("AuditEvent", 1);
  return counts;
}

type FollowUpPlan = {
  action: ["PLANNED" | "IN_PROGRESS" | "DONE", "PENDING" | "ACCEPTED" | "MORE_REQUESTED"] | null;
  targetInDays: number;
  actionInDays: number;
  closes?: boolean;
};

/**
 * The previous cycle's recommendations cycle through every follow-up state (lib/domain/follow-up),
 * with target dates around today so that some are overdue: nothing reported, planned, in progress
 * (acknowledged), done and waiting for the verifier, done and accepted (closed), more requested.
 */
const FOLLOW_UP_PLANS: readonly FollowUpPlan[] = [
  { action: null, targetInDays: -45, actionInDays: 0 },
  { action: ["PLANNED", "PENDING"], targetInDays: 60, actionInDays: 30 },
  { action: ["IN_PROGRESS", "ACCEPTED"], targetInDays: -20, actionInDays: -40 },
  { action: ["DONE", "PENDING"], targetInDays: -10, actionInDays: -15 },
  { action: ["DONE", "ACCEPTED"], targetInDays: -30, actionInDays: -50, closes: true },
  { action: ["DONE", "MORE_REQUESTED"], targetInDays: 30, actionInDays: -5 },
];
/** Older cycles: done in July and accepted (their dates are fixed where the recommendation is written). */
const SETTLED_FOLLOW_UP: FollowUpPlan = { action: ["DONE", "ACCEPTED"], targetInDays: 0, actionInDays: 0, closes: true };

const FOLLOW_UP_TEXT = {
  PLANNED: "Penyusunan dokumen dan jadwal pelaksanaan telah direncanakan bersama unit layanan.",
  IN_PROGRESS: "Perbaikan sedang dilaksanakan; sebagian dokumen telah disusun dan dibahas dengan unit layanan.",
  DONE: "Perbaikan telah dilaksanakan dan ditetapkan; dokumen dan foto pelaksanaan terlampir.",
} as const;

/** The calendar day `days` after (or before) the day of `now`, at midnight UTC (a date column). */
function dayFrom(now: Date, days: number) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY);
}

function demoEvaluatorIdFor(locus: LocusRow, demoEvaluatorId: string) {
  return locus.institution.code === DEMO_INSTITUTION_CODES.evaluatorCity ? demoEvaluatorId : null;
}

/** Statuses of the current cycle: every stage represented, with fixed ones for the demo accounts. */
function currentStatus(locus: LocusRow, index: number, random: Random): AssessmentStatus {
  const fixed: Record<string, Record<string, AssessmentStatus>> = {
    [DEMO_INSTITUTION_CODES.evaluatorCity]: { ADMINISTRATIF: "DRAFT", JASA: "RETURNED", BARANG: "VERIFIED" },
    [DEMO_INSTITUTION_CODES.otherEvaluatorAgency]: { ADMINISTRATIF: "DRAFT", JASA: "SUBMITTED", BARANG: "FINAL" },
  };
  const own = locus.unit < 3 ? fixed[locus.institution.code]?.[locus.serviceType] : undefined;
  if (own) return own;
  // The statuses of the ordinary one-tier workflow (no second tier, no correction in a running cycle).
  const cycle = ASSESSMENT_STATUSES.filter((s) => s !== "AWAITING_VALIDATION" && s !== "IN_CORRECTION");
  if (index < cycle.length * 3) return cycle[index % cycle.length]!;
  const roll = random.next();
  if (roll < 0.25) return "DRAFT";
  if (roll < 0.42) return "SUBMITTED";
  if (roll < 0.57) return "IN_REVIEW";
  if (roll < 0.67) return "RETURNED";
  if (roll < 0.87) return "VERIFIED";
  return "FINAL";
}

/** The demo city's service locus collects its survey below the minimum, so reaching it can be shown. */
function fixedCurrentRespondents(locus: LocusRow): number | undefined {
  return locus.unit < 3 && locus.institution.code === DEMO_INSTITUTION_CODES.evaluatorCity && locus.serviceType === "JASA" ? 5 : undefined;
}

type StageRow = [kind: string, from: Date, to: Date];

/** The current cycle's windows sit around today, so the demo is always mid self-assessment. */
function currentStages(now: Date): StageRow[] {
  const at = (days: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY);
  return [
    ["SELF_ASSESSMENT", at(-120), at(30)],
    ["SURVEY", at(-120), at(45)],
    ["VERIFICATION", at(-60), at(75)],
    ["APPEAL", at(-60), at(75)],
    ["FINALISATION", at(76), at(100)],
    ["PUBLICATION", at(101), at(130)],
    ["FOLLOW_UP", at(131), at(400)],
  ];
}

/** Past cycles ran on the usual calendar, the one a new cycle starts from in the portal. */
function pastStages(year: number): StageRow[] {
  return standardStageDates(year).map((stage) => [stage.kind, stage.startsAt, stage.endsAt]);
}

function justification(indicatorName: string, level: number, institutionName: string) {
  return `${indicatorName}: ${institutionName} memenuhi kriteria level ${level}; bukti dukung terlampir.`;
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

function clampLevel(value: number) {
  return Math.round(clamp(value, 0, 5));
}
