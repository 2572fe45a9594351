import { DomainError, type DomainErrorCode } from "@/lib/domain/errors";

/**
 * The errors of the server layer, at its bottom: every other module may use this one.
 *
 * An error the user can cause (bad state, conflict, not found, a file that cannot be read) is an
 * ActionError. It carries a message key of the catalogue; the action client and the route handlers
 * send the key to the browser, which shows it in the user's language. A DomainError of the pure
 * layer (lib/domain/errors.ts) reaching them becomes the message DOMAIN_ERROR_KEYS gives its code.
 * Anything else is a bug: logged with a reference, shown as errors.unexpected.
 */
export class ActionError extends Error {
  constructor(
    readonly messageKey: string,
    readonly values: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(messageKey, options);
    this.name = "ActionError";
  }
}

/** The result's serverError: a message key with its values. */
export interface ActionErrorPayload {
  key: string;
  values?: Record<string, string | number>;
  ref?: string;
}

/** The catalogue message (lib/i18n/messages/{id,en}/core.json, `errors.domain`) of each domain error code. */
export const DOMAIN_ERROR_KEYS = {
  INVALID_NUMBER: "errors.domain.invalidNumber",
  DIVISION_BY_ZERO: "errors.domain.divisionByZero",
  EMPTY_MEAN: "errors.domain.emptyMean",
  INVALID_LEVEL: "errors.domain.invalidLevel",
  INVALID_RATING: "errors.domain.invalidRating",
  EMPTY_RESPONSE: "errors.domain.emptyResponse",
  WRONG_ITEM_COUNT: "errors.domain.wrongItemCount",
  INVALID_SETTINGS: "errors.domain.invalidSettings",
  INCONSISTENT_F03: "errors.domain.inconsistentF03",
  INDEX_OUT_OF_RANGE: "errors.domain.indexOutOfRange",
  INVALID_GRADE_BANDS: "errors.domain.invalidGradeBands",
} as const satisfies Record<DomainErrorCode, `errors.domain.${string}`>;

/**
 * What the user is told about an error: an ActionError as it is, a DomainError as the message of
 * its code (the domain error kept as `cause`, for the log), and null for anything else (a bug).
 */
export function toActionError(error: unknown): ActionError | null {
  if (error instanceof ActionError) return error;
  if (error instanceof DomainError) return new ActionError(DOMAIN_ERROR_KEYS[error.code], {}, { cause: error });
  if (isArchivedCycleRefusal(error)) return new ActionError("cycleAdmin.archive.readOnly", {}, { cause: error });
  return null;
}

/** The text the database raises for a write to a row of an archived cycle (migration 20261211700000_cycle_archive). */
const ARCHIVED_CYCLE_REFUSAL = "pekppp: cycle archived, read-only";

/** Whether the error (or one it wraps: Prisma's, the driver's) is that refusal: whatever path the write took, the user is told why. */
function isArchivedCycleRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current.message.includes(ARCHIVED_CYCLE_REFUSAL)) return true;
    current = current.cause;
  }
  return false;
}
