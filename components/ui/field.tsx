import { cloneElement, type ReactElement, type ReactNode } from "react";
import { FieldError } from "@/components/action-feedback";
import { Label } from "./label";

interface ControlProps {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false";
}

export interface FieldProps {
  /** The control's id: the label points to it; the hint and the error are `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  /** A line of help under the control, read with it by screen readers. */
  hint?: ReactNode;
  /** The field's validation message keys (FieldError translates them); the control is marked invalid while there are any. */
  errors?: string[];
  /** The wrapper's classes. */
  className?: string;
  labelClassName?: string;
  /** The one control (Input, Select, Textarea or a native one): it receives the id, aria-describedby and aria-invalid. */
  children: ReactElement<ControlProps>;
}

/**
 * A label, its control, an optional hint and the validation message, wired for assistive
 * technology: `<label for>`, `aria-describedby` (the control's own, the hint, the error) and
 * `aria-invalid` while there is an error. Works in server and client components.
 */
export function Field({ id, label, hint, errors, className, labelClassName = "block text-sm font-medium", children }: FieldProps) {
  const invalid = Boolean(errors?.length);
  const describedBy = [children.props["aria-describedby"], hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <Label htmlFor={id} className={labelClassName}>
        {label}
      </Label>
      {cloneElement(children, { id, "aria-describedby": describedBy || undefined, "aria-invalid": invalid || undefined })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? <FieldError id={`${id}-error`} messages={errors} /> : null}
    </div>
  );
}
