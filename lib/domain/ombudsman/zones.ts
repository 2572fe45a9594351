/**
 * The Ombudsman RI's compliance zones (docs/domain.md §7). Scores are exact hundredths (0–10000 for
 * 0.00–100.00). The bands are known for the years up to 2021 (green 81.00–100, yellow 51.00–80.99,
 * red 0–50.99); for a later year the zone is stored as imported, unchecked.
 */
export const OMBUDSMAN_ZONES = ["GREEN", "YELLOW", "RED"] as const;
export type OmbudsmanZone = (typeof OMBUDSMAN_ZONES)[number];

/** The last year whose bands the portal knows. */
export const LAST_YEAR_WITH_KNOWN_BANDS = 2021;

/** The zone a score falls in, in hundredths; null when the year's bands are not known. */
export function expectedZone(year: number, hundredths: number): OmbudsmanZone | null {
  if (year > LAST_YEAR_WITH_KNOWN_BANDS) return null;
  if (hundredths >= 8100) return "GREEN";
  if (hundredths >= 5100) return "YELLOW";
  return "RED";
}

const ZONE_WORDS: Record<string, OmbudsmanZone> = {
  hijau: "GREEN",
  green: "GREEN",
  kuning: "YELLOW",
  yellow: "YELLOW",
  merah: "RED",
  red: "RED",
};

/** "Hijau", "GREEN", " merah " … (Bahasa Indonesia or English, any case); null for anything else. */
export function parseZone(text: string): OmbudsmanZone | null {
  return ZONE_WORDS[text.trim().toLowerCase()] ?? null;
}

/**
 * A score as written ("87.5", "87,50" with the Indonesian decimal comma, "100") to exact hundredths;
 * null if it is not a number of at most 2 decimals between 0 and 100.
 */
export function parseScore(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return hundredths <= 10_000 ? hundredths : null;
}

/** Hundredths as the published number with 2 decimals: 8765 → "87.65". */
export function formatScore(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}
