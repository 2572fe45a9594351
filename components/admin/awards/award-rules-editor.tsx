"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { resetAwardRulesAction, saveAwardRulesAction } from "@/lib/server/results/award-actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/input";
import { GRADE_BANDS } from "@/lib/domain/grades";
import type { AwardRule } from "@/lib/domain/results/awards";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";

const KINDS = ["GRADE", "TOP_N", "PROVINCE_BEST", "ALL_LOCI_GRADE"] as const;

/** A new rule of a kind, with the published defaults (docs/domain.md §6). */
function ruleOfKind(kind: AwardRule["kind"], base: Pick<AwardRule, "id" | "name">): AwardRule {
  switch (kind) {
    case "GRADE":
      return { ...base, kind, subject: "INSTITUTION", grade: "A" };
    case "TOP_N":
      return { ...base, kind, group: "KABUPATEN", n: 10 };
    case "PROVINCE_BEST":
      return { ...base, kind };
    case "ALL_LOCI_GRADE":
      return { ...base, kind, grade: "A" };
  }
}

/**
 * The award rules as a form: one row per rule with its kind's parameters. Saving sends the whole
 * list with the version it was based on; the server validates it again and refuses a stale form.
 * `ownerInstitutionId`: whose rules (issue 16), an institution's own or (null) the national ones;
 * the server allows only the actor's own.
 */
export function AwardRulesEditor({
  rules: initial,
  updatedAt,
  ownerInstitutionId,
}: {
  rules: AwardRule[];
  updatedAt: string | null;
  ownerInstitutionId: string | null;
}) {
  const t = useTranslations("awardsAdmin");
  const tt = useTranslations();
  const [rules, setRules] = useState<AwardRule[]>(initial);
  const [version, setVersion] = useState(updatedAt);
  const save = useAction(saveAwardRulesAction, { onSuccess: ({ data }) => data && setVersion(data.updatedAt) });
  const reset = useAction(resetAwardRulesAction, { onSuccess: () => window.location.reload() });
  const update = (index: number, next: AwardRule) => setRules((list) => list.map((r, i) => (i === index ? next : r)));
  const busy = save.isPending || reset.isPending;
  // An institution's own rules go back to the national rules, the national ones to the shipped file.
  const resetLabel = ownerInstitutionId ? t("resetToNational") : t("reset");

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.execute({ rules, expectedUpdatedAt: version, ownerInstitutionId });
      }}
    >
      <ol className="space-y-3">
        {rules.map((rule, index) => {
          const label = (field: string) => t("fieldOf", { field, number: index + 1 });
          return (
            <li key={rule.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="award-rule">
              <fieldset className="grid gap-3 md:grid-cols-6">
                <legend className="sr-only">{t("ruleNumber", { number: index + 1 })}</legend>
                <label className="text-sm md:col-span-2">
                  <span className="block text-slate-600">{t("nameId")}</span>
                  <Input
                    compact
                    className="w-full text-sm"
                    aria-label={label(t("nameId"))}
                    value={rule.name.id}
                    required
                    maxLength={120}
                    onChange={(e) => update(index, { ...rule, name: { ...rule.name, id: e.target.value } })}
                  />
                </label>
                <label className="text-sm md:col-span-2">
                  <span className="block text-slate-600">{t("nameEn")}</span>
                  <Input
                    compact
                    className="w-full text-sm"
                    aria-label={label(t("nameEn"))}
                    value={rule.name.en}
                    required
                    maxLength={120}
                    onChange={(e) => update(index, { ...rule, name: { ...rule.name, en: e.target.value } })}
                  />
                </label>
                <label className="text-sm md:col-span-2">
                  <span className="block text-slate-600">{t("kind")}</span>
                  <Select
                    compact
                    className="w-full text-sm"
                    aria-label={label(t("kind"))}
                    value={rule.kind}
                    onChange={(e) => update(index, ruleOfKind(e.target.value as AwardRule["kind"], { id: rule.id, name: rule.name }))}
                  >
                    {KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`kinds.${kind}`)}
                      </option>
                    ))}
                  </Select>
                </label>
                {rule.kind === "GRADE" ? (
                  <label className="text-sm md:col-span-2">
                    <span className="block text-slate-600">{t("subject")}</span>
                    <Select
                      compact
                      className="w-full text-sm"
                      aria-label={label(t("subject"))}
                      value={rule.subject}
                      onChange={(e) => update(index, { ...rule, subject: e.target.value as "INSTITUTION" | "LOCUS" })}
                    >
                      <option value="INSTITUTION">{t("subjects.INSTITUTION")}</option>
                      <option value="LOCUS">{t("subjects.LOCUS")}</option>
                    </Select>
                  </label>
                ) : null}
                {rule.kind === "GRADE" || rule.kind === "ALL_LOCI_GRADE" ? (
                  <label className="text-sm md:col-span-2">
                    <span className="block text-slate-600">{t("grade")}</span>
                    <Select
                      compact
                      className="w-full text-sm"
                      aria-label={label(t("grade"))}
                      value={rule.grade}
                      onChange={(e) => update(index, { ...rule, grade: e.target.value as typeof rule.grade })}
                    >
                      {GRADE_BANDS.map((b) => (
                        <option key={b.grade} value={b.grade}>
                          {b.grade} · {b.label}
                        </option>
                      ))}
                    </Select>
                  </label>
                ) : null}
                {rule.kind === "TOP_N" ? (
                  <>
                    <label className="text-sm md:col-span-2">
                      <span className="block text-slate-600">{t("group")}</span>
                      <Select
                        compact
                        className="w-full text-sm"
                        aria-label={label(t("group"))}
                        value={rule.group}
                        onChange={(e) => update(index, { ...rule, group: e.target.value as typeof rule.group })}
                      >
                        {INSTITUTION_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {tt(`institutionType.${type}`)}
                          </option>
                        ))}
                      </Select>
                    </label>
                    <label className="text-sm">
                      <span className="block text-slate-600">{t("n")}</span>
                      <Input
                        type="number"
                        min={1}
                        max={1000}
                        required
                        compact
                        className="w-24 text-sm"
                        aria-label={label(t("n"))}
                        value={rule.n}
                        onChange={(e) => update(index, { ...rule, n: Number(e.target.value) })}
                      />
                    </label>
                  </>
                ) : null}
                <div className="flex items-end md:col-start-6">
                  <button type="button" className="text-sm text-red-700 underline" onClick={() => setRules((list) => list.filter((_, i) => i !== index))}>
                    {t("remove", { number: index + 1 })}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          onClick={() => setRules((list) => [...list, ruleOfKind("TOP_N", { id: `rule-${Date.now().toString(36)}`, name: { id: "", en: "" } })])}
        >
          {t("add")}
        </button>
        <button type="submit" disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {save.isPending ? t("saving") : t("save")}
        </button>
        {version ? (
          <ConfirmDialog
            trigger={
              <button type="button" disabled={busy} className="text-sm text-brand-700 underline">
                {resetLabel}
              </button>
            }
            title={resetLabel}
            description={ownerInstitutionId ? t("resetToNationalConfirm") : t("resetConfirm")}
            confirmLabel={resetLabel}
            onConfirm={() => reset.execute({ expectedUpdatedAt: version, ownerInstitutionId })}
          />
        ) : null}
        <span role="status" aria-live="polite" className="text-sm text-emerald-800">
          {save.hasSucceeded && !save.isPending ? t("saved") : ""}
        </span>
      </div>
      <ActionErrorMessage error={save.result.serverError ?? reset.result.serverError} />
      {save.result.validationErrors ? (
        <p role="alert" className="text-sm text-red-800">
          {tt("validation.invalid")}
        </p>
      ) : null}
    </form>
  );
}
