import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionKey, indicatorOf, readableChanges } from "@/lib/domain/audit/readable";
import en from "@/lib/i18n/messages/en/history.json";
import id from "@/lib/i18n/messages/id/history.json";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
  });
}

/**
 * Every audit action code the server writes: the string literals of each `action:` property in
 * lib/server (a ternary's two codes included), leaving out the action clients' `.metadata({ action })`
 * names, plus the codes the self-assessment writes in SQL (`'selfAnswer.save', 'SelfAnswer'`).
 */
function auditActionCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles("lib/server")) {
    const source = readFileSync(file, "utf8").replace(/\.metadata\(\{\s*action:\s*"[^"]*"/g, "");
    for (const property of source.matchAll(/\baction:\s*([^\n]*)/g)) {
      for (const literal of property[1]!.matchAll(/"([a-zA-Z]+(?:\.[a-zA-Z-]+)+)"/g)) codes.set(literal[1]!, file);
    }
    for (const literal of source.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z-]+)+)',\s*'[A-Z][A-Za-z]+'/g)) codes.set(literal[1]!, file);
  }
  return codes;
}

describe("every audit action has a sentence in both catalogues (issue 19 item 8)", () => {
  const codes = auditActionCodes();

  it("finds the codes the server writes", () => {
    // A sanity floor: the scan must see the autosave's SQL code and the audit() calls.
    expect(codes.has("selfAnswer.save")).toBe(true);
    expect(codes.has("verifiedAnswer.save")).toBe(true);
    expect(codes.has("user.deactivate")).toBe(true);
    expect(codes.size).toBeGreaterThan(60);
  });

  for (const [name, catalogue] of [
    ["id", id],
    ["en", en],
  ] as const) {
    it(`${name}: a sentence for each code, naming the actor when one acts`, () => {
      const actions = catalogue.history.actions as Record<string, string>;
      const missing = [...codes.keys()].filter((code) => !actions[auditActionKey(code)]);
      expect(missing, `codes without a sentence in ${name}/history.json`).toEqual([]);
      for (const code of codes.keys()) expect(actions[auditActionKey(code)]).not.toMatch(/[a-z]+\.[a-zA-Z]+/);
    });
  }

  it("both catalogues word the same actions, fields and values", () => {
    expect(Object.keys(en.history.actions).sort()).toEqual(Object.keys(id.history.actions).sort());
    expect(Object.keys(en.history.fields).sort()).toEqual(Object.keys(id.history.fields).sort());
    expect(Object.keys(en.history.values).sort()).toEqual(Object.keys(id.history.values).sort());
  });
});

describe("readableChanges", () => {
  it("lists a changed level and justification, old → new, and nothing of versions, ids or hashes", () => {
    const changes = readableChanges(
      { level: 3, justification: "SOP ada", version: 4, bodyHash: "ab12" },
      { level: 4, justification: "SOP ada", version: 5, bodyHash: "cd34", assessmentId: "0b7f7a4e-1b1e-4c1a-9d6a-2f7a8b9c0d1e" },
    );
    expect(changes).toEqual([{ field: "level", before: { kind: "number", value: 3 }, after: { kind: "number", value: 4 } }]);
  });

  it("lists what a record was created with when there is no before", () => {
    expect(readableChanges(undefined, { status: "SUBMITTED", note: "Lengkap", token: "abc…" })).toEqual([
      { field: "status", before: null, after: { kind: "code", code: "SUBMITTED" } },
      { field: "note", before: null, after: { kind: "text", text: "Lengkap" } },
    ]);
  });

  it("reads dates, yes/no and lists; leaves out UUIDs and nested objects", () => {
    const changes = readableChanges(
      { isActive: true, closesAt: null, name: "0b7f7a4e-1b1e-4c1a-9d6a-2f7a8b9c0d1e" },
      { isActive: false, closesAt: "2026-12-06T17:00:00.000Z", reasons: ["Bukti kurang", "1d1e0000-1b1e-4c1a-9d6a-2f7a8b9c0d1e"], text: { nested: 1 } },
    );
    expect(changes).toEqual([
      { field: "reasons", before: null, after: { kind: "list", items: ["Bukti kurang"] } },
      { field: "isActive", before: { kind: "yesNo", value: true }, after: { kind: "yesNo", value: false } },
      { field: "closesAt", before: null, after: { kind: "date", iso: "2026-12-06T17:00:00.000Z" } },
    ]);
  });

  it("takes a status only as a code the catalogue can word", () => {
    expect(readableChanges({ status: "DRAFT" }, { status: "some text" })).toEqual([{ field: "status", before: { kind: "code", code: "DRAFT" }, after: null }]);
  });
});

describe("indicatorOf", () => {
  it("reads the indicator from an answer's entity id or from the payload", () => {
    expect(indicatorOf({ entityId: "0b7f7a4e-1b1e-4c1a-9d6a-2f7a8b9c0d1e:1.a.Ak" })).toBe("1.a.Ak");
    expect(indicatorOf({ entityId: "0b7f7a4e-1b1e-4c1a-9d6a-2f7a8b9c0d1e", after: { indicatorCode: "6.b.B" } })).toBe("6.b.B");
    expect(indicatorOf({ entityId: null })).toBeNull();
  });
});
