import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

export interface ControlStyle {
  /** As wide as its content instead of a block as wide as its container (filters, dates). */
  inline?: boolean;
  /** Less padding and no space for a label above (toolbars whose label wraps the control). */
  compact?: boolean;
  /** Further classes (text size, shadow, background). */
  className?: string;
}

/**
 * The classes of a text input, a select or a textarea: below a block label (mt-1), full width
 * unless `inline` (then never wider than its container: a long option must not widen a phone page);
 * `compact` for small toolbars.
 */
export function controlClass({ inline = false, compact = false, className }: ControlStyle = {}) {
  const base = compact
    ? "rounded-md border border-slate-300 px-2 py-1.5"
    : `mt-1 ${inline ? "max-w-full " : "block w-full "}rounded-md border border-slate-300 px-3 py-2`;
  return className ? `${base} ${className}` : base;
}

type Native<A> = Omit<A, "className"> & ControlStyle;

/** A native `<input>` in the portal's style (see controlClass). */
export function Input({ inline, compact, className, ...props }: Native<InputHTMLAttributes<HTMLInputElement>> & { ref?: React.Ref<HTMLInputElement> }) {
  return <input className={controlClass({ inline, compact, className })} {...props} />;
}

/** A native `<select>` (works without JavaScript, in GET filter forms too) in the portal's style. */
export function Select({ inline, compact, className, ...props }: Native<SelectHTMLAttributes<HTMLSelectElement>> & { ref?: React.Ref<HTMLSelectElement> }) {
  return <select className={controlClass({ inline, compact, className })} {...props} />;
}

/** A native `<textarea>` in the portal's style. */
export function Textarea({
  inline,
  compact,
  className,
  ...props
}: Native<TextareaHTMLAttributes<HTMLTextAreaElement>> & { ref?: React.Ref<HTMLTextAreaElement> }) {
  return <textarea className={controlClass({ inline, compact, className })} {...props} />;
}
