"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { addMissingLociAction, changeCycleStatusAction, setCyclePublicationAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";

type Kind = "START" | "CLOSE" | "PUBLISH" | "UNPUBLISH" | "ADD_LOCI";

interface Props {
  kind: Kind;
  cycleId: string;
  cycleName: string;
  updatedAt: string;
  /** Why the action cannot succeed now (the server's own rule, decided on the page): the button is disabled and says so. */
  blockedReason?: string | null;
}

const STYLE: Record<Kind, string> = {
  START: "bg-brand-700 text-white hover:bg-brand-900",
  CLOSE: "border border-emerald-700 text-emerald-800 hover:bg-emerald-50",
  PUBLISH: "bg-emerald-700 text-white hover:bg-emerald-900",
  UNPUBLISH: "border border-red-700 text-red-800 hover:bg-red-50",
  ADD_LOCI: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
};

/**
 * One decision on a whole cycle (start, close, publish, withdraw, add new loci), taken after a
 * confirmation that names the cycle and what follows; the outcome is announced, the page refreshed.
 */
export function CycleActionButton({ kind, cycleId, cycleName, updatedAt, blockedReason }: Props) {
  const t = useTranslations("cycleAdmin");
  const reasonId = useId();
  const router = useRouter();
  const options = { onSuccess: () => router.refresh() };
  const status = useAction(changeCycleStatusAction, options);
  const publication = useAction(setCyclePublicationAction, options);
  const loci = useAction(addMissingLociAction, options);
  const current = kind === "START" || kind === "CLOSE" ? status : kind === "ADD_LOCI" ? loci : publication;

  const run = () => {
    if (kind === "START" || kind === "CLOSE") status.execute({ cycleId, expectedUpdatedAt: updatedAt, action: kind });
    else if (kind === "ADD_LOCI") loci.execute({ cycleId });
    else publication.execute({ cycleId, expectedUpdatedAt: updatedAt, publish: kind === "PUBLISH" });
  };

  return (
    <div className="space-y-2">
      <ActionErrorMessage error={current.result.serverError} />
      <ConfirmDialog
        trigger={
          <button
            type="button"
            disabled={current.isPending || Boolean(blockedReason)}
            aria-busy={current.isPending}
            aria-describedby={blockedReason ? reasonId : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${STYLE[kind]}`}
          >
            {t(`button.${kind}`)}
          </button>
        }
        title={t(`button.${kind}`)}
        description={t(`confirm.${kind}`, { cycle: cycleName })}
        confirmLabel={t(`button.${kind}`)}
        tone={kind === "UNPUBLISH" ? "danger" : "primary"}
        onConfirm={run}
      />
      {blockedReason ? (
        <p id={reasonId} className="max-w-xs text-xs text-slate-600" data-testid={`blocked-${kind}`}>
          {blockedReason}
        </p>
      ) : null}
      <p role="status" className="text-sm text-emerald-800">
        {current.hasSucceeded ? (kind === "ADD_LOCI" ? t("done.ADD_LOCI", { count: loci.result.data?.added ?? 0 }) : t(`done.${kind}`)) : null}
      </p>
    </div>
  );
}
