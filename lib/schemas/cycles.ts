import { z } from "zod";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { isCalendarDate, STAGE_KINDS } from "@/lib/domain/cycle";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";
import { searchText, text } from "./text";

/** A cycle year the portal takes: the programme started in 2020; far futures are typing errors. */
const year = z.coerce
  .number({ error: "cycleAdmin.validation.year" })
  .int({ error: "cycleAdmin.validation.year" })
  .min(2020, { error: "cycleAdmin.validation.year" })
  .max(2100, { error: "cycleAdmin.validation.year" });
const name = text().trim().min(3, { error: "cycleAdmin.validation.name" }).max(120, { error: "validation.tooLong" });
/** The programme of a new cycle (a Programme row's code, issue 16); the national PEKPPP when absent. */
const programmeCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { error: "cycleAdmin.validation.programme" })
  .optional();

/** The scoring settings a cycle carries (docs/domain.md §3 and §5, each "configurable"). */
export const ZCycleSettings = z.object({
  f02SharePercent: z.coerce
    .number()
    .int({ error: "cycleAdmin.validation.share" })
    .min(0, { error: "cycleAdmin.validation.share" })
    .max(100, { error: "cycleAdmin.validation.share" }),
  minSurveyRespondents: z.coerce
    .number()
    .int({ error: "cycleAdmin.validation.minimum" })
    .min(0, { error: "cycleAdmin.validation.minimum" })
    .max(10_000, { error: "cycleAdmin.validation.minimum" }),
  evidenceRequiredAboveZero: z.boolean(),
  /** Second tier (docs/domain.md §3.10): off by default; when on, for these institution types (default regencies and cities). */
  // Absent: unchanged (a new cycle takes the database defaults).
  secondTierEnabled: z.boolean().optional(),
  secondTierInstitutionTypes: z
    .array(z.enum(INSTITUTION_TYPES))
    .max(INSTITUTION_TYPES.length)
    .transform((types) => [...new Set(types)])
    .optional(),
});
export type TCycleSettings = z.infer<typeof ZCycleSettings>;

/**
 * A new cycle: from an instrument version with settings of its own (every active locus of the
 * registry takes part), or a copy of an earlier cycle's set-up (its instrument version, settings,
 * stage dates moved to the new year, and the loci of the institutions that took part).
 */
export const ZCreateCycle = z.discriminatedUnion(
  "from",
  [
    z.object({
      from: z.literal("instrument"),
      year,
      name,
      programmeCode,
      instrumentVersionId: z.uuid({ error: "cycleAdmin.validation.instrument" }),
      settings: ZCycleSettings,
    }),
    z.object({ from: z.literal("copy"), year, name, programmeCode, sourceCycleId: z.uuid({ error: "cycleAdmin.validation.source" }) }),
  ],
  { error: "validation.invalid" },
);
export type TCreateCycle = z.infer<typeof ZCreateCycle>;

const calendarDate = z.string().refine(isCalendarDate, { error: "cycleAdmin.validation.date" });

/** Stage dates as calendar days in WIB (lib/domain/cycle/dates.ts); the order is checked by the domain. */
export const ZCycleStages = z.object({
  cycleId: z.uuid(),
  /** The cycle's updatedAt when the form was loaded: a newer one means someone else changed it. */
  expectedUpdatedAt: z.iso.datetime(),
  stages: z
    .array(z.object({ kind: z.enum(STAGE_KINDS), startsOn: calendarDate, endsOn: calendarDate }))
    .min(1)
    .max(STAGE_KINDS.length * 2),
});
export type TCycleStages = z.infer<typeof ZCycleStages>;

export const ZUpdateCycleSettings = z.object({ cycleId: z.uuid(), expectedUpdatedAt: z.iso.datetime(), settings: ZCycleSettings });
export type TUpdateCycleSettings = z.infer<typeof ZUpdateCycleSettings>;

export const ZCycleStatusChange = z.object({ cycleId: z.uuid(), expectedUpdatedAt: z.iso.datetime(), action: z.enum(["START", "CLOSE"]) });
export type TCycleStatusChange = z.infer<typeof ZCycleStatusChange>;

export const ZCyclePublication = z.object({ cycleId: z.uuid(), expectedUpdatedAt: z.iso.datetime(), publish: z.boolean() });
export type TCyclePublication = z.infer<typeof ZCyclePublication>;

/** Archiving a published cycle (issue 20): read-only for good; its evidence optionally to cold storage. */
export const ZCycleArchive = z.object({ cycleId: z.uuid(), expectedUpdatedAt: z.iso.datetime(), moveEvidenceToColdStorage: z.boolean() });
export type TCycleArchive = z.infer<typeof ZCycleArchive>;

export const ZCycleId = z.object({ cycleId: z.uuid() });

/** The loci list of a cycle: search by institution or locus name, filter by status, page. */
export const ZCycleLociQuery = z.object({
  q: searchText(100).catch(undefined),
  status: z.enum(ASSESSMENT_STATUSES).optional().catch(undefined),
  overdue: z
    .preprocess((v) => v === "1" || v === "true", z.boolean())
    .optional()
    .catch(false),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
export type TCycleLociQuery = z.infer<typeof ZCycleLociQuery>;
