"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { assignInstitutionsAction, unassignAction } from "@/lib/server/users/assignment-actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import type { TAssignInstitutions } from "@/lib/schemas/assignments";
import { Button } from "@/components/ui/button";

interface Props {
  cycleId: string;
  institution: { id: string; name: string };
  current: { id: string; name: string }[];
  verifiers: { id: string; name: string }[];
  readOnly: boolean;
}

/**
 * The verifier cells of one institution's row: its verifiers (each removable), and a choice of
 * verifier to add alongside them or to move the institution to.
 */
export function InstitutionAssignment({ cycleId, institution, current, verifiers, readOnly }: Props) {
  const t = useTranslations("assignmentAdmin");
  const select = useRef<HTMLSelectElement>(null);
  const [chosen, setChosen] = useState("");
  // A verifier chosen before the page became interactive (a slow laptop) is in the select itself:
  // read once hydrated, so the buttons do not stay disabled until it is chosen again.
  useEffect(() => setChosen(select.current?.value ?? ""), []);
  const assign = useAction(assignInstitutionsAction);
  const remove = useAction(unassignAction);
  const pending = assign.isPending || remove.isPending;
  const run = (mode: TAssignInstitutions["mode"]) => chosen && assign.execute({ cycleId, verifierId: chosen, institutionIds: [institution.id], mode });

  return (
    <>
      <td className="px-4 py-2" data-testid="institution-verifiers">
        {current.length === 0 ? (
          <span className="text-slate-500">{t("noVerifier")}</span>
        ) : (
          <ul className="space-y-1">
            {current.map((v) => (
              <li key={v.id} className="flex items-center gap-2">
                <span>{v.name}</span>
                {readOnly ? null : (
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => remove.execute({ cycleId, verifierId: v.id, institutionId: institution.id })}
                    aria-label={t("remove", { name: v.name, institution: institution.name })}
                    className="rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-100 disabled:opacity-60"
                  >
                    {t("removeShort")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="px-4 py-2">
        {readOnly ? null : (
          <div className="flex flex-wrap items-center gap-2">
            <select
              ref={select}
              defaultValue=""
              onChange={(e) => setChosen(e.target.value)}
              aria-label={t("verifierFor", { name: institution.name })}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">{t("chooseVerifier")}</option>
              {verifiers.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
            <Button variant="secondary" size="xs" disabled={pending || !chosen} onClick={() => run("add")}>
              {t("add")}
            </Button>
            {current.length > 0 ? (
              <Button variant="secondary" size="xs" disabled={pending || !chosen} onClick={() => run("replace")}>
                {t("move")}
              </Button>
            ) : null}
          </div>
        )}
        <ActionErrorMessage error={assign.result.serverError ?? remove.result.serverError} />
      </td>
    </>
  );
}
