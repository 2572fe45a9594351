import { z } from "zod";
import { MAX_LEVEL, MIN_LEVEL } from "./types";

// The two answer fields every request about an indicator carries, defined once: the schemas of
// lib/schemas (autosave, verification, return reasons) and the evidence link body use them.
// Messages are catalogue keys.

/**
 * An indicator code as a request names it ("1.a.Ak", "31.c.K"): trimmed, 1 to 40 characters.
 * Whether the cycle's instrument has it is checked against the data.
 */
export const ZIndicatorCode = z
  .string({ error: "evidence.indicatorInvalid" })
  .trim()
  .min(1, { error: "evidence.indicatorInvalid" })
  .max(40, { error: "evidence.indicatorInvalid" });

/** A level chosen for an indicator: an integer 0–5 (docs/domain.md §4). */
export const ZLevel = z
  .int({ error: "validation.levelInvalid" })
  .min(MIN_LEVEL, { error: "validation.levelInvalid" })
  .max(MAX_LEVEL, { error: "validation.levelInvalid" });
