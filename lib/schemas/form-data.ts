import { z } from "zod";
import { text } from "./text";

/**
 * Lets one schema accept both an object (from a client component) and the FormData of a plain
 * <form action> (so a form also works before JavaScript has loaded).
 */
export function fromFormData<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value instanceof FormData ? Object.fromEntries(value.entries()) : value), schema);
}

/** An optional text field: empty means absent. */
export const optionalText = (max = 200) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text().trim().max(max).optional());
