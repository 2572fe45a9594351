import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TemporaryPasswordButton } from "@/components/admin/temporary-password-button";
import { UserForm } from "@/components/admin/user-form";
import { VerifierAssignmentsForm } from "@/components/admin/verifier-assignments-form";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { assignableRoles, findUser, listInstitutionOptions, listVerifierAssignments } from "@/lib/server/users/users";

export default async function EditUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePolicy("users.manage");
  const { id } = await params;
  const user = /^[0-9a-f-]{36}$/i.test(id) ? await findUser(actor, id) : null;
  if (!user) notFound();
  const [t, institutions, { cycles, cycle }] = await Promise.all([
    getTranslations("users"),
    listInstitutionOptions(actor),
    pickCycleForActor(actor, (await searchParams).cycle),
  ]);
  const assigned = user.role === "VERIFIER" && cycle ? await listVerifierAssignments(actor, user.id, cycle.id) : [];
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">
          {user.name}
        </h1>
        <p className="text-slate-600">{user.email}</p>
      </div>
      <UserForm
        institutions={institutions}
        roles={assignableRoles(actor)}
        initial={{
          userId: user.id,
          expectedUpdatedAt: user.updatedAt.toISOString(),
          email: user.email,
          name: user.name,
          role: user.role,
          institutionId: user.institutionId,
          isActive: user.isActive,
        }}
      />
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("temporaryPasswordHeading")}</h2>
        <p className="text-sm text-slate-600">{t("temporaryPasswordExplain")}</p>
        <TemporaryPasswordButton userId={user.id} />
      </div>
      {user.role === "VERIFIER" && cycle ? (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("assignments")}</h2>
          <CycleSwitcher cycles={cycles} current={cycle} />
          <VerifierAssignmentsForm
            userId={user.id}
            cycle={{ id: cycle.id, name: cycle.name }}
            institutions={institutions}
            assigned={assigned.map((a) => a.institution.id)}
          />
        </div>
      ) : null}
    </section>
  );
}
