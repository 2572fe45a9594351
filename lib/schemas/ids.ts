import { z } from "zod";

const ZId = z.uuid();

/** Whether text is a record id (a UUID, as route params are checked): anything else is "not found" without a query. */
export function isUuid(text: string): boolean {
  return ZId.safeParse(text).success;
}

/** One evidence item, by id: what a removal (self-assessment or follow-up) takes. */
export const ZEvidenceRef = z.object({ evidenceId: z.uuid() });
