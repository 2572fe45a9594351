"use client";

import { useTranslations } from "next-intl";
import { AlertDialog, Dialog as RadixDialog } from "radix-ui";
import type { ReactElement, ReactNode } from "react";
import { buttonClass } from "./button";

const OVERLAY = "fixed inset-0 z-40 bg-slate-900/40";
const CONTENT =
  "fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-lg focus:outline-none";
const TITLE = "text-base font-semibold";
const DESCRIPTION = "text-slate-700";
const DANGER = "rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60";

interface Common {
  /** The control that opens the dialog (a Button); focus returns to it when the dialog closes. */
  trigger?: ReactElement;
  /** Controlled state, when the caller opens or closes the dialog itself. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The dialog's accessible name (a heading). */
  title: ReactNode;
  /** Its accessible description (a paragraph). */
  description: ReactNode;
}

/**
 * A modal dialog (Radix Dialog): named by its title, described by its description, focus kept
 * inside while open, closed by Esc, a click outside or a close control in `children`.
 */
export function Dialog({ trigger, open, onOpenChange, title, description, children }: Common & { children?: ReactNode }) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={OVERLAY} />
        <RadixDialog.Content className={CONTENT}>
          <RadixDialog.Title className={TITLE}>{title}</RadixDialog.Title>
          <RadixDialog.Description className={DESCRIPTION}>{description}</RadixDialog.Description>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export interface ConfirmDialogProps extends Common {
  /** The confirming button's text (usually the action's own name). */
  confirmLabel: ReactNode;
  /** Defaults to "Batal"/"Cancel". */
  cancelLabel?: ReactNode;
  onConfirm: () => void;
  /** "danger" for what cannot be undone by the same person (close, remove). */
  tone?: "primary" | "danger";
  /**
   * Whether confirming closes the dialog (default). With false the caller closes it (controlled
   * `open`), e.g. once its action succeeded, so an error can be shown in `children`.
   */
  closeOnConfirm?: boolean;
  /** While the confirmed action runs: the confirm button is disabled. */
  pending?: boolean;
  /** Shown under the description, e.g. the action's error. */
  children?: ReactNode;
}

/**
 * "Are you sure?" before a consequential action (Radix AlertDialog, role alertdialog): focus
 * starts on Cancel, Esc cancels, a click outside does not.
 */
export function ConfirmDialog({
  trigger,
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  tone = "primary",
  closeOnConfirm = true,
  pending = false,
  children,
}: ConfirmDialogProps) {
  const t = useTranslations("common");
  const confirmClass = tone === "danger" ? DANGER : buttonClass({ variant: "primary", size: "md" });
  const confirm = (
    <button type="button" className={confirmClass} disabled={pending} aria-busy={pending || undefined} onClick={onConfirm}>
      {confirmLabel}
    </button>
  );
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={OVERLAY} />
        <AlertDialog.Content className={CONTENT}>
          <AlertDialog.Title className={TITLE}>{title}</AlertDialog.Title>
          <AlertDialog.Description className={DESCRIPTION}>{description}</AlertDialog.Description>
          {children}
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <AlertDialog.Cancel className={buttonClass({ variant: "secondary", size: "md" })}>{cancelLabel ?? t("cancel")}</AlertDialog.Cancel>
            {closeOnConfirm ? <AlertDialog.Action asChild>{confirm}</AlertDialog.Action> : confirm}
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
