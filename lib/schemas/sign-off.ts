import { z } from "zod";

/** The signer's confirmation: the locus and the password again (step-up). */
export const ZSignBeritaAcara = z.object({
  assessmentId: z.uuid(),
  password: z.string().min(1, { error: "signOff.passwordRequired" }).max(200),
});
export type TSignBeritaAcara = z.infer<typeof ZSignBeritaAcara>;

/** Largest PDF the public integrity check reads. */
export const INTEGRITY_PDF_MAX_BYTES = 5 * 1024 * 1024;

/** The public integrity check of a code: a PDF copy, or a pasted SHA-256 (64 hex digits). */
export const ZCheckIntegrity = z.preprocess(
  (value) => (value instanceof FormData ? Object.fromEntries(value.entries()) : value),
  z.object({
    code: z.string().min(1).max(40),
    hash: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().max(200).optional()),
    file: z.preprocess(
      (v) => (v instanceof File && v.size === 0 ? undefined : v),
      z
        .instanceof(File)
        .refine((f) => f.size <= INTEGRITY_PDF_MAX_BYTES, { error: "signOff.fileTooLarge" })
        .optional(),
    ),
  }),
);
