/**
 * An error the user can cause (bad state, conflict, not found). It carries a message key of the
 * catalogue; the action client sends the key to the browser, which shows it in the user's language.
 */
export class ActionError extends Error {
  constructor(
    readonly messageKey: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = "ActionError";
  }
}

/** The result's serverError: a message key with its values. */
export interface ActionErrorPayload {
  key: string;
  values?: Record<string, string | number>;
  ref?: string;
}
