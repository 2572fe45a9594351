import { z } from "zod";
import { ZInstrumentShape } from "@/lib/domain/instrument/schema";
import { text } from "./text";

/** A new version copied from another one: its label, and optionally a new name. */
export const ZCopyInstrumentVersion = z.object({
  sourceId: z.uuid(),
  version: text().trim().min(1, { error: "instrumentAdmin.validation.versionEmpty" }).max(40, { error: "validation.tooLong" }),
  name: text().trim().max(200, { error: "validation.tooLong" }).optional(),
});
export type TCopyInstrumentVersion = z.infer<typeof ZCopyInstrumentVersion>;

/**
 * The whole edited instrument. Only its shape is checked here (and the size, so a request cannot
 * be made arbitrarily large); every rule (weights, codes, levels) is checked by the instrument
 * validator, which reports all problems at once.
 */
export const ZSaveInstrumentVersion = z.object({
  versionId: z.uuid(),
  expectedUpdatedAt: z.iso.datetime(),
  definition: ZInstrumentShape.extend({
    aspects: ZInstrumentShape.shape.aspects.max(30),
    surveyItems: ZInstrumentShape.shape.surveyItems.max(100),
  }),
});
export type TSaveInstrumentVersion = z.infer<typeof ZSaveInstrumentVersion>;
