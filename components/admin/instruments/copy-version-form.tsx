"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { copyInstrumentVersionAction } from "@/lib/server/instrument/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A new version of this instrument, copied whole under a new label, then opened in the editor. */
export function CopyVersionForm({ sourceId, suggestedVersion, name }: { sourceId: string; suggestedVersion: string; name: string }) {
  const t = useTranslations("instrumentAdmin.copy");
  const router = useRouter();
  const { execute, result, isPending } = useAction(copyInstrumentVersionAction, { onSuccess: ({ data }) => router.push(`/admin/instruments/${data.id}/edit`) });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      aria-labelledby="copy-title"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      noValidate
      action={(formData) => execute({ sourceId, version: String(formData.get("version") ?? ""), name: String(formData.get("name") ?? "") })}
    >
      <h2 id="copy-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <ActionErrorMessage error={result.serverError} />
      <Field id="copy-version" label={t("version")} errors={errors.version}>
        <Input name="version" defaultValue={suggestedVersion} required />
      </Field>
      <Field id="copy-name" label={t("name")}>
        <Input name="name" defaultValue={name} />
      </Field>
      <Button type="submit" disabled={isPending} aria-busy={isPending}>
        {t("submit")}
      </Button>
    </form>
  );
}
