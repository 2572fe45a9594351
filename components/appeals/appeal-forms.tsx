"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { MAX_LEVEL, MIN_LEVEL } from "@/lib/domain/instrument/types";
import { assignAppealReviewerAction, decideAppealAction } from "@/lib/server/appeals/actions";

const LEVELS = Array.from({ length: MAX_LEVEL - MIN_LEVEL + 1 }, (_, i) => MIN_LEVEL + i);

/** The unit's evaluator files an appeal of one verified level, with an argument and an optional evidence file (multipart). */
export function FileAppealForm({ assessmentId, indicators }: { assessmentId: string; indicators: { code: string; name: string; level: number | null }[] }) {
  const t = useTranslations("appeals");
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) form.delete("file");
    const body = form.has("file") ? form : JSON.stringify({ indicatorCode: form.get("indicatorCode"), argument: form.get("argument") });
    const headers = form.has("file") ? undefined : { "content-type": "application/json" };
    const response = await fetch(`/api/assessments/${assessmentId}/appeals`, { method: "POST", body, headers });
    if (response.ok) {
      window.location.reload();
      return;
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: string; values?: Record<string, string | number> };
    setError({ key: answer.error ?? "errors.unexpected", values: answer.values });
    setPending(false);
  }
  return (
    <form onSubmit={submit} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="file-appeal-form">
      <Field id="appeal-indicator" label={t("indicator")}>
        <Select name="indicatorCode" required>
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} · {i.name} ({t("levelBefore")}: {i.level ?? "-"})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="appeal-argument" label={t("argument")}>
        <Textarea name="argument" required maxLength={5000} rows={3} />
      </Field>
      <Field id="appeal-file" label={t("evidence")}>
        <Input name="file" type="file" />
      </Field>
      <ActionErrorMessage error={error} />
      <Button type="submit" disabled={pending}>
        {t("file")}
      </Button>
    </form>
  );
}

/** The admin chooses an appeal's reviewer; the scorer only with the explicit checkbox. */
export function AssignReviewerForm({
  appealId,
  verifiers,
  suggested,
  scorerId,
  current,
}: {
  appealId: string;
  verifiers: { id: string; name: string; email: string }[];
  suggested: string | null;
  scorerId: string | null;
  current: string | null;
}) {
  const t = useTranslations("appeals");
  const { execute, result, isPending, hasSucceeded } = useAction(assignAppealReviewerAction, { onSuccess: () => window.location.reload() });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      data-testid={`assign-${appealId}`}
      onSubmit={(event) => {
        event.preventDefault();
        execute(new FormData(event.currentTarget));
      }}
    >
      <input type="hidden" name="appealId" value={appealId} />
      <Field id={`reviewer-${appealId}`} label={t("reviewer")}>
        <Select name="reviewerId" defaultValue={current ?? suggested ?? undefined} inline>
          {verifiers.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({v.email}) {v.id === suggested ? t("suggested") : ""} {v.id === scorerId ? t("scorer") : ""}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allowScorer" value="true" />
        {t("allowScorer")}
      </label>
      <Button type="submit" disabled={isPending}>
        {t("assign")}
      </Button>
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? <p role="status">{t("assigned")}</p> : null}
    </form>
  );
}

/** The assigned reviewer accepts with a new level and a note, or rejects with a reason. */
export function DecideAppealForm({ appealId, level }: { appealId: string; level: number | null }) {
  const t = useTranslations("appeals");
  const { execute, result, isPending } = useAction(decideAppealAction, { onSuccess: () => window.location.reload() });
  const [decision, setDecision] = useState<"ACCEPT" | "REJECT">("ACCEPT");
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      className="space-y-3"
      data-testid={`decide-${appealId}`}
      onSubmit={(event) => {
        event.preventDefault();
        execute(new FormData(event.currentTarget));
      }}
    >
      <input type="hidden" name="appealId" value={appealId} />
      <Field id={`decision-${appealId}`} label={t("decision")}>
        <Select name="decision" value={decision} onChange={(e) => setDecision(e.target.value as "ACCEPT" | "REJECT")} inline>
          <option value="ACCEPT">{t("accept")}</option>
          <option value="REJECT">{t("reject")}</option>
        </Select>
      </Field>
      {decision === "ACCEPT" ? (
        <Field id={`level-${appealId}`} label={t("newLevel")}>
          <Select name="level" defaultValue={level === null ? undefined : String(level)} inline>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field id={`note-${appealId}`} label={decision === "ACCEPT" ? t("note") : t("reason")} errors={errors.note}>
        <Textarea name="note" required maxLength={5000} rows={2} />
      </Field>
      <ActionErrorMessage error={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {decision === "ACCEPT" ? t("accept") : t("reject")}
      </Button>
    </form>
  );
}
