"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { updatePreCheckRulesAction } from "@/lib/server/pre-check/actions";

/** The switches of a cycle's pre-check rules: one checkbox per rule, saved together. */
export function PreCheckRulesForm({ cycleId, rules }: { cycleId: string; rules: readonly { id: string; severity: string; enabled: boolean }[] }) {
  const t = useTranslations("preCheck");
  const { execute, result, isPending, hasSucceeded } = useAction(updatePreCheckRulesAction);
  return (
    <form
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const on = new Set(form.getAll("enabled").map(String));
        execute({ cycleId, disabled: rules.filter((r) => !on.has(r.id)).map((r) => r.id) });
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium">{t("admin.rule")}</legend>
        <ul className="mt-2 space-y-2 text-sm">
          {rules.map((rule) => (
            <li key={rule.id} className="flex items-start gap-2">
              <input id={`rule-${rule.id}`} type="checkbox" name="enabled" value={rule.id} defaultChecked={rule.enabled} className="mt-0.5 h-4 w-4 shrink-0" />
              <label htmlFor={`rule-${rule.id}`} className="min-w-0 break-words">
                {t(`ruleName.${rule.id}`)}{" "}
                <span className="text-xs text-slate-600">
                  ({t("admin.severity")}: {t(`severity.${rule.severity}`)} · <code>{rule.id}</code>)
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <ActionErrorMessage error={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {t("admin.save")}
      </Button>
      {hasSucceeded ? <p role="status">{t("admin.saved")}</p> : null}
    </form>
  );
}
