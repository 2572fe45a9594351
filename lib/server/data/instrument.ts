import "server-only";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { db } from "../db";

const cache = new Map<string, Promise<InstrumentDefinition>>();

/** An instrument version as the domain type. Versions in use are read-only, so they are cached. */
export function loadInstrument(instrumentVersionId: string): Promise<InstrumentDefinition> {
  let pending = cache.get(instrumentVersionId);
  if (!pending) {
    pending = readInstrument(instrumentVersionId);
    cache.set(instrumentVersionId, pending);
    pending.catch(() => cache.delete(instrumentVersionId));
  }
  return pending;
}

/**
 * Drops a version from the cache after the instrument editor changed it (only versions that no
 * started cycle uses can change; see lib/server/data/instrument-versions.ts).
 */
export function forgetInstrument(instrumentVersionId: string): void {
  cache.delete(instrumentVersionId);
}

/** A version as stored now, bypassing the cache (the instrument editor reads through this). */
export async function readInstrument(id: string): Promise<InstrumentDefinition> {
  const version = await db.instrumentVersion.findUniqueOrThrow({
    where: { id },
    include: {
      aspects: {
        orderBy: { position: "asc" },
        include: { indicators: { orderBy: { position: "asc" }, include: { levels: { orderBy: { level: "asc" } } } } },
      },
      surveyItems: { orderBy: { position: "asc" } },
    },
  });
  return {
    code: version.code,
    version: version.version,
    name: version.name,
    description: version.description,
    aspects: version.aspects.map((aspect) => ({
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight,
      indicators: aspect.indicators.map((indicator) => ({
        code: indicator.code,
        name: indicator.name,
        question: indicator.question,
        weight: indicator.weight,
        evidenceHint: indicator.evidenceHint,
        levels: indicator.levels.map((level) => ({ level: level.level, description: level.description })),
      })),
    })),
    surveyItems: version.surveyItems.map((item) => ({ code: item.code, text: item.text })),
  };
}
