import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The indicators that count in the score, as a Prisma `where` on InstrumentIndicator: the query
 * form of `isScoredIndicator` (lib/domain/instrument/types.ts), weight above 0. A weight-0
 * indicator (the queue item 31.c.K) is informative only (docs/domain.md §4). The two must change
 * together; tests/unit/scored-indicator.test.ts holds them to the same rule.
 */
export const scoredIndicatorWhere = { weight: { gt: 0 } } as const satisfies Prisma.InstrumentIndicatorWhereInput;
