/**
 * Typed errors of the pure domain layer. Each carries a stable machine `code` so that callers
 * (server actions, the CLI) can map an expected error to a message key in the catalogue and
 * treat anything else as a bug (house style: "errors a user can cause are typed").
 */
export type DomainErrorCode =
  | "INVALID_NUMBER"
  | "DIVISION_BY_ZERO"
  | "EMPTY_MEAN"
  | "INVALID_LEVEL"
  | "INVALID_RATING"
  | "EMPTY_RESPONSE"
  | "WRONG_ITEM_COUNT"
  | "INVALID_SETTINGS"
  | "INCONSISTENT_F03"
  | "INDEX_OUT_OF_RANGE"
  | "INVALID_GRADE_BANDS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}
