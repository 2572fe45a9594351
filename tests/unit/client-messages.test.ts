import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-messages";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Every app/ file outside the signed-in portal (its layout provides the whole catalogue). */
function publicEntries(dir = path.join(ROOT, "app")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "(portal)" || entry === "api" ? [] : publicEntries(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

function resolveImport(spec: string, from: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  return [".tsx", ".ts", "/index.tsx", "/index.ts"].map((ext) => base + ext).find((file) => existsSync(file)) ?? null;
}

/** The client components reachable from the public pages through their imports (server data modules aside). */
function reachableClientFiles(): string[] {
  const seen = new Set<string>();
  const stack = publicEntries();
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)) {
      if (spec!.startsWith("@/lib/server") || spec!.startsWith("@/lib/generated")) continue;
      const target = resolveImport(spec!, file);
      if (target) stack.push(target);
    }
  }
  return [...seen].filter((file) => readFileSync(file, "utf8").trimStart().startsWith('"use client"'));
}

/** The top-level namespaces a client file translates: useTranslations("ns…"), or keys "ns.…" of a whole-catalogue translator. */
function namespacesOf(source: string): string[] {
  const named = [...source.matchAll(/useTranslations\(\s*"([^".]+)/g)].map((m) => m[1]!);
  const whole = /useTranslations\(\s*\)/.test(source) ? [...source.matchAll(/\bt(?:\.has)?\(\s*["`]([a-zA-Z]+)\./g)].map((m) => m[1]!) : [];
  return [...named, ...whole];
}

describe("the catalogue sent to the browser outside the portal (issue 17)", () => {
  it("holds every namespace the public pages' client components translate", () => {
    const files = reachableClientFiles();
    // The walk finds the public pages' client components (a broken walk would find none).
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["components/login-form.tsx", "components/survey/survey-form.tsx"]));
    const missing = files.flatMap((file) =>
      namespacesOf(readFileSync(file, "utf8"))
        .filter((ns) => !(PUBLIC_CLIENT_NAMESPACES as readonly string[]).includes(ns))
        .map((ns) => `${path.relative(ROOT, file)}: ${ns}`),
    );
    expect(missing).toEqual([]);
  });

  it("picks the named namespaces only", () => {
    expect(pickNamespaces({ a: { x: "1" }, b: { y: "2" }, c: "3" }, ["a", "c", "z"])).toEqual({ a: { x: "1" }, c: "3" });
  });
});
