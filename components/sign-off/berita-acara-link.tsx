import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type Actor, ruleFor } from "@/lib/auth/policies";

/**
 * Statuses in which a locus has a Berita Acara to read or sign (after approval), and under a
 * correction, when the signed one is about to be superseded and stays readable.
 */
const WITH_BERITA_ACARA: readonly string[] = ["VERIFIED", "FINAL", "IN_CORRECTION"];

/**
 * The link to a locus's Berita Acara page, for a viewer whose role may read it (signOff.view; the
 * page itself checks the scope again) once the locus is approved. Nothing otherwise.
 */
export async function BeritaAcaraLink({ actor, assessmentId, status }: { actor: Actor; assessmentId: string; status: string }) {
  if (!WITH_BERITA_ACARA.includes(status) || ruleFor(actor, "signOff.view") === null) return null;
  const t = await getTranslations("signOff");
  return (
    <p className="mt-3">
      <Link
        href={`/assessments/${assessmentId}/berita-acara`}
        data-testid="berita-acara-link"
        className="inline-block rounded-md border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {t("open")}
      </Link>
    </p>
  );
}
