import { z } from "zod";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";

/**
 * The filters of the calibration page and its export (issue 18), from the query string. A value
 * that is not valid is ignored (the page shows everything), never an error page.
 */
export const ZCalibrationFilters = z.object({
  cycle: z.uuid().optional().catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  province: z.uuid().optional().catch(undefined),
  // An aspect code of the instrument ("I", "II", …): letters, digits and dots only.
  aspect: z
    .string()
    .regex(/^[A-Za-z0-9.]{1,16}$/)
    .optional()
    .catch(undefined),
});

export type TCalibrationFilters = z.infer<typeof ZCalibrationFilters>;
