import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layers of docs/architecture.md, checked on every import: app → components → lib/server →
// lib/domain, feature modules in a fixed order, and no import cycle anywhere in lib/.

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "generated" ? [] : filesUnder(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

interface Import {
  from: string;
  /** Project-relative path without extension, or the bare package name. */
  target: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): Import[] {
  const source = readFileSync(file, "utf8");
  const from = rel(file);
  const resolve = (spec: string) => {
    if (spec.startsWith("@/")) return spec.slice(2);
    if (spec.startsWith(".")) return rel(path.resolve(path.dirname(file), spec));
    return spec;
  };
  const found: Import[] = [];
  for (const m of source.matchAll(IMPORT)) found.push({ from, target: resolve(m[3]!), typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(DYNAMIC)) found.push({ from, target: resolve(m[1]!), typeOnly: false });
  return found;
}

const sources = ["app", "components", "lib"].flatMap((dir) => filesUnder(path.join(ROOT, dir)));
const imports = sources.flatMap(importsOf);
const where = (prefix: string) => imports.filter((i) => i.from.startsWith(prefix));
const describeImport = (i: Import) => `${i.from} → ${i.target}`;

/** Platform modules of lib/server, then the features, each allowed to use only those before it. */
const PLATFORM = ["errors", "logger", "metrics", "db", "audit", "storage", "auth", "action-client", "http", "locale"];
const FEATURES = [
  "registry",
  "instrument",
  "users",
  "notifications",
  "cycle",
  // Before assessment: its submission runs the evidence pre-check; verification reads the flags (issue 18).
  "pre-check",
  "assessment",
  "conversation",
  "follow-up",
  "results",
  // After results: a late F-03 response recomputes its verified locus's stored results (issue 17).
  "survey",
  "appeals",
  "verification",
  "correction",
  "sign-off",
  "account",
  // Reads what the features before it stored; nothing uses it.
  "what-if",
  // The read API /api/v1 (issue 20): token users and views over the features before it; nothing uses it.
  "api",
  // Imports the Ombudsman results (with the registry's file reader) and sets them beside the stored index.
  "ombudsman",
  // Explain my score (issue 18): reads the stored levels and the published standing; nothing uses it.
  "explain",
  // Calibration analytics (issue 18): aggregates of stored levels in SQL; nothing uses it.
  "calibration",
];

const serverModuleOf = (target: string) => /^lib\/server\/([^/.]+)/.exec(target)?.[1] ?? null;

describe("architecture: layers only point down", () => {
  it("lib/domain imports nothing but itself, zod and file-type (no Next, React, Prisma, server code)", () => {
    const outside = where("lib/domain/").filter((i) => !i.target.startsWith("lib/domain/") && !["zod", "file-type/core"].includes(i.target));
    expect(outside.map(describeImport)).toEqual([]);
  });

  it("lib/auth and lib/schemas stay pure: no Next, React, Prisma or server modules", () => {
    const impure = [...where("lib/auth/"), ...where("lib/schemas/")].filter((i) =>
      /^(next|react|@prisma|lib\/server|lib\/generated|app\/|components\/)/.test(i.target),
    );
    expect(impure.map(describeImport)).toEqual([]);
  });

  it("lib/ never imports app/ or components/", () => {
    expect(
      where("lib/")
        .filter((i) => /^(app|components)\//.test(i.target))
        .map(describeImport),
    ).toEqual([]);
  });

  it("components/ never import app/, and take from lib/server only server actions and types", () => {
    const wrong = where("components/").filter(
      (i) => i.target.startsWith("app/") || (i.target.startsWith("lib/server/") && !i.typeOnly && !/\/([\w-]+-)?actions$/.test(i.target)),
    );
    expect(wrong.map(describeImport)).toEqual([]);
  });

  it("names every module of lib/server as platform or feature", () => {
    const modules = new Set(
      sources
        .map(rel)
        .map(serverModuleOf)
        .filter((m): m is string => m !== null),
    );
    expect([...modules].filter((m) => !PLATFORM.includes(m) && !FEATURES.includes(m))).toEqual([]);
  });

  it("platform modules use no feature; features use the platform and only the features before them", () => {
    const wrong = where("lib/server/").filter((i) => {
      const from = serverModuleOf(i.from)!;
      const to = serverModuleOf(i.target);
      if (!to || to === from) return false;
      if (PLATFORM.includes(from)) return !PLATFORM.includes(to);
      return FEATURES.includes(to) && FEATURES.indexOf(to) > FEATURES.indexOf(from);
    });
    expect(wrong.map(describeImport)).toEqual([]);
  });

  it("has no import cycle between files of lib/", () => {
    const known = new Set(sources.map(rel).map((f) => f.replace(/\.(ts|tsx)$/, "")));
    const normal = (target: string) => (known.has(target) ? target : known.has(`${target}/index`) ? `${target}/index` : null);
    const edges = new Map<string, string[]>();
    for (const i of imports) {
      if (i.typeOnly || !i.from.startsWith("lib/")) continue;
      const to = normal(i.target);
      if (!to) continue;
      const from = i.from.replace(/\.(ts|tsx)$/, "");
      edges.set(from, [...(edges.get(from) ?? []), to]);
    }
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
        return;
      }
      state.set(node, "open");
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, "done");
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
