import { readFileSync } from "node:fs";
import { validateInstrument, type InstrumentDefinition } from "@/lib/domain/instrument";

/** The real instrument file of the 2025 cycle, parsed but NOT validated (tests validate it). */
export function readRealInstrumentJson(): unknown {
  const url = new URL("../../../prisma/instruments/pekppp-a-2025.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as unknown;
}

/** The real instrument, validated; for tests of rules that take an instrument as input. */
export function readRealInstrument(): InstrumentDefinition {
  const result = validateInstrument(readRealInstrumentJson());
  if (!result.ok) throw new Error("the real instrument file is invalid");
  return result.instrument;
}
