"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createUserAction, updateUserAction } from "@/lib/server/users/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { onFormSubmit } from "@/components/form-submit";
import { ROLES, type Role } from "@/lib/domain/roles";
import { roleMayHaveInstitution } from "@/lib/schemas/users";
import { TemporaryPasswordNotice } from "./temporary-password-notice";

export interface UserFormValues {
  userId?: string;
  expectedUpdatedAt?: string;
  email: string;
  name: string;
  role: Role;
  institutionId: string | null;
  isActive: boolean;
}

interface Props {
  initial?: UserFormValues;
  institutions: { id: string; name: string; type: string }[];
  /** The roles the actor may give (issue 16: an institution admin gives its team's roles only). */
  roles?: readonly Role[];
}

/** Creates a user (and shows its temporary password once) or edits one. */
export function UserForm({ initial, institutions, roles = ROLES }: Props) {
  const t = useTranslations();
  const editing = Boolean(initial?.userId);
  const [role, setRole] = useState<Role>(initial?.role ?? "EVALUATOR");
  const [version, setVersion] = useState(initial?.expectedUpdatedAt);
  const create = useAction(createUserAction);
  const update = useAction(updateUserAction, { onSuccess: ({ data }) => setVersion(data.updatedAt) });
  const current = editing ? update : create;
  const fieldErrors = (current.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const needsInstitution = roleMayHaveInstitution(role);

  if (!editing && create.result.data) {
    return <TemporaryPasswordNotice password={create.result.data.temporaryPassword} userId={create.result.data.userId} />;
  }

  const submit = (formData: FormData) => {
    const values = {
      name: String(formData.get("name") ?? ""),
      role: String(formData.get("role") ?? "") as Role,
      institutionId: needsInstitution ? String(formData.get("institutionId") ?? "") : "",
    };
    if (editing) {
      update.execute({ ...values, userId: initial!.userId!, expectedUpdatedAt: version!, isActive: formData.get("isActive") === "on" });
    } else {
      create.execute({ ...values, email: String(formData.get("email") ?? "") });
    }
  };

  return (
    <form onSubmit={onFormSubmit(submit)} className="max-w-xl space-y-4" noValidate>
      <ActionErrorMessage error={current.result.serverError} />
      {editing && update.hasSucceeded ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("users.saved")}
        </p>
      ) : null}
      <Field id="email" label={t("users.email")} errors={fieldErrors.email}>
        <Input
          name="email"
          type="email"
          required
          defaultValue={initial?.email}
          readOnly={editing}
          className={editing ? "shadow-sm bg-slate-100" : "shadow-sm"}
        />
      </Field>
      <Field id="name" label={t("users.name")} errors={fieldErrors.name}>
        <Input name="name" required defaultValue={initial?.name} className="shadow-sm" />
      </Field>
      <Field id="role" label={t("users.role")}>
        <Select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} className="shadow-sm">
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      {needsInstitution ? (
        <Field id="institutionId" label={t("common.institution")} errors={fieldErrors.institutionId}>
          <Select name="institutionId" defaultValue={initial?.institutionId ?? ""} className="shadow-sm">
            <option value="">{role === "VERIFIER" ? t("programmes.switcher.ministry") : t("users.chooseInstitution")}</option>
            {institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {editing ? (
        <div className="flex items-center gap-2">
          <input id="isActive" name="isActive" type="checkbox" defaultChecked={initial?.isActive} className="h-4 w-4" />
          <label htmlFor="isActive" className="text-sm font-medium">
            {t("users.active")}
          </label>
        </div>
      ) : null}
      <Button type="submit" size="lg" disabled={current.isPending} aria-busy={current.isPending}>
        {current.isPending ? t("common.saving") : editing ? t("users.save") : t("users.create")}
      </Button>
    </form>
  );
}
