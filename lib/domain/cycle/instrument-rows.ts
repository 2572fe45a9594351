import type { InstrumentDefinition } from "../instrument/types";

/**
 * The rows that store an instrument version's content (aspects, indicators, their rubric levels,
 * survey items), with positions in the definition's order. One builder for the seed (bulk insert)
 * and the portal's instrument editor (Prisma), so both store a definition the same way.
 */
export interface InstrumentRows {
  aspects: { id: string; instrumentVersionId: string; code: string; name: string; weight: number; position: number }[];
  indicators: {
    id: string;
    instrumentVersionId: string;
    aspectId: string;
    code: string;
    name: string;
    question: string;
    weight: number;
    evidenceHint: string;
    position: number;
  }[];
  levels: { indicatorId: string; level: number; description: string }[];
  surveyItems: { instrumentVersionId: string; code: string; text: string; position: number }[];
}

export function instrumentRows(definition: InstrumentDefinition, instrumentVersionId: string, newId: () => string): InstrumentRows {
  const rows: InstrumentRows = { aspects: [], indicators: [], levels: [], surveyItems: [] };
  let indicatorPosition = 0;
  definition.aspects.forEach((aspect, position) => {
    const aspectId = newId();
    rows.aspects.push({ id: aspectId, instrumentVersionId, code: aspect.code, name: aspect.name, weight: aspect.weight, position });
    for (const indicator of aspect.indicators) {
      const indicatorId = newId();
      rows.indicators.push({
        id: indicatorId,
        instrumentVersionId,
        aspectId,
        code: indicator.code,
        name: indicator.name,
        question: indicator.question,
        weight: indicator.weight,
        evidenceHint: indicator.evidenceHint,
        position: indicatorPosition++,
      });
      for (const level of indicator.levels) rows.levels.push({ indicatorId, level: level.level, description: level.description });
    }
  });
  definition.surveyItems.forEach((item, position) => {
    rows.surveyItems.push({ instrumentVersionId, code: item.code, text: item.text, position });
  });
  return rows;
}
