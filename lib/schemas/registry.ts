import { z } from "zod";
import { cleanText, FIELD_LIMITS, INSTITUTION_TYPES, isValidCode, normalizeCode, provinceRule, SERVICE_TYPES, UNIT_KINDS } from "@/lib/domain/registry/fields";
import { fromFormData } from "./form-data";
import { searchText, text } from "./text";

const requiredText = (max: number, tooShort = "validation.required") =>
  text()
    .transform(cleanText)
    .pipe(z.string().min(1, { error: tooShort }).max(max, { error: "validation.tooLong" }));

/** Whitespace collapsed; empty means absent (stored as null). */
const optionalClean = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? cleanText(v) || undefined : (v ?? undefined)), text().max(max, { error: "validation.tooLong" }).optional());

const institutionFields = {
  code: z
    .string()
    .transform(normalizeCode)
    .pipe(z.string().min(1, { error: "validation.required" }).refine(isValidCode, { error: "registry.codeInvalid" })),
  name: requiredText(FIELD_LIMITS.name),
  shortName: optionalClean(FIELD_LIMITS.shortName),
  type: z.enum(INSTITUTION_TYPES, { error: "registry.typeRequired" }),
  provinceCode: optionalClean(2).pipe(
    z
      .string()
      .regex(/^\d{2}$/, { error: "registry.provinceUnknown" })
      .optional(),
  ),
};

/** A province, regency or city belongs to a province; a K/L or BUMN to none (fields.ts provinceRule). */
function provinceMatchesType(value: { type: (typeof INSTITUTION_TYPES)[number]; provinceCode?: string }, ctx: z.RefinementCtx) {
  const rule = provinceRule(value.type);
  if (rule === "required" && !value.provinceCode) ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "registry.provinceRequired" });
  if (rule === "forbidden" && value.provinceCode) ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "registry.provinceNotAllowed" });
}

export const ZCreateInstitution = fromFormData(z.object(institutionFields).superRefine(provinceMatchesType));
export type TCreateInstitution = z.infer<typeof ZCreateInstitution>;

export const ZUpdateInstitution = fromFormData(
  z
    .object({
      institutionId: z.uuid(),
      /** The updatedAt the form was loaded with: a newer one means someone else changed the record. */
      expectedUpdatedAt: z.iso.datetime(),
      ...institutionFields,
    })
    .superRefine(provinceMatchesType),
);
export type TUpdateInstitution = z.infer<typeof ZUpdateInstitution>;

const locusFields = {
  name: requiredText(FIELD_LIMITS.locusName),
  serviceType: z.enum(SERVICE_TYPES, { error: "registry.serviceTypeRequired" }),
  address: optionalClean(FIELD_LIMITS.address),
  // Units (issue 16): the kind, and the unit above it (empty: directly under the institution).
  unitKind: z.enum(UNIT_KINDS).default("LAINNYA"),
  parentId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
};

export const ZCreateLocus = fromFormData(z.object({ institutionId: z.uuid(), ...locusFields }));
export type TCreateLocus = z.infer<typeof ZCreateLocus>;

export const ZUpdateLocus = fromFormData(
  z.object({
    locusId: z.uuid(),
    expectedUpdatedAt: z.iso.datetime(),
    ...locusFields,
    isActive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  }),
);
export type TUpdateLocus = z.infer<typeof ZUpdateLocus>;

/** The list's filters, read from the URL; anything malformed is ignored rather than an error page. */
export const ZInstitutionSearch = z.object({
  q: searchText(100).catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
export type TInstitutionSearch = z.infer<typeof ZInstitutionSearch>;

/** Export and template downloads: the file format, and the list's filters for an export. */
export const ZRegistryDownload = z.object({
  format: z.enum(["csv", "xlsx"]).catch("xlsx"),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
});

/** The import form's fields besides the file: preview or apply, and for apply the previewed file's hash. */
export const ZRegistryImportMode = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("preview") }),
  z.object({ mode: z.literal("apply"), expectedSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
]);
export type TRegistryImportMode = z.infer<typeof ZRegistryImportMode>;
