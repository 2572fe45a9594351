import { getTranslations } from "next-intl/server";
import { AppealList } from "@/components/appeals/appeal-list";
import { DecideAppealForm } from "@/components/appeals/appeal-forms";
import { isAppealOpen } from "@/lib/domain/workflow";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { appealsForReviewer } from "@/lib/server/appeals/appeals";

export async function generateMetadata() {
  return { title: (await getTranslations("appeals"))("reviewerTitle") };
}

/** The appeals an admin assigned to this verifier, to accept or reject. */
export default async function ReviewerAppealsPage() {
  const actor = await requirePolicy("appeal.decide");
  const [t, appeals] = await Promise.all([getTranslations("appeals"), appealsForReviewer(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("reviewerTitle")}
      </h1>
      <AppealList
        appeals={appeals}
        showLocus
        actions={(appeal) =>
          appeal.status === "ASSIGNED" && isAppealOpen(appeal.status) ? <DecideAppealForm appealId={appeal.id} level={appeal.levelBefore} /> : null
        }
      />
    </section>
  );
}
