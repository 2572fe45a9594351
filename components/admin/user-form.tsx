"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createUserAction, updateUserAction } from "@/lib/server/users/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import { onFormSubmit } from "@/components/form-submit";
import type { TCreateUser } from "@/lib/schemas/users";
import { TemporaryPasswordNotice } from "./temporary-password-notice";

// Not imported from lib/schemas/users: that module pulls node:crypto (lib/auth/passwords) into the
// browser bundle. The type ties the list to the schema's roles.
const ROLES = ["ADMIN", "EVALUATOR", "VERIFIER", "HEAD"] as const satisfies readonly TCreateUser["role"][];
type Role = (typeof ROLES)[number];

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
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm";

/** Creates a user (and shows its temporary password once) or edits one. */
export function UserForm({ initial, institutions }: Props) {
  const t = useTranslations();
  const editing = Boolean(initial?.userId);
  const [role, setRole] = useState<Role>(initial?.role ?? "EVALUATOR");
  const [version, setVersion] = useState(initial?.expectedUpdatedAt);
  const create = useAction(createUserAction);
  const update = useAction(updateUserAction, { onSuccess: ({ data }) => setVersion(data.updatedAt) });
  const current = editing ? update : create;
  const fieldErrors = (current.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const needsInstitution = role === "EVALUATOR" || role === "HEAD";

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
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("users.saved")}</p>
      ) : null}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">{t("users.email")}</label>
        <input id="email" name="email" type="email" required defaultValue={initial?.email} readOnly={editing}
          aria-describedby="email-error" className={`${inputClass} ${editing ? "bg-slate-100" : ""}`} />
        <FieldError id="email-error" messages={fieldErrors.email} />
      </div>
      <div>
        <label htmlFor="name" className="block text-sm font-medium">{t("users.name")}</label>
        <input id="name" name="name" required defaultValue={initial?.name} aria-describedby="name-error" className={inputClass} />
        <FieldError id="name-error" messages={fieldErrors.name} />
      </div>
      <div>
        <label htmlFor="role" className="block text-sm font-medium">{t("users.role")}</label>
        <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
      </div>
      {needsInstitution ? (
        <div>
          <label htmlFor="institutionId" className="block text-sm font-medium">{t("common.institution")}</label>
          <select id="institutionId" name="institutionId" defaultValue={initial?.institutionId ?? ""} aria-describedby="institution-error" className={inputClass}>
            <option value="">{t("users.chooseInstitution")}</option>
            {institutions.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
          <FieldError id="institution-error" messages={fieldErrors.institutionId} />
        </div>
      ) : null}
      {editing ? (
        <div className="flex items-center gap-2">
          <input id="isActive" name="isActive" type="checkbox" defaultChecked={initial?.isActive} className="h-4 w-4" />
          <label htmlFor="isActive" className="text-sm font-medium">{t("users.active")}</label>
        </div>
      ) : null}
      <button type="submit" disabled={current.isPending} aria-busy={current.isPending}
        className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {current.isPending ? t("common.saving") : editing ? t("users.save") : t("users.create")}
      </button>
    </form>
  );
}
