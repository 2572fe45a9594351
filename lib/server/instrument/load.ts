import "server-only";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";

type Reader = Pick<Prisma.TransactionClient, "instrumentVersion">;

const cache = new Map<string, InstrumentDefinition>();

/**
 * An instrument version as the domain type. Only locked versions (used by a started cycle, so
 * read-only for good: lib/server/data/cycle-lock.ts) are cached; an editable one is read afresh.
 */
export async function loadInstrument(instrumentVersionId: string): Promise<InstrumentDefinition> {
  const cached = cache.get(instrumentVersionId);
  if (cached) return cached;
  const { definition, locked } = await readVersion(db, instrumentVersionId);
  if (locked) cache.set(instrumentVersionId, definition);
  return definition;
}

/** A version as stored now, bypassing the cache (the instrument editor reads through this, inside its transaction). */
export async function readInstrument(id: string, client: Reader = db): Promise<InstrumentDefinition> {
  return (await readVersion(client, id)).definition;
}

async function readVersion(client: Reader, id: string): Promise<{ definition: InstrumentDefinition; locked: boolean }> {
  const version = await client.instrumentVersion.findUniqueOrThrow({
    where: { id },
    include: {
      aspects: {
        orderBy: { position: "asc" },
        include: { indicators: { orderBy: { position: "asc" }, include: { levels: { orderBy: { level: "asc" } } } } },
      },
      surveyItems: { orderBy: { position: "asc" } },
    },
  });
  const definition: InstrumentDefinition = {
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
  return { definition, locked: version.lockedAt !== null };
}
