import { z } from "zod";
import { ZNewPassword } from "@/lib/auth/passwords";
import { ROLES, type Role } from "@/lib/domain/roles";
import { fromFormData, optionalText } from "./form-data";
import { searchText, text } from "./text";

const userFields = {
  name: text().trim().min(3, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
  role: z.enum(ROLES, { error: "validation.roleRequired" }),
  institutionId: optionalText(36).pipe(z.uuid({ error: "validation.institutionInvalid" }).optional()),
};

/**
 * Evaluators, heads and institution admins belong to exactly one institution; the national admin
 * to none; a verifier to none (the ministry's) or to one (an institution's internal team, issue 16).
 */
export const roleNeedsInstitution = (role: Role) => role === "EVALUATOR" || role === "HEAD" || role === "INSTITUTION_ADMIN";
export const roleMayHaveInstitution = (role: Role) => roleNeedsInstitution(role) || role === "VERIFIER";

function institutionMatchesRole<T extends { role: Role; institutionId?: string }>(value: T, ctx: z.RefinementCtx) {
  const needsInstitution = roleNeedsInstitution(value.role);
  if (needsInstitution && !value.institutionId) {
    ctx.addIssue({ code: "custom", path: ["institutionId"], message: "validation.institutionRequired" });
  }
  if (!roleMayHaveInstitution(value.role) && value.institutionId) {
    ctx.addIssue({ code: "custom", path: ["institutionId"], message: "validation.institutionNotAllowed" });
  }
}

export const ZCreateUser = fromFormData(
  z
    .object({
      email: z
        .string()
        .trim()
        .toLowerCase()
        .max(254)
        .pipe(z.email({ error: "validation.emailInvalid" })),
      ...userFields,
    })
    .superRefine(institutionMatchesRole),
);
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = fromFormData(
  z
    .object({
      userId: z.uuid(),
      /** The updatedAt the form was loaded with: a newer one means someone else changed the user. */
      expectedUpdatedAt: z.iso.datetime(),
      ...userFields,
      isActive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
    })
    .superRefine(institutionMatchesRole),
);
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZUserId = fromFormData(z.object({ userId: z.uuid() }));

export const ZChangePassword = fromFormData(
  z
    .object({
      currentPassword: z.string().min(1, { error: "validation.required" }).max(200),
      newPassword: ZNewPassword,
      confirmPassword: z.string(),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "validation.passwordsDiffer" })
    .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "validation.passwordUnchanged" }),
);

export const ZUserSearch = z.object({
  q: searchText(100).catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export const ZVerifierAssignments = fromFormData(
  z.object({
    userId: z.uuid(),
    cycleId: z.uuid(),
    /** Comma-separated institution ids (a multi-select sends them joined). */
    institutionIds: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z.array(z.uuid()).max(5_000),
    ),
  }),
);
