import { z } from "zod";
import { PRE_CHECK_RULE_IDS } from "@/lib/domain/pre-check";

/** The admin's switches of a cycle's pre-check rules: the ids switched off (the rest run). */
export const ZUpdatePreCheckRules = z.object({
  cycleId: z.uuid(),
  disabled: z
    .array(z.enum(PRE_CHECK_RULE_IDS as [string, ...string[]], { error: "preCheck.unknownRule" }))
    .max(PRE_CHECK_RULE_IDS.length)
    .transform((ids) => [...new Set(ids)].sort()),
});
export type TUpdatePreCheckRules = z.infer<typeof ZUpdatePreCheckRules>;
