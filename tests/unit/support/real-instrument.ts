import { readFileSync } from "node:fs";

/** The real instrument file of the 2025 cycle, parsed but NOT validated (tests validate it). */
export function readRealInstrumentJson(): unknown {
  const url = new URL("../../../prisma/instruments/pekppp-a-2025.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as unknown;
}
