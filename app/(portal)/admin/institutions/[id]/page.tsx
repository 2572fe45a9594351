import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InstitutionForm } from "@/components/admin/registry/institution-form";
import { LocusForm } from "@/components/admin/registry/locus-form";
import { EmptyState } from "@/components/empty-state";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { findInstitution, listProvinces } from "@/lib/server/registry/institutions";
import { managesInstitutions } from "@/lib/server/registry/scope";

export default async function InstitutionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("registry.manage");
  const { id } = await params;
  const institution = /^[0-9a-f-]{36}$/i.test(id) ? await findInstitution(actor, id) : null;
  if (!institution) notFound();
  const [t, provinces] = await Promise.all([getTranslations(), listProvinces(actor)]);
  const units = institution.loci.map((l) => ({ id: l.id, name: l.name }));
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div className="space-y-1">
        <Link href="/admin/institutions" className="text-sm text-brand-700 underline">
          {t("registry.back")}
        </Link>
        <h1 id="page-title" className="text-2xl font-semibold">
          {institution.name}
        </h1>
        <p className="text-slate-600">
          <span className="font-mono text-sm">{institution.code}</span> · {t(`institutionType.${institution.type}`)}
          {institution.province ? ` · ${institution.province.name}` : null}
          {institution.isSynthetic ? ` · ${t("registry.synthetic")}` : null}
        </p>
      </div>
      {managesInstitutions(actor) ? (
        <InstitutionForm
          provinces={provinces}
          initial={{
            institutionId: institution.id,
            expectedUpdatedAt: institution.updatedAt.toISOString(),
            code: institution.code,
            name: institution.name,
            shortName: institution.shortName,
            type: institution.type,
            provinceCode: institution.province?.code ?? null,
          }}
        />
      ) : null}
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">{t("registry.lociHeading")}</h2>
        <p className="text-sm text-slate-600">{t("registry.lociIntro")}</p>
        {institution.loci.length === 0 ? (
          <EmptyState>{t("registry.lociEmpty")}</EmptyState>
        ) : (
          <ul className="space-y-2">
            {institution.loci.map((locus) => (
              <li key={locus.id} data-testid="locus-item" className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium">{locus.name}</p>
                <p className="text-sm text-slate-600">
                  {t(`serviceType.${locus.serviceType}`)} · {t(`unitKind.${locus.unitKind}`)}
                  {locus.parentId ? ` · ${t("registry.parent")}: ${nameOf.get(locus.parentId) ?? ""}` : null} ·{" "}
                  {locus.isActive ? t("registry.active") : t("registry.inactive")}
                  {locus.address ? ` · ${locus.address}` : null}
                </p>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-700">{t("registry.editLocus", { name: locus.name })}</summary>
                  <div className="mt-3 max-w-xl">
                    <LocusForm
                      units={units}
                      initial={{
                        locusId: locus.id,
                        expectedUpdatedAt: locus.updatedAt.toISOString(),
                        name: locus.name,
                        serviceType: locus.serviceType,
                        address: locus.address,
                        isActive: locus.isActive,
                        unitKind: locus.unitKind,
                        parentId: locus.parentId,
                      }}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        <div className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t("registry.addLocusHeading")}</h3>
          <LocusForm institutionId={institution.id} units={units} />
        </div>
      </div>
    </section>
  );
}
