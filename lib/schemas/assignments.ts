import { z } from "zod";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { fromFormData } from "./form-data";
import { searchText } from "./text";

/**
 * How an assignment treats the institution's other verifiers in the cycle: "add" keeps them;
 * "replace" makes the chosen verifier the only one (a move: the work already done stays with the
 * loci, only the assignment rows change).
 */
export const ASSIGNMENT_MODES = ["add", "replace"] as const;

const ids = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.uuid()).min(1, { error: "assignmentAdmin.noInstitutions" }).max(5_000),
);

export const ZAssignInstitutions = fromFormData(
  z.object({
    cycleId: z.uuid(),
    verifierId: z.uuid({ error: "assignmentAdmin.verifierRequired" }),
    institutionIds: ids,
    mode: z.enum(ASSIGNMENT_MODES),
  }),
);
export type TAssignInstitutions = z.infer<typeof ZAssignInstitutions>;

const types = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
  z.array(z.enum(INSTITUTION_TYPES)).min(1, { error: "assignmentAdmin.typesRequired" }),
);

/** Bulk: every institution of the chosen types (in one province, or held by one verifier, when given). */
export const ZBulkAssign = fromFormData(
  z.object({
    cycleId: z.uuid(),
    verifierId: z.uuid({ error: "assignmentAdmin.verifierRequired" }),
    provinceCode: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d{2}$/)
        .optional(),
    ),
    fromVerifierId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
    types,
    mode: z.enum(ASSIGNMENT_MODES),
  }),
);
export type TBulkAssign = z.infer<typeof ZBulkAssign>;

export const ZUnassign = fromFormData(z.object({ cycleId: z.uuid(), verifierId: z.uuid(), institutionId: z.uuid() }));
export type TUnassign = z.infer<typeof ZUnassign>;

/** The page's URL: the cycle, and the institution list's filters. */
export const ZAssignmentSearch = z.object({
  cycle: z.uuid().optional().catch(undefined),
  q: searchText(100).catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  unassigned: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
export type TAssignmentSearch = z.infer<typeof ZAssignmentSearch>;
