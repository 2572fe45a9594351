import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PORTAL_SECTION_NAMESPACES,
  PUBLIC_CLIENT_NAMESPACES,
  REFUSAL_MESSAGES,
  pickMessages,
  pickNamespaces,
  portalSectionMessages,
} from "@/lib/i18n/client-messages";
import { POLICY_KEYS } from "@/lib/auth/policies";
import { MESSAGES } from "@/lib/i18n/messages";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PORTAL = path.join(ROOT, "app", "(portal)");

function sourceFiles(dir: string, skip: (entry: string) => boolean = () => false): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return skip(entry) ? [] : sourceFiles(full, skip);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

function resolveImport(spec: string, from: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  return [".tsx", ".ts", "/index.tsx", "/index.ts"].map((ext) => base + ext).find((file) => existsSync(file)) ?? null;
}

/** The client components reachable from the given files through their imports (server data modules aside). */
function reachableClientFiles(entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports and the dynamic import() of a component loaded with next/dynamic.
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/(?:from\s+|import\(\s*)"([^"]+)"/g)) {
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
  const translators = [...source.matchAll(/(\w+)\s*=\s*useTranslations\(\s*\)/g)].map((m) => m[1]!);
  const whole = translators.flatMap((t) => [...source.matchAll(new RegExp(`\\b${t}(?:\\.has|\\.rich)?\\(\\s*["\`]([a-zA-Z]+)\\.`, "g"))].map((m) => m[1]!));
  return [...named, ...whole];
}

const missingFrom = (files: string[], given: readonly string[]) =>
  files.flatMap((file) =>
    namespacesOf(readFileSync(file, "utf8"))
      .filter((ns) => !given.includes(ns))
      .map((ns) => `${path.relative(ROOT, file)}: ${ns}`),
  );

describe("the catalogue sent to the browser outside the portal (issue 17)", () => {
  it("holds every namespace the public pages' client components translate", () => {
    const files = reachableClientFiles(sourceFiles(path.join(ROOT, "app"), (entry) => entry === "(portal)" || entry === "api"));
    // The walk finds the public pages' client components (a broken walk would find none).
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["components/login-form.tsx", "components/survey/survey-form.tsx"]));
    expect(missingFrom(files, PUBLIC_CLIENT_NAMESPACES)).toEqual([]);
  });

  it("picks the named namespaces only", () => {
    expect(pickNamespaces({ a: { x: "1" }, b: { y: "2" }, c: "3" }, ["a", "c", "z"])).toEqual({ a: { x: "1" }, c: "3" });
  });
});

describe("the catalogue sent to the browser in the portal, per section (issue 17)", () => {
  const sections = Object.keys(PORTAL_SECTION_NAMESPACES) as (keyof typeof PORTAL_SECTION_NAMESPACES)[];
  /** The section a portal folder belongs to: its own or its nearest parent's. */
  const sectionOf = (dir: string) => {
    for (let rel = path.relative(PORTAL, dir); rel && rel !== "."; rel = path.dirname(rel)) {
      const key = rel.split(path.sep).join("/");
      if ((sections as string[]).includes(key)) return key as (typeof sections)[number];
    }
    return null;
  };

  it("gives every portal page's client components the namespaces they translate, through its section's layout", () => {
    const pages = sourceFiles(PORTAL).filter((file) => /\/(page|layout|loading|error|not-found)\.tsx$/.test(file));
    const problems = pages.flatMap((page) => {
      const files = reachableClientFiles([page]);
      const section = sectionOf(path.dirname(page));
      // Whole namespaces among the refusals (errors, validation …) reach every section too.
      const given = section ? [...PORTAL_SECTION_NAMESPACES[section], ...REFUSAL_MESSAGES.filter((r) => !r.includes("."))] : [];
      return [...new Set(missingFrom(files, given))].map((m) => `${path.relative(PORTAL, page)} (section ${section ?? "none"}) → ${m}`);
    });
    // The walk reaches the portal's client components (a broken walk would find none).
    expect(reachableClientFiles([path.join(PORTAL, "admin", "cycles", "[id]", "page.tsx")]).map((f) => path.relative(ROOT, f))).toEqual(
      expect.arrayContaining(["components/admin/cycles/cycle-action-button.tsx"]),
    );
    expect(problems).toEqual([]);
  });

  it("has a layout for each section that sends its part, and no section inside another", () => {
    for (const section of sections) {
      const layout = path.join(PORTAL, ...section.split("/"), "layout.tsx");
      expect(existsSync(layout) ? readFileSync(layout, "utf8") : "", section).toContain(`<SectionMessages section="${section}">`);
      expect(sections.filter((other) => other.startsWith(`${section}/`))).toEqual([]);
    }
    // The portal's own layout sends nothing more (every page would carry it).
    expect(readFileSync(path.join(PORTAL, "layout.tsx"), "utf8")).toContain("<NextIntlClientProvider messages={{}}>");
  });

  it("sends every refusal a server action or route may answer", () => {
    const files = ["lib/server", "lib/domain", "lib/schemas"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    // Every key-like literal on a line that throws, answers or names a refusal (ternaries too).
    const refusalLine = /ActionError\(|errorResponse\(|\b(?:message|key|noStage|notStarted|ended|problem):/;
    const keys = new Set(
      files.flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => refusalLine.test(line))
          .flatMap((line) => [...line.matchAll(/[`"]([a-z][a-zA-Z]+\.[a-zA-Z0-9_.]*?)(?:\$\{|[`"])/g)].map((m) => m[1]!.replace(/\.$/, ""))),
      ),
    );
    const catalogue = MESSAGES.id as Record<string, unknown>;
    const inCatalogue = (key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalogue) !==
      undefined;
    const covered = (key: string) => REFUSAL_MESSAGES.some((given) => key === given || key.startsWith(`${given}.`));
    // Policy names on those lines look like keys; the templates `signOff.${reason}` and `assignmentAdmin.${refusal}` are listed by their reasons.
    const policies = new Set<string>(POLICY_KEYS);
    expect([...keys].filter((key) => inCatalogue(key) && !covered(key) && !policies.has(key) && key !== "signOff" && key !== "assignmentAdmin").sort()).toEqual(
      [],
    );
    // The scan finds the refusals (a broken scan would find none).
    expect(keys).toContain("cycleAdmin.refusal");
  });

  it("picks namespaces and key paths into a new tree, leaving the catalogue as it is", () => {
    const messages = { a: { x: "1", y: { z: "2" } }, b: { y: "3" }, c: "4" };
    const before = JSON.stringify(messages);
    expect(pickMessages(messages, ["a.y", "b", "b.y", "c", "q.r"])).toEqual({ a: { y: { z: "2" } }, b: { y: "3" }, c: "4" });
    expect(JSON.stringify(messages)).toBe(before);
    const section = portalSectionMessages(MESSAGES.id as Record<string, unknown>, "verification");
    expect(Object.keys(section)).toEqual(expect.arrayContaining(["downloads", "errors", "validation"]));
    expect(section).not.toHaveProperty("history");
  });
});
