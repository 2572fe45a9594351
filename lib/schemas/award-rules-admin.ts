import { z } from "zod";
import { ZAwardRules } from "./awards";

/** Whose rules (issue 16): an institution's own, for its cycles; absent or null: the national rules. */
const ownerInstitutionId = z.uuid().nullable().optional();

/** The editor's save: the whole rule list, and the version of the stored rules it was based on (null: none stored). */
export const ZSaveAwardRules = z.object({
  rules: ZAwardRules.refine((rules) => rules.length > 0, { message: "awardsAdmin.noRules" }),
  expectedUpdatedAt: z.iso.datetime().nullable(),
  ownerInstitutionId,
});
export type TSaveAwardRules = z.infer<typeof ZSaveAwardRules>;

export const ZResetAwardRules = z.object({ expectedUpdatedAt: z.iso.datetime(), ownerInstitutionId });
export type TResetAwardRules = z.infer<typeof ZResetAwardRules>;
