import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ROLES } from "@/lib/domain/roles";
import { ZUserSearch } from "@/lib/schemas/users";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { searchUsers } from "@/lib/server/users/users";
import { MOMENT } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("users.manage");
  const filter = ZUserSearch.parse(await searchParams);
  const [t, format, result] = await Promise.all([getTranslations(), getFormatter(), searchUsers(actor, filter)]);
  return (
    <section aria-labelledby="page-title">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("users.title")}
        </h1>
        <Link href="/admin/users/new" className={buttonClass()}>
          {t("users.add")}
        </Link>
      </div>
      <form role="search" className="mt-4 flex flex-wrap items-end gap-3" method="get">
        <Field id="q" label={t("users.search")}>
          <Input name="q" defaultValue={filter.q} inline />
        </Field>
        <Field id="role" label={t("users.role")}>
          <Select name="role" defaultValue={filter.role ?? ""} inline>
            <option value="">{t("users.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          {t("users.searchButton")}
        </Button>
      </form>
      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("users.count", { count: result.total })}
      </p>
      {result.users.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("users.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3">
          <DataTable
            caption={t("users.title")}
            headers={[t("users.name"), t("users.email"), t("users.role"), t("common.institution"), t("common.status"), t("users.lastSignIn")]}
          >
            {result.users.map((user) => (
              <tr key={user.id} data-testid="user-row">
                <td className="px-4 py-2">
                  <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {user.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{user.email}</td>
                <td className="px-4 py-2">{t(`roles.${user.role}`)}</td>
                <td className="px-4 py-2">{user.institution?.name ?? t("common.none")}</td>
                <td className="px-4 py-2">{user.isActive ? t("users.statusActive") : t("users.statusInactive")}</td>
                <td className="px-4 py-2">{user.lastSignInAt ? format.dateTime(user.lastSignInAt, MOMENT) : t("common.none")}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={{ q: filter.q, role: filter.role }} />
    </section>
  );
}
