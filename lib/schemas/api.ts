import { z } from "zod";
import { GRADE_BANDS, type Grade } from "@/lib/domain/grades";
import { PROGRESS_STATES } from "@/lib/domain/follow-up/rules";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { RESULT_GROUPS } from "./results";
import { searchText, text } from "./text";

/**
 * The read API /api/v1 (issue 20): the queries it accepts and the JSON it answers, in one place.
 * The OpenAPI 3.1 document (lib/server/api/openapi.ts) is generated from these schemas, so the
 * field names documented are the ones the handlers build (stable, camelCase). Unlike the pages'
 * queries, a malformed filter is refused (422) rather than replaced by a default: another system
 * must learn that its request was wrong.
 */

// ─────────────── Tokens (account page) ───────────────

export const API_TOKEN_MAX_DAYS = 366;

export const ZCreateApiToken = z.object({
  name: text({ error: "apiTokens.nameRequired" }).trim().min(1, { error: "apiTokens.nameRequired" }).max(80, { error: "apiTokens.nameTooLong" }),
  /** Days until it expires; absent or 0: never. */
  expiresInDays: z.coerce
    .number({ error: "apiTokens.expiryInvalid" })
    .int({ error: "apiTokens.expiryInvalid" })
    .min(0, { error: "apiTokens.expiryInvalid" })
    .max(API_TOKEN_MAX_DAYS, { error: "apiTokens.expiryInvalid" })
    .default(0),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;

export const ZRevokeApiToken = z.object({ tokenId: z.uuid() });

// ─────────────── Queries ───────────────

const ASSESSMENT_STATUSES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "AWAITING_VALIDATION", "RETURNED", "VERIFIED", "FINAL", "IN_CORRECTION"] as const;
const CYCLE_STATUSES = ["PREPARATION", "ACTIVE", "FINALISED", "ARCHIVED"] as const;
export const API_MAX_PER_PAGE = 100;

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ description: "Page number, from 1." }),
  perPage: z.coerce
    .number()
    .int()
    .min(1)
    .max(API_MAX_PER_PAGE)
    .default(50)
    .meta({ description: `Rows per page, at most ${API_MAX_PER_PAGE}.` }),
};
const uuidFilter = (description: string) => z.uuid().optional().meta({ description });

export const ZApiIdParams = z.object({ id: z.uuid().meta({ description: "The record's id (UUID)." }) });
export const ZApiCycleParams = z.object({ cycleId: z.uuid().meta({ description: "The cycle's id (UUID)." }) });

export const ZApiCyclesQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().meta({ description: "Only cycles of this year." }),
  status: z.enum(CYCLE_STATUSES).optional(),
  ...paging,
});
export const ZApiInstitutionsQuery = z.object({
  type: z.enum(INSTITUTION_TYPES).optional(),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .meta({ description: "The province's two-digit code." }),
  q: searchText(100).meta({ description: "Part of the name, short name or code." }),
  ...paging,
});
export const ZApiPageQuery = z.object(paging);
/** An endpoint without filters: unknown query parameters are ignored, as everywhere. */
export const ZApiNoQuery = z.object({});
export const ZApiAssessmentsQuery = z.object({
  cycle: uuidFilter("Only assessments of this cycle."),
  institution: uuidFilter("Only loci of this institution."),
  status: z.enum(ASSESSMENT_STATUSES).optional(),
  ...paging,
});
export const ZApiRecommendationsQuery = z.object({
  cycle: uuidFilter("Only recommendations of this cycle."),
  institution: uuidFilter("Only recommendations to this institution's loci."),
  status: z.enum(["OPEN", "CLOSED"]).optional(),
  ...paging,
});
export const ZApiInstitutionResultsQuery = z.object({ cycle: uuidFilter("Only this cycle's results.") });
export const ZApiPublishedResultsQuery = z.object({
  group: z
    .enum(RESULT_GROUPS)
    .optional()
    .meta({ description: "A ranking group: an institution type, or PROVINCE (with `province`). Absent: every institution." }),
  province: uuidFilter("The province of the PROVINCE group (its id)."),
  grade: z.enum(GRADE_BANDS.map((b) => b.grade) as [Grade, ...Grade[]]).optional(),
  version: z.coerce.number().int().min(1).max(100_000).optional().meta({ description: "A result version of the cycle; absent: the current one." }),
  ...paging,
});

// ─────────────── Responses ───────────────

const isoDateTime = z.iso.datetime().meta({ description: "ISO 8601 date and time, UTC." });
const nullableDateTime = isoDateTime.nullable();
const publishedIndex = z
  .string()
  .regex(/^\d\.\d{2}$/)
  .meta({ description: "The index as published: two decimals, rounded half up from the exact value (docs/domain.md).", example: "3.75" });

export const ZApiPageInfo = z
  .object({ page: z.int(), perPage: z.int(), total: z.int().meta({ description: "Rows matching the filters, on every page." }) })
  .meta({ id: "PageInfo" });

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "A stable code (the message catalogue key).", example: "errors.notFound" }),
      message: z.string().meta({ description: "The message in the caller's language (Accept-Language: id or en)." }),
    }),
  })
  .meta({ id: "Error" });

export const ZApiCycle = z
  .object({
    id: z.uuid(),
    year: z.int(),
    name: z.string(),
    programme: z.string().meta({ description: "The programme's code (PEKPPP, MANDIRI, …)." }),
    status: z.enum(CYCLE_STATUSES),
    ownerInstitutionId: z.uuid().nullable().meta({ description: "The institution running its own cycle; null: the ministry's." }),
    finalisedAt: nullableDateTime,
    publishedAt: nullableDateTime,
  })
  .meta({ id: "Cycle" });

export const ZApiInstitution = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    type: z.enum(INSTITUTION_TYPES),
    province: z.object({ code: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "Institution" });

export const ZApiLocus = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    serviceType: z.enum(["ADMINISTRATIF", "JASA", "BARANG"]),
    unitKind: z.string(),
    nationalLocus: z.boolean(),
    isActive: z.boolean(),
  })
  .meta({ id: "Locus" });

export const ZApiAssessment = z
  .object({
    id: z.uuid(),
    cycleId: z.uuid(),
    locusId: z.uuid(),
    locusName: z.string(),
    institutionId: z.uuid(),
    status: z.enum(ASSESSMENT_STATUSES),
    round: z.int(),
    submittedAt: nullableDateTime,
    verifiedAt: nullableDateTime,
    finalisedAt: nullableDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "Assessment" });

const ZApiStanding = z.object({ rank: z.int(), tied: z.boolean(), size: z.int() }).meta({ id: "Standing" });

export const ZApiPublishedCycle = z
  .object({
    id: z.uuid(),
    name: z.string(),
    year: z.int(),
    publishedAt: isoDateTime,
    version: z.int().nullable().meta({ description: "The current result version; null when results were never corrected or re-published." }),
  })
  .meta({ id: "PublishedCycle" });

export const ZApiPublishedResult = z
  .object({
    institutionId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(INSTITUTION_TYPES),
    provinceName: z.string().nullable(),
    lociCount: z.int(),
    index: publishedIndex,
    grade: z.string(),
    label: z.string(),
    nationalStanding: ZApiStanding.meta({ description: "Rank among the institutions of its type." }),
    provinceStanding: ZApiStanding.nullable().meta({ description: "Rank among the regencies and cities of its province; null for other types." }),
  })
  .meta({ id: "PublishedResult" });

export const ZApiInstitutionResult = z
  .object({
    cycleId: z.uuid(),
    cycleName: z.string(),
    year: z.int(),
    lociCount: z.int(),
    index: publishedIndex,
    grade: z.string(),
    computedAt: isoDateTime,
    loci: z.array(z.object({ assessmentId: z.uuid(), locusId: z.uuid(), locusName: z.string(), index: publishedIndex, grade: z.string() })),
  })
  .meta({ id: "InstitutionResult" });

export const ZApiRecommendation = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    cycleId: z.uuid(),
    institutionId: z.uuid(),
    locusName: z.string(),
    target: z.object({ kind: z.enum(["indicator", "aspect"]), code: z.string(), aspectCode: z.string() }),
    text: z.string(),
    targetDate: z.iso.date().nullable(),
    status: z.enum(["OPEN", "CLOSED"]),
    followUp: z.object({
      progress: z.enum(PROGRESS_STATES).meta({ description: "Where it stands, by the follow-up rules (docs/domain.md)." }),
      overdue: z.boolean(),
      actions: z.int().meta({ description: "Follow-up actions reported." }),
      pendingReview: z.int().meta({ description: "Actions awaiting the verifier's review." }),
    }),
  })
  .meta({ id: "Recommendation" });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), pageInfo: ZApiPageInfo });
export const oneOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

export const ZApiInstitutionResults = z.object({ data: z.array(ZApiInstitutionResult) });

export const ZApiPublishedResults = listOf(ZApiPublishedResult).extend({
  cycle: z.object({ id: z.uuid(), name: z.string(), year: z.int(), version: z.int().nullable() }),
});

export type TApiCycle = z.infer<typeof ZApiCycle>;
export type TApiInstitution = z.infer<typeof ZApiInstitution>;
export type TApiLocus = z.infer<typeof ZApiLocus>;
export type TApiAssessment = z.infer<typeof ZApiAssessment>;
export type TApiPublishedCycle = z.infer<typeof ZApiPublishedCycle>;
export type TApiPublishedResult = z.infer<typeof ZApiPublishedResult>;
export type TApiInstitutionResult = z.infer<typeof ZApiInstitutionResult>;
export type TApiRecommendation = z.infer<typeof ZApiRecommendation>;
export type TApiPageInfo = z.infer<typeof ZApiPageInfo>;
