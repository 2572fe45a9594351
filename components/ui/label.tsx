"use client";

import { Label as RadixLabel } from "radix-ui";
import type { ComponentProps } from "react";

/** A native `<label>` (Radix Label: a double click on it does not select its text). */
export function Label(props: ComponentProps<typeof RadixLabel.Root>) {
  return <RadixLabel.Root {...props} />;
}
