import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";

interface Props {
  filter: { q?: string; type?: string; province?: string };
  provinces: { code: string; name: string }[];
  labels: { search: string; submit: string };
  /** Extra fields kept in the URL (the assignments page's cycle) and extra controls. */
  hidden?: Record<string, string | undefined>;
  children?: React.ReactNode;
}

/** A GET search form by name, type and province, shared by the registry and the assignments pages. */
export async function RegistryFilters({ filter, provinces, labels, hidden = {}, children }: Props) {
  const t = await getTranslations();
  return (
    <form role="search" className="mt-4 flex flex-wrap items-end gap-3" method="get">
      {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <Field id="filter-q" label={labels.search}>
        <Input name="q" defaultValue={filter.q} inline />
      </Field>
      <Field id="filter-type" label={t("registry.type")}>
        <Select name="type" defaultValue={filter.type ?? ""} inline>
          <option value="">{t("registry.allTypes")}</option>
          {INSTITUTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`institutionType.${type}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-province" label={t("registry.province")}>
        <Select name="province" defaultValue={filter.province ?? ""} inline>
          <option value="">{t("registry.allProvinces")}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      {children}
      <Button type="submit" variant="secondary">
        {labels.submit}
      </Button>
    </form>
  );
}
