"use client";

import { useTranslations } from "next-intl";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface ServerErrorShape {
  key: string;
  values?: Record<string, string | number>;
  ref?: string;
}

/** The message of a failed action, in the user's language, announced to screen readers. */
export function ActionErrorMessage({ error }: { error: unknown }) {
  const t = useTranslations();
  if (!error) return null;
  const shape = error as ServerErrorShape;
  // Dates travel as ISO strings; the message formats them in the reader's language.
  const values = Object.fromEntries(Object.entries(shape.values ?? {}).map(([k, v]) => [k, typeof v === "string" && ISO_INSTANT.test(v) ? new Date(v) : v]));
  const text = shape.key && t.has(shape.key) ? t(shape.key, { ...values, ref: shape.ref ?? "-" }) : t("errors.unexpected", { ref: shape.ref ?? "-" });
  return (
    <p role="alert" aria-label={text} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {text}
    </p>
  );
}

/** The translated validation message of one field, tied to the field by id for screen readers. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  const t = useTranslations();
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages.map((m) => (t.has(m) ? t(m) : t("validation.invalid"))).join(" ")}
    </p>
  );
}
