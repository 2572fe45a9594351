/**
 * Typed errors of the pure domain layer. Each carries a stable machine `code`; the domain never
 * chooses what a user reads. The server layer maps each code to a catalogue message
 * (DOMAIN_ERROR_KEYS in lib/server/errors.ts) and treats any other error as a bug (house style:
 * "errors a user can cause are typed"). The message is for developers and logs.
 */
export const DOMAIN_ERROR_CODES = [
  "INVALID_NUMBER",
  "DIVISION_BY_ZERO",
  "EMPTY_MEAN",
  "INVALID_LEVEL",
  "INVALID_RATING",
  "EMPTY_RESPONSE",
  "WRONG_ITEM_COUNT",
  "INVALID_SETTINGS",
  "INCONSISTENT_F03",
  "INDEX_OUT_OF_RANGE",
  "INVALID_GRADE_BANDS",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}
