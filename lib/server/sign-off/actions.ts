"use server";

import { revalidatePath } from "next/cache";
import { ZCheckIntegrity, ZSignBeritaAcara } from "@/lib/schemas/sign-off";
import { authorizedActionClient, publicActionClient } from "@/lib/server/action-client/client";
import { checkIntegrity, signBeritaAcara } from "./sign-off";

/** The verifier, then the head, signs the locus's Berita Acara with the password again. */
export const signBeritaAcaraAction = authorizedActionClient
  .metadata({ action: "signOff.sign", policy: "signOff.sign" })
  .inputSchema(ZSignBeritaAcara)
  .action(async ({ parsedInput, ctx }) => {
    const signed = await signBeritaAcara(ctx.actor, parsedInput.assessmentId, parsedInput.password);
    revalidatePath(`/assessments/${parsedInput.assessmentId}/berita-acara`);
    return signed;
  });

/** Anyone checks a copy (PDF) or a hash against what was signed under a code. */
export const checkIntegrityAction = publicActionClient
  .metadata({ action: "signOff.verify", policy: "signOff.verify" })
  .inputSchema(ZCheckIntegrity)
  .action(async ({ parsedInput }) => {
    const pdf = parsedInput.file ? Buffer.from(await parsedInput.file.arrayBuffer()) : undefined;
    return { outcome: await checkIntegrity(parsedInput.code, { pdf, hash: parsedInput.hash }) };
  });
