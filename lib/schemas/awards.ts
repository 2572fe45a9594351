import { z } from "zod";
import { GRADE_BANDS, type Grade } from "@/lib/domain/grades";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { text } from "./text";

const ZGrade = z.enum(GRADE_BANDS.map((b) => b.grade) as [Grade, ...Grade[]]);
const ZName = z.object({ id: text().trim().min(1), en: text().trim().min(1) });
const base = { id: z.string().regex(/^[a-z0-9-]+$/), name: ZName };

/** The award rules (docs/domain.md §6, configurable), as stored in the setting "awards.rules" or the default file. */
export const ZAwardRules = z
  .array(
    z.discriminatedUnion("kind", [
      z.object({ ...base, kind: z.literal("GRADE"), subject: z.enum(["INSTITUTION", "LOCUS"]), grade: ZGrade }),
      z.object({ ...base, kind: z.literal("TOP_N"), group: z.enum(INSTITUTION_TYPES), n: z.number().int().min(1).max(1000) }),
      z.object({ ...base, kind: z.literal("PROVINCE_BEST") }),
      z.object({ ...base, kind: z.literal("ALL_LOCI_GRADE"), grade: ZGrade }),
    ]),
  )
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: "duplicate rule id" });
