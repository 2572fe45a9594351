import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The variables lib/env.ts validates: the keys of its `server` object and of the storage variables. */
function variablesOf(source: string, objectStart: RegExp) {
  const start = source.search(objectStart);
  const body = source.slice(start, source.indexOf("\n};", start));
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
}

describe("docs/deploy.md: the environment reference stays true to lib/env.ts", () => {
  it("names every variable the portal validates in its reference table", () => {
    const names = [
      ...variablesOf(read("lib/env.ts"), /^const server = \{/m),
      ...variablesOf(read("lib/server/storage/config.ts"), /^export const EVIDENCE_STORAGE_VARIABLES = \{/m),
    ];
    expect(names).toContain("DATABASE_URL");
    expect(names).toContain("METRICS_TOKEN");
    expect(names).toContain("EVIDENCE_S3_BUCKET");
    const table = read("docs/deploy.md").split("## 10. Environment reference")[1] ?? "";
    expect(names.filter((name) => !table.includes(`| \`${name}\``))).toEqual([]);
  });
});
