import { z } from "zod";
import { ZIndicatorCode } from "../instrument/fields";
import { text } from "../text";

export const LINK_MAX = 2000;
export const LINK_TITLE_MAX = 200;

/**
 * A link given as evidence: an absolute http(s) address (a javascript:, data:, ftp: or relative
 * address is refused) of at most 2,000 characters, without a user name or password in it (they
 * only serve to disguise the real host), and an optional title. Messages are catalogue keys.
 */
export const ZEvidenceLink = z.object({
  url: text({ error: "evidence.linkRequired" })
    .trim()
    .min(1, { error: "evidence.linkRequired" })
    .max(LINK_MAX, { error: "evidence.linkTooLong" })
    .pipe(z.url({ protocol: /^https?$/, error: "evidence.linkInvalid" }))
    .refine(hasNoCredentials, { error: "evidence.linkCredentials" }),
  title: text({ error: "evidence.titleTooLong" })
    .trim()
    .max(LINK_TITLE_MAX, { error: "evidence.titleTooLong" })
    .optional()
    .transform((title) => title ?? ""),
});
export type TEvidenceLink = z.infer<typeof ZEvidenceLink>;

/** The body of a link added through the evidence route. */
export const ZAddEvidenceLink = ZEvidenceLink.extend({ indicatorCode: ZIndicatorCode });
export type TAddEvidenceLink = z.infer<typeof ZAddEvidenceLink>;

function hasNoCredentials(url: string) {
  try {
    const parsed = new URL(url);
    return parsed.username === "" && parsed.password === "" && parsed.hostname !== "";
  } catch {
    return false;
  }
}
