import { DomainError } from "../errors";
import { fromFraction, mean, type Rational } from "../rational";
import { MAX_LEVEL, MIN_LEVEL } from "../instrument/types";

export interface F03Score {
  respondents: number;
  /** null when nobody answered: there is no F-03 score yet. */
  score: Rational | null;
}

export interface F03Options {
  /**
   * When given, every respondent must have rated exactly this many items (14 for code A, §4).
   * The caller passes the instrument's survey item count.
   */
  itemCount?: number;
}

/**
 * F-03 score (0–5) = mean over respondents of each respondent's mean item rating (docs/domain.md §5).
 * A mean of means: each respondent weighs the same, however many items they rated.
 * Ratings are integers 0..5 (§4 "each 0–5"); anything else is refused with INVALID_RATING.
 */
export function f03Score(responses: readonly (readonly number[])[], options: F03Options = {}): F03Score {
  const { itemCount } = options;
  if (itemCount !== undefined && (!Number.isSafeInteger(itemCount) || itemCount < 1)) {
    throw new DomainError("INVALID_NUMBER", `The survey item count must be an integer >= 1, got ${itemCount}.`);
  }
  const respondentMeans = responses.map((ratings, respondent) => {
    if (ratings.length === 0) {
      throw new DomainError("EMPTY_RESPONSE", `Respondent #${respondent} has no ratings.`);
    }
    if (itemCount !== undefined && ratings.length !== itemCount) {
      throw new DomainError("WRONG_ITEM_COUNT", `Respondent #${respondent} rated ${ratings.length} items, expected ${itemCount}.`);
    }
    let total = 0;
    ratings.forEach((rating, item) => {
      if (!Number.isInteger(rating) || rating < MIN_LEVEL || rating > MAX_LEVEL) {
        throw new DomainError(
          "INVALID_RATING",
          `Respondent #${respondent}, item #${item}: a rating must be an integer ` + `${MIN_LEVEL}..${MAX_LEVEL}, got ${String(rating)}.`,
        );
      }
      total += rating; // Small integers: exact.
    });
    return fromFraction(total, ratings.length);
  });
  return { respondents: responses.length, score: mean(respondentMeans) };
}
