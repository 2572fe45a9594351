import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppealList } from "@/components/appeals/appeal-list";
import { AssignReviewerForm } from "@/components/appeals/appeal-forms";
import { isAppealOpen } from "@/lib/domain/workflow";
import { isUuid } from "@/lib/schemas/ids";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { appealsForAdmin } from "@/lib/server/appeals/appeals";

export async function generateMetadata() {
  return { title: (await getTranslations("appeals"))("adminTitle") };
}

/** Every appeal of the cycle; the admin assigns each open one a reviewer (by default not its scorer). */
export default async function CycleAppealsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("appeal.assign");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [t, entries] = await Promise.all([getTranslations("appeals"), appealsForAdmin(actor, id)]);
  const byId = new Map(entries.map((e) => [e.appeal.id, e]));
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("adminTitle")}
      </h1>
      <AppealList
        appeals={entries.map((e) => e.appeal)}
        showLocus
        actions={(appeal) => {
          const entry = byId.get(appeal.id)!;
          return isAppealOpen(appeal.status) ? (
            <AssignReviewerForm
              appealId={appeal.id}
              verifiers={entry.verifiers}
              suggested={entry.suggested}
              scorerId={appeal.scorerId}
              current={appeal.reviewerId}
            />
          ) : null;
        }}
      />
    </section>
  );
}
