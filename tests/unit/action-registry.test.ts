import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPolicyKey, POLICIES, PUBLIC_PAGES, ROUTE_POLICIES } from "@/lib/auth/policies";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

const appFiles = filesUnder(path.join(ROOT, "app"));
const sourceFiles = [
  ...appFiles,
  ...filesUnder(path.join(ROOT, "components")),
  ...filesUnder(path.join(ROOT, "lib")).filter((f) => !f.includes(`${path.sep}generated${path.sep}`)),
];
const relative = (file: string) => path.relative(ROOT, file);
/** The URL path of an app/ file: route groups "(x)" vanish, the file name goes. */
const routeOf = (file: string) =>
  "/" +
  path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

const isServerActionFile = (source: string) => /^\s*["']use server["'];?/.test(source);
const serverActionFiles = sourceFiles.filter((file) => isServerActionFile(readFileSync(file, "utf8")));

describe("registry of server actions, routes and pages", () => {
  it("finds the server action files (the scan itself works)", () => {
    expect(serverActionFiles.map(relative)).toEqual(expect.arrayContaining(["lib/server/account/actions.ts", "lib/server/users/actions.ts"]));
  });

  for (const file of serverActionFiles) {
    it(`${relative(file)}: every export is an action with a known policy`, () => {
      const source = readFileSync(file, "utf8");
      const exports = [...source.matchAll(/^export\s+(?:async\s+)?(const|function|let|var|class|default|type|interface)\s*(\w*)/gm)];
      expect(exports.length).toBeGreaterThan(0);
      for (const [, kind, name] of exports) {
        if (kind === "type" || kind === "interface") continue; // erased at compile time
        const definition = new RegExp(
          `export const ${name} = (authorizedActionClient|publicActionClient)\\s*\\.metadata\\(\\{ action: "[\\w.]+", policy: "([\\w.]+)" \\}\\)`,
        ).exec(source);
        expect(definition, `${name} must be built by an action client with .metadata({ action, policy })`).not.toBeNull();
        const [, client, policy] = definition!;
        expect(isPolicyKey(policy!), `${name}: unknown policy "${policy}"`).toBe(true);
        const isPublic = "public" in POLICIES[policy as keyof typeof POLICIES];
        expect(isPublic, `${name}: ${client} with policy ${policy}`).toBe(client === "publicActionClient");
      }
    });
  }

  it("keeps server actions in their feature module (lib/server/<feature>/), never in app/ or components/", () => {
    expect(serverActionFiles.map(relative).filter((file) => !/^lib\/server\/[\w-]+\/([\w-]+-)?actions\.ts$/.test(file))).toEqual([]);
  });

  it("has no inline server functions outside action files (they would escape the registry)", () => {
    const inline = sourceFiles.filter((file) => {
      const source = readFileSync(file, "utf8");
      return !isServerActionFile(source) && /["']use server["']/.test(source);
    });
    expect(inline.map(relative)).toEqual([]);
  });

  it("gives every route handler a policy entry, and every entry a route", () => {
    const routes = appFiles
      .filter((f) => /route\.(ts|tsx)$/.test(f))
      .map(routeOf)
      .sort();
    expect(routes).toEqual(Object.keys(ROUTE_POLICIES).sort());
  });

  for (const page of appFiles.filter((f) => /page\.tsx$/.test(f))) {
    it(`${relative(page)}: checks a policy, or is a public page`, () => {
      const source = readFileSync(page, "utf8");
      const policy = /requirePolicy\("([\w.]+)"\)/.exec(source)?.[1];
      if (policy) expect(isPolicyKey(policy)).toBe(true);
      else expect(PUBLIC_PAGES as readonly string[]).toContain(routeOf(page));
    });
  }
});
