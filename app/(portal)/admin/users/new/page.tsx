import { getTranslations } from "next-intl/server";
import { UserForm } from "@/components/admin/user-form";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { assignableRoles, listInstitutionOptions } from "@/lib/server/users/users";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("add") };
}

export default async function NewUserPage() {
  const actor = await requirePolicy("users.manage");
  const [t, institutions] = await Promise.all([getTranslations("users"), listInstitutionOptions(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("add")}
      </h1>
      <p className="text-slate-600">{t("addIntro")}</p>
      <UserForm institutions={institutions} roles={assignableRoles(actor)} />
    </section>
  );
}
