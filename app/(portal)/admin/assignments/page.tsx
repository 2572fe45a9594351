import { getTranslations } from "next-intl/server";
import { BulkAssignForm } from "@/components/admin/assignments/bulk-assign-form";
import { InstitutionAssignment } from "@/components/admin/assignments/institution-assignment";
import { VerifierLoadTable } from "@/components/admin/assignments/verifier-load-table";
import { RegistryFilters } from "@/components/admin/registry/registry-filters";
import { DataTable } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { ZAssignmentSearch } from "@/lib/schemas/assignments";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listAssignableCycles, listVerifiers, searchAssignments, verifierLoad } from "@/lib/server/users/assignments";
import { listProvinces } from "@/lib/server/registry/institutions";

export async function generateMetadata() {
  return { title: (await getTranslations("assignmentAdmin"))("title") };
}

export default async function AssignmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("assignments.manage");
  const filter = ZAssignmentSearch.parse(await searchParams);
  const [t, cycles] = await Promise.all([getTranslations(), listAssignableCycles(actor)]);
  const cycle = cycles.find((c) => c.id === filter.cycle) ?? cycles.find((c) => c.status === "ACTIVE") ?? cycles[0];
  const heading = (
    <>
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("assignmentAdmin.title")}
      </h1>
      <p className="mt-1 max-w-3xl text-slate-600">{t("assignmentAdmin.intro")}</p>
    </>
  );
  if (!cycle) {
    return (
      <section aria-labelledby="page-title">
        {heading}
        <div className="mt-6">
          <EmptyState>{t("assignmentAdmin.noCycle")}</EmptyState>
        </div>
      </section>
    );
  }
  const [load, verifiers, provinces, list] = await Promise.all([
    verifierLoad(actor, cycle.id),
    listVerifiers(actor, cycle),
    listProvinces(actor),
    searchAssignments(actor, cycle.id, filter),
  ]);
  const readOnly = cycle.status === "FINALISED" || cycle.status === "ARCHIVED";
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div>
        {heading}
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <Field id="cycle" label={t("assignmentAdmin.cycle")}>
            <Select name="cycle" defaultValue={cycle.id} inline>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} · {t(`cycleStatus.${c.status}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary">
            {t("assignmentAdmin.show")}
          </Button>
        </form>
        {readOnly ? (
          <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("assignmentAdmin.closed")}</p>
        ) : null}
      </div>

      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("assignmentAdmin.loadHeading")}</h2>
        <p className="text-sm text-slate-600">{t("assignmentAdmin.loadIntro")}</p>
        <p className="text-sm text-slate-700" data-testid="unassigned-summary">
          {t("assignmentAdmin.unassigned", { unassigned: load.unassigned, total: load.institutions })}
        </p>
        <VerifierLoadTable verifiers={load.verifiers} />
      </div>

      {readOnly || verifiers.length === 0 ? null : (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("assignmentAdmin.bulkHeading")}</h2>
          <p className="max-w-3xl text-sm text-slate-600">{t("assignmentAdmin.bulkIntro")}</p>
          <BulkAssignForm cycleId={cycle.id} verifiers={verifiers} provinces={provinces} />
        </div>
      )}

      <div>
        <h2 className="text-lg font-semibold">{t("assignmentAdmin.listHeading")}</h2>
        <RegistryFilters
          filter={filter}
          provinces={provinces}
          hidden={{ cycle: cycle.id }}
          labels={{ search: t("assignmentAdmin.search"), submit: t("assignmentAdmin.filter") }}
        >
          <div className="flex items-center gap-2 pb-2">
            <input type="checkbox" id="unassigned" name="unassigned" value="1" defaultChecked={filter.unassigned === "1"} className="h-4 w-4" />
            <label htmlFor="unassigned" className="text-sm">
              {t("assignmentAdmin.unassignedOnly")}
            </label>
          </div>
        </RegistryFilters>
        <p className="mt-4 text-sm text-slate-600" aria-live="polite">
          {t("assignmentAdmin.count", { count: list.total })}
        </p>
        {list.rows.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("assignmentAdmin.empty")}</EmptyState>
          </div>
        ) : (
          <div className="mt-3">
            <DataTable
              caption={t("assignmentAdmin.listHeading")}
              headers={[
                t("common.institution"),
                t("registry.type"),
                t("registry.province"),
                t("assignmentAdmin.activeLoci"),
                t("assignmentAdmin.verifier"),
                t("assignmentAdmin.actions"),
              ]}
            >
              {list.rows.map((row) => (
                <tr key={row.id} data-testid="assignment-row">
                  <td className="px-4 py-2">
                    <span className="font-medium">{row.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{row.code}</span>
                  </td>
                  <td className="px-4 py-2">{t(`institutionType.${row.type}`)}</td>
                  <td className="px-4 py-2">{row.province?.name ?? t("common.none")}</td>
                  <td className="px-4 py-2 tabular-nums">{row.activeLoci}</td>
                  <InstitutionAssignment
                    cycleId={cycle.id}
                    institution={{ id: row.id, name: row.name }}
                    current={row.verifiers}
                    verifiers={verifiers}
                    readOnly={readOnly}
                  />
                </tr>
              ))}
            </DataTable>
          </div>
        )}
        <Pagination
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          params={{ cycle: cycle.id, q: filter.q, type: filter.type, province: filter.province, unassigned: filter.unassigned }}
        />
      </div>
    </section>
  );
}
