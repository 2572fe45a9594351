import { z } from "zod";
import { text } from "./text";

/**
 * The F-03 service-user survey (docs/domain.md §4 "F-03 user survey"): the inputs of the public form
 * and of the verifier's link controls, and the small pure rules both sides share. Messages are
 * catalogue keys (lib/i18n/messages/{id,en}/survey.json).
 */

/** Each item is rated with an integer 0–5 (docs/domain.md §4). */
export const SURVEY_RATING_MIN = 0;
export const SURVEY_RATING_MAX = 5;
export const SURVEY_RATINGS = [0, 1, 2, 3, 4, 5] as const;

/** Random bytes in a link token: 192 bits, above the 128 an unguessable link needs. */
export const SURVEY_TOKEN_BYTES = 24;

/**
 * The optional free-text comment of a response: at most this many characters (the database holds
 * the same limit). Never public: read by the unit's head and the admin only (policy survey.comments).
 */
export const SURVEY_COMMENT_MAX = 1000;

/** More items than any instrument could sensibly ask: bounds the size of a request before parsing it. */
export const MAX_SURVEY_ITEMS = 100;

/**
 * A link token is base64url without padding. Tokens are minted with SURVEY_TOKEN_BYTES (32
 * characters); anything from 22 characters (128 bits) up is accepted so that a later change of
 * the length does not orphan the links already handed out.
 */
export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
export const ZSurveyToken = z.string().regex(SURVEY_TOKEN_PATTERN, { error: "survey.errors.tokenInvalid" });

export const ZSurveyRating = z
  .int({ error: "survey.errors.ratingInvalid" })
  .min(SURVEY_RATING_MIN, { error: "survey.errors.ratingInvalid" })
  .max(SURVEY_RATING_MAX, { error: "survey.errors.ratingInvalid" });

/**
 * What the public form sends: the link's token and one entry per survey item, in item order.
 * An entry is null while the item is unrated, so the server can name the missing items rather
 * than answer "invalid"; the exact count is the instrument's, checked with `surveyRatingsSchema`.
 */
export const ZSubmitSurvey = z.strictObject({
  token: ZSurveyToken,
  ratings: z.array(ZSurveyRating.nullable()).min(1).max(MAX_SURVEY_ITEMS),
  comment: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    text().trim().max(SURVEY_COMMENT_MAX, { error: "survey.errors.commentTooLong" }).optional(),
  ),
});
export type TSubmitSurvey = z.infer<typeof ZSubmitSurvey>;

/**
 * Exactly `itemCount` ratings, every one an integer 0–5: fewer or more is refused, and every
 * unrated item gets its own issue (path = its index) with "survey.errors.ratingMissing".
 */
export function surveyRatingsSchema(itemCount: number) {
  return z
    .array(ZSurveyRating.nullable(), { error: "survey.errors.itemCount" })
    .length(itemCount, { error: "survey.errors.itemCount" })
    .superRefine((ratings, ctx) => {
      ratings.forEach((rating, index) => {
        if (rating === null) ctx.addIssue({ code: "custom", path: [index], message: "survey.errors.ratingMissing" });
      });
    })
    .transform((ratings) => ratings as number[]);
}

/** The 1-based numbers of the items without a rating, in item order (what the form names). */
export function missingRatings(ratings: readonly (number | null | undefined)[], itemCount: number): number[] {
  const missing: number[] = [];
  for (let index = 0; index < itemCount; index += 1) {
    const rating = ratings[index];
    if (rating === null || rating === undefined) missing.push(index + 1);
  }
  return missing;
}

export type SurveyLinkState = "open" | "closed" | "expired";

/**
 * Whether a link takes responses at `now`: closed by hand (closedAt), past its closing time
 * (closesAt, exclusive), or open. A closed link stays "closed" even after its closing time.
 */
export function surveyLinkState(link: { closedAt: Date | string | null; closesAt: Date | string | null }, now: Date): SurveyLinkState {
  if (link.closedAt !== null) return "closed";
  if (link.closesAt !== null && new Date(link.closesAt).getTime() <= now.getTime()) return "expired";
  return "open";
}

/** The verifier's "open a link": the locus and an optional last day (inclusive, WIB). */
export const ZCreateSurveyLink = z.strictObject({
  assessmentId: z.uuid({ error: "errors.notFound" }),
  closesOn: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.iso.date({ error: "surveyAdmin.errors.dateInvalid" }).optional(),
  ),
});
export type TCreateSurveyLink = z.infer<typeof ZCreateSurveyLink>;

export const ZCloseSurveyLink = z.strictObject({ linkId: z.uuid({ error: "errors.notFound" }) });
export type TCloseSurveyLink = z.infer<typeof ZCloseSurveyLink>;
