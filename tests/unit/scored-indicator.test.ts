import { describe, expect, it } from "vitest";
import { isScoredIndicator } from "@/lib/domain/instrument";
import { scoredIndicatorWhere } from "@/lib/server/db/scored-indicator";

describe("scored indicators: the domain rule and its query form", () => {
  it("agree on every weight: scored exactly when the weight is above the query's bound", () => {
    for (const weight of [0, 1, 2, 5, 100]) {
      expect(isScoredIndicator({ weight }), `weight ${weight}`).toBe(weight > scoredIndicatorWhere.weight.gt);
    }
  });
});
