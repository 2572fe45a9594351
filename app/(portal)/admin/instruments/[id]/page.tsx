import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CopyVersionForm } from "@/components/admin/instruments/copy-version-form";
import { InstrumentView } from "@/components/admin/instruments/instrument-view";
import { buttonClass } from "@/components/ui/button";
import { suggestNextVersionLabel } from "@/lib/domain/cycle";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { getInstrumentVersion } from "@/lib/server/instrument/versions";

export async function generateMetadata() {
  return { title: (await getTranslations("instrumentAdmin"))("title") };
}

export default async function InstrumentVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("instruments.manage");
  const version = await getInstrumentVersion(actor, (await params).id);
  if (!version) notFound();
  const t = await getTranslations("instrumentAdmin");
  const { definition } = version;
  return (
    <section aria-labelledby="page-title">
      <p className="text-sm">
        <Link href="/admin/instruments" className="text-brand-700 underline-offset-2 hover:underline">
          {t("back")}
        </Link>
      </p>
      <h1 id="page-title" className="mt-1 text-2xl font-semibold">
        {definition.name}
      </h1>
      <p className="mt-1 text-slate-600">{`${definition.code} ${definition.version}`}</p>
      <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="order-2 lg:order-1">
          <InstrumentView definition={definition} />
        </div>
        <aside className="order-1 space-y-4 lg:order-2">
          <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="version-state">
            {version.readOnly ? (
              <p>{t("readOnlyBecause", { cycles: version.cycles.map((c) => c.name).join(", ") || t("noCycles") })}</p>
            ) : (
              <>
                <p>{version.cycles.length === 0 ? t("editableUnused") : t("editableBecause", { cycles: version.cycles.map((c) => c.name).join(", ") })}</p>
                <Link href={`/admin/instruments/${version.id}/edit`} className={buttonClass({ size: "lg", className: "mt-3 inline-block" })}>
                  {t("edit")}
                </Link>
              </>
            )}
          </div>
          <CopyVersionForm
            sourceId={version.id}
            suggestedVersion={suggestNextVersionLabel(version.labels, new Date().getFullYear() + 1)}
            name={definition.name}
          />
        </aside>
      </div>
    </section>
  );
}
