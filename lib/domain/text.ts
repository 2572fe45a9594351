import { z } from "zod";

/**
 * Text the portal can store. PostgreSQL refuses U+0000 in a text value ("invalid byte sequence"),
 * and an unpaired UTF-16 surrogate (a JSON body may carry "\ud800") has no UTF-8 form: either one
 * reaching the database is a server error. Every free-text input (forms, actions, JSON bodies,
 * query parameters) is parsed with `text()` (re-exported for schemas by lib/schemas/text.ts), so
 * such a character is refused up front, with the catalogue message below.
 */

/** The catalogue key (lib/i18n/messages/{id,en}/core.json) of a text with a character that cannot be stored. */
export const TEXT_INVALID_CHARACTERS = "validation.textInvalidCharacters";

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` holds neither U+0000 nor an unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !UNPAIRED_SURROGATE.test(value);
}

/** `value` with every unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed). */
export function wellFormed(value: string): string {
  return value.replace(new RegExp(UNPAIRED_SURROGATE, "g"), "\uFFFD");
}

/**
 * The one string schema for free text: `z.string(params)` that refuses U+0000 and unpaired
 * surrogates with TEXT_INVALID_CHARACTERS. Chain the field's own rules after it
 * (`text().trim().min(3, …).max(120, …)`); the check runs first, on the text as received.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { error: TEXT_INVALID_CHARACTERS });
}

/**
 * A search or filter text from a URL (`?q=…`): blank means absent; trimmed; at most `max`
 * characters. A character that cannot be stored fails the parse with TEXT_INVALID_CHARACTERS (the
 * query is refused, never sent to the database); the caller decides what a refused query shows.
 */
export function searchText(max = 100) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text().trim().max(max).optional());
}
