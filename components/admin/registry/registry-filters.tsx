import { getTranslations } from "next-intl/server";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";

interface Props {
  filter: { q?: string; type?: string; province?: string };
  provinces: { code: string; name: string }[];
  labels: { search: string; submit: string };
  /** Extra fields kept in the URL (the assignments page's cycle) and extra controls. */
  hidden?: Record<string, string | undefined>;
  children?: React.ReactNode;
}

const fieldClass = "mt-1 rounded-md border border-slate-300 px-3 py-2";

/** A GET search form by name, type and province, shared by the registry and the assignments pages. */
export async function RegistryFilters({ filter, provinces, labels, hidden = {}, children }: Props) {
  const t = await getTranslations();
  return (
    <form role="search" className="mt-4 flex flex-wrap items-end gap-3" method="get">
      {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div>
        <label htmlFor="filter-q" className="block text-sm font-medium">{labels.search}</label>
        <input id="filter-q" name="q" defaultValue={filter.q} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="filter-type" className="block text-sm font-medium">{t("registry.type")}</label>
        <select id="filter-type" name="type" defaultValue={filter.type ?? ""} className={fieldClass}>
          <option value="">{t("registry.allTypes")}</option>
          {INSTITUTION_TYPES.map((type) => <option key={type} value={type}>{t(`institutionType.${type}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="filter-province" className="block text-sm font-medium">{t("registry.province")}</label>
        <select id="filter-province" name="province" defaultValue={filter.province ?? ""} className={fieldClass}>
          <option value="">{t("registry.allProvinces")}</option>
          {provinces.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select>
      </div>
      {children}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100">{labels.submit}</button>
    </form>
  );
}
