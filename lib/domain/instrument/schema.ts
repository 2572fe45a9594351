import { z } from "zod";

/**
 * The SHAPE of an instrument file only: which fields exist and their JSON types. Everything that
 * is a rule rather than a type (integer and non-negative weights, non-blank texts, levels 0..5,
 * unique codes, sums of 100) is checked afterwards by `validateInstrument`, so that a file with
 * a correct shape gets ALL its rule violations reported in one pass instead of the first one.
 */
export const ZInstrumentLevel = z.object({
  level: z.number(),
  description: z.string(),
});

export const ZInstrumentIndicator = z.object({
  code: z.string(),
  name: z.string(),
  question: z.string(),
  weight: z.number(),
  evidenceHint: z.string(),
  levels: z.array(ZInstrumentLevel),
});

export const ZInstrumentAspect = z.object({
  code: z.string(),
  name: z.string(),
  weight: z.number(),
  indicators: z.array(ZInstrumentIndicator),
});

export const ZInstrumentSurveyItem = z.object({
  code: z.string(),
  text: z.string(),
});

export const ZInstrumentShape = z.object({
  code: z.string(),
  version: z.string(),
  name: z.string(),
  description: z.string(),
  aspects: z.array(ZInstrumentAspect),
  surveyItems: z.array(ZInstrumentSurveyItem),
});

export type TInstrumentShape = z.infer<typeof ZInstrumentShape>;
