"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { setVerifierAssignmentsAction } from "@/lib/server/users/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";

interface Props {
  userId: string;
  cycle: { id: string; name: string };
  institutions: { id: string; name: string; type: string }[];
  assigned: string[];
}

/** The institutions a verifier reviews in a cycle: tick them, filter by name, save at once. */
export function VerifierAssignmentsForm({ userId, cycle, institutions, assigned }: Props) {
  const t = useTranslations();
  const [selected, setSelected] = useState(() => new Set(assigned));
  const [filter, setFilter] = useState("");
  const { execute, result, isPending, hasSucceeded } = useAction(setVerifierAssignmentsAction);
  const visible = useMemo(() => institutions.filter((i) => i.name.toLowerCase().includes(filter.trim().toLowerCase())).slice(0, 200), [institutions, filter]);
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form action={() => execute({ userId, cycleId: cycle.id, institutionIds: [...selected] })} className="space-y-3">
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("users.assignmentsSaved")}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">{t("users.assignmentsIntro", { cycle: cycle.name, count: selected.size })}</p>
      <label htmlFor="institution-filter" className="block text-sm font-medium">
        {t("users.filterInstitutions")}
      </label>
      <input
        id="institution-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className="block w-full max-w-md rounded-md border border-slate-300 px-3 py-2"
      />
      <fieldset className="max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-2">
        <legend className="sr-only">{t("users.assignedInstitutions")}</legend>
        {visible.map((institution) => (
          <div key={institution.id} className="flex items-center gap-2 py-0.5">
            <input type="checkbox" id={`inst-${institution.id}`} checked={selected.has(institution.id)} onChange={() => toggle(institution.id)} />
            <label htmlFor={`inst-${institution.id}`} className="text-sm">
              {institution.name}
            </label>
          </div>
        ))}
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? t("common.saving") : t("users.saveAssignments")}
      </Button>
    </form>
  );
}
