"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { copyInstrumentVersionAction } from "@/lib/server/instrument/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";

/** A new version of this instrument, copied whole under a new label, then opened in the editor. */
export function CopyVersionForm({ sourceId, suggestedVersion, name }: { sourceId: string; suggestedVersion: string; name: string }) {
  const t = useTranslations("instrumentAdmin.copy");
  const router = useRouter();
  const { execute, result, isPending } = useAction(copyInstrumentVersionAction, { onSuccess: ({ data }) => router.push(`/admin/instruments/${data.id}/edit`) });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form aria-labelledby="copy-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" noValidate
      action={(formData) => execute({ sourceId, version: String(formData.get("version") ?? ""), name: String(formData.get("name") ?? "") })}>
      <h2 id="copy-title" className="font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <ActionErrorMessage error={result.serverError} />
      <div>
        <label htmlFor="copy-version" className="block text-sm font-medium">{t("version")}</label>
        <input id="copy-version" name="version" defaultValue={suggestedVersion} required aria-describedby="copy-version-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="copy-version-error" messages={errors.version} />
      </div>
      <div>
        <label htmlFor="copy-name" className="block text-sm font-medium">{t("name")}</label>
        <input id="copy-name" name="name" defaultValue={name} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" disabled={isPending} aria-busy={isPending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">{t("submit")}</button>
    </form>
  );
}
