"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { MAX_LEVEL, MIN_LEVEL } from "@/lib/domain/instrument/types";
import { publishCorrectionAction, saveCorrectionLevelAction } from "@/lib/server/correction/actions";

const LEVELS = Array.from({ length: MAX_LEVEL - MIN_LEVEL + 1 }, (_, i) => MIN_LEVEL + i);

/** Opens a correction: reason, decree reference and decree document, sent as multipart. */
export function OpenCorrectionForm({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("correction");
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const response = await fetch(`/api/assessments/${assessmentId}/correction`, { method: "POST", body: new FormData(event.currentTarget) });
    if (response.ok) {
      window.location.reload();
      return;
    }
    const body = (await response.json().catch(() => ({}))) as { error?: string; values?: Record<string, string | number> };
    setError({ key: body.error ?? "errors.unexpected", values: body.values });
    setPending(false);
  }
  return (
    <form onSubmit={submit} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="open-correction-title">
      <h2 id="open-correction-title" className="font-semibold">
        {t("openTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("openIntro")}</p>
      <Field id="correction-reason" label={t("reason")}>
        <Textarea name="reason" required minLength={10} maxLength={2000} rows={3} />
      </Field>
      <Field id="correction-decree" label={t("decreeReference")}>
        <Input name="decreeReference" required minLength={3} maxLength={200} />
      </Field>
      <Field id="correction-file" label={t("decreeFile")} hint={t("decreeFileHint")}>
        <Input name="file" type="file" required />
      </Field>
      <ActionErrorMessage error={error} />
      <Button type="submit" disabled={pending}>
        {t("open")}
      </Button>
    </form>
  );
}

/** One indicator's verified level and note, changed while the correction is open. */
export function CorrectionLevelForm({
  assessmentId,
  code,
  name,
  level,
  note,
}: {
  assessmentId: string;
  code: string;
  name: string;
  level: number | null;
  note: string;
}) {
  const t = useTranslations("correction");
  const { execute, result, isPending, hasSucceeded } = useAction(saveCorrectionLevelAction);
  return (
    <form
      className="flex flex-wrap items-end gap-3 border-b border-slate-100 py-3"
      data-testid={`correction-row-${code}`}
      onSubmit={(event) => {
        event.preventDefault();
        execute(new FormData(event.currentTarget));
      }}
    >
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="indicatorCode" value={code} />
      <p className="min-w-48 flex-1 text-sm">
        <span className="font-medium">{code}</span> {name}
      </p>
      <Field id={`level-${code}`} label={t("level", { code })} labelClassName="sr-only">
        <Select name="level" defaultValue={level ?? ""} required compact>
          <option value="" disabled>
            —
          </option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`note-${code}`} label={t("note", { code })} labelClassName="sr-only">
        <Input name="note" defaultValue={note} compact placeholder={t("notePlaceholder")} />
      </Field>
      <Button type="submit" size="sm" variant="secondary" disabled={isPending}>
        {t("saveLevel")}
      </Button>
      {hasSucceeded ? (
        <span role="status" className="text-sm text-emerald-800">
          {t("saved")}
        </span>
      ) : null}
      <ActionErrorMessage error={result.serverError} />
    </form>
  );
}

/** Publishes the open correction: a new result version of the cycle. */
export function PublishCorrectionButton({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("correction");
  const { execute, result, isPending } = useAction(publishCorrectionAction, { onSuccess: () => window.location.reload() });
  return (
    <div className="space-y-2">
      <ActionErrorMessage error={result.serverError} />
      <Button onClick={() => execute({ assessmentId })} disabled={isPending}>
        {t("publish")}
      </Button>
    </div>
  );
}
