import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FINDERS, MADE_NAMES, namesIn, PAGE_CHECKS } from "../e2e/pages";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? pageFiles(full) : entry === "page.tsx" ? [full] : [];
  });
}

/** The route of an app/ page: route groups "(x)" vanish. */
const routeOf = (file: string) =>
  "/" +
  path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

const pageRoutes = pageFiles(path.join(ROOT, "app")).map(routeOf).sort();
const checkedRoutes = new Set(PAGE_CHECKS.map((c) => c.route));

/** The address of a route with each dynamic segment as a `{name}`: its shape, to compare. */
const shape = (route: string) => route.replace(/\[[^\]]+\]/g, "*");

describe("every page has an accessibility check (tests/e2e/pages.ts)", () => {
  it("finds the pages (the scan itself works)", () => {
    expect(pageRoutes).toEqual(expect.arrayContaining(["/login", "/results", "/assessments/[id]", "/admin/cycles/[id]/loci"]));
  });

  for (const route of pageRoutes) {
    it(`${route}: is visited by the axe spec`, () => {
      expect(checkedRoutes.has(route), `add ${route} to PAGE_CHECKS in tests/e2e/pages.ts`).toBe(true);
    });
  }

  it("names no page that does not exist", () => {
    expect([...checkedRoutes].filter((route) => !pageRoutes.includes(route))).toEqual([]);
  });

  it("visits an address of the page's own shape, with every {name} known", () => {
    const known = new Set<string>([...Object.keys(FINDERS), ...MADE_NAMES]);
    for (const check of PAGE_CHECKS) {
      expect(shape(check.url.replace(/\{\w+\}/g, "[x]")), check.route).toBe(shape(check.route));
      for (const name of namesIn(check.url)) expect(known.has(name), `${check.route}: {${name}}`).toBe(true);
    }
    for (const finder of Object.values(FINDERS)) for (const name of namesIn(finder.from)) expect(known.has(name), finder.from).toBe(true);
  });
});
