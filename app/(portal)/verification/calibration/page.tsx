import { getTranslations } from "next-intl/server";
import { CalibrationPage } from "@/components/calibration/calibration-view";
import { EmptyState } from "@/components/empty-state";
import { ZCalibrationFilters } from "@/lib/schemas/calibration";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadCalibration } from "@/lib/server/calibration/calibration";

export async function generateMetadata() {
  return { title: (await getTranslations("calibration"))("ownTitle") };
}

/** A verifier's own calibration (issue 18): its own work against the other verifiers', who stay anonymous. */
export default async function OwnCalibrationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePolicy("calibration.own");
  const [t, view] = await Promise.all([getTranslations("calibration"), loadCalibration(user, ZCalibrationFilters.parse(await searchParams))]);
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("ownTitle")}
      </h1>
      {view ? <CalibrationPage view={view} path="/verification/calibration" /> : <EmptyState>{t("empty")}</EmptyState>}
    </section>
  );
}
