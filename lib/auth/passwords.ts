import { randomInt } from "node:crypto";
import { z } from "zod";

/** Letters and digits that cannot be confused when read aloud or copied by hand. */
const TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A temporary password an admin gives a user once; the first sign-in must replace it. */
export function generateTemporaryPassword(length = 14): string {
  let password = "";
  for (let i = 0; i < length; i += 1) password += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
  return password;
}

/** Rules for a password a user chooses; messages are catalogue keys. */
export const ZNewPassword = z
  .string()
  .min(10, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.passwordTooLong" })
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), { error: "validation.passwordNeedsLetterAndDigit" });
