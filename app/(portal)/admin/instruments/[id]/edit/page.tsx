import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InstrumentEditor } from "@/components/admin/instruments/instrument-editor";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { getInstrumentVersion } from "@/lib/server/instrument/versions";

export async function generateMetadata() {
  return { title: (await getTranslations("instrumentAdmin"))("edit") };
}

export default async function EditInstrumentVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("instruments.manage");
  const version = await getInstrumentVersion(actor, (await params).id);
  if (!version) notFound();
  const t = await getTranslations("instrumentAdmin");
  return (
    <section aria-labelledby="page-title">
      <p className="text-sm">
        <Link href={`/admin/instruments/${version.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          {t("backToVersion")}
        </Link>
      </p>
      <h1 id="page-title" className="mt-1 text-2xl font-semibold">
        {t("editTitle", { code: version.definition.code, version: version.definition.version })}
      </h1>
      <div className="mt-4">
        {version.readOnly ? (
          <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {t("readOnlyBecause", { cycles: version.cycles.map((c) => c.name).join(", ") || t("noCycles") })}
          </p>
        ) : (
          <InstrumentEditor versionId={version.id} updatedAt={version.updatedAt} definition={version.definition} />
        )}
      </div>
    </section>
  );
}
