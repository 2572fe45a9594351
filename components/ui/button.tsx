import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary";
/** lg: the surrounding text size (a form's main submit); md, sm, xs: small text, less padding each step. */
export type ButtonSize = "lg" | "md" | "sm" | "xs";

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Further classes (layout: width, margins; never a second colour or padding). */
  className?: string;
}

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "rounded-md bg-brand-700 font-medium text-white hover:bg-brand-900 disabled:opacity-60",
  secondary: "rounded-md border border-slate-300 bg-white hover:bg-slate-100 disabled:opacity-60",
};

const SIZES: Record<ButtonSize, string> = {
  lg: "px-4 py-2",
  md: "px-4 py-2 text-sm",
  sm: "px-3 py-1.5 text-sm",
  xs: "px-2 py-1 text-sm",
};

/** The classes of a button, also for a link that looks like one (`<Link className={buttonClass(…)}>`). */
export function buttonClass({ variant = "primary", size = "md", className }: ButtonStyle = {}) {
  return [VARIANTS[variant], SIZES[size], className].filter(Boolean).join(" ");
}

export type ButtonProps = ButtonStyle & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className"> & { ref?: React.Ref<HTMLButtonElement> };

/** A native button in one of the portal's styles; `type` defaults to "button" (pass "submit" for a form's). */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
