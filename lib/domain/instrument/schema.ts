import { z } from "zod";
import { text } from "../text";

/**
 * The SHAPE of an instrument file only: which fields exist and their JSON types. Everything that
 * is a rule rather than a type (integer and non-negative weights, non-blank texts, levels 0..5,
 * unique codes, sums of 100) is checked afterwards by `validateInstrument`, so that a file with
 * a correct shape gets ALL its rule violations reported in one pass instead of the first one.
 * Every text is `text()`: a NUL or an unpaired surrogate cannot be stored, and is refused here.
 */
export const ZInstrumentLevel = z.object({
  level: z.number(),
  description: text(),
});

export const ZInstrumentIndicator = z.object({
  code: text(),
  name: text(),
  question: text(),
  weight: z.number(),
  evidenceHint: text(),
  levels: z.array(ZInstrumentLevel),
});

export const ZInstrumentAspect = z.object({
  code: text(),
  name: text(),
  weight: z.number(),
  indicators: z.array(ZInstrumentIndicator),
});

export const ZInstrumentSurveyItem = z.object({
  code: text(),
  text: text(),
});

export const ZInstrumentShape = z.object({
  code: text(),
  version: text(),
  name: text(),
  description: text(),
  aspects: z.array(ZInstrumentAspect),
  surveyItems: z.array(ZInstrumentSurveyItem),
});

export type TInstrumentShape = z.infer<typeof ZInstrumentShape>;
