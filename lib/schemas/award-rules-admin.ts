import { z } from "zod";
import { ZAwardRules } from "./awards";

/** The editor's save: the whole rule list, and the version of the stored rules it was based on (null: the shipped file). */
export const ZSaveAwardRules = z.object({
  rules: ZAwardRules.refine((rules) => rules.length > 0, { message: "awardsAdmin.noRules" }),
  expectedUpdatedAt: z.iso.datetime().nullable(),
});
export type TSaveAwardRules = z.infer<typeof ZSaveAwardRules>;

export const ZResetAwardRules = z.object({ expectedUpdatedAt: z.iso.datetime() });
export type TResetAwardRules = z.infer<typeof ZResetAwardRules>;
