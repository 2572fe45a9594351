import { z } from "zod";
import { text } from "./text";

const optional = (schema: z.ZodType) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).catch(undefined);

/** Search of the audit trail; a malformed filter is ignored rather than failing the page. */
export const ZAuditSearch = z.object({
  actor: optional(text().trim().max(200)) as z.ZodType<string | undefined>,
  entityType: optional(text().trim().max(60)) as z.ZodType<string | undefined>,
  entityId: optional(text().trim().max(100)) as z.ZodType<string | undefined>,
  action: optional(text().trim().max(60)) as z.ZodType<string | undefined>,
  from: optional(z.iso.date()) as z.ZodType<string | undefined>,
  to: optional(z.iso.date()) as z.ZodType<string | undefined>,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
/** The parsed filter; every criterion but the page is optional. */
export interface TAuditSearch {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
}
