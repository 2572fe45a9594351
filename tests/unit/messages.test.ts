import { describe, expect, it } from "vitest";
import { MESSAGE_FILES, MESSAGES } from "@/lib/i18n/messages";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function valueAt(tree: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
}

describe("message catalogues", () => {
  it("have the same keys in Bahasa Indonesia and English", () => {
    expect(keys(MESSAGES.en).sort()).toEqual(keys(MESSAGES.id).sort());
  });

  it("have no empty message", () => {
    expect(keys(MESSAGES.id).filter((k) => valueAt(MESSAGES.id, k) === "")).toEqual([]);
    expect(keys(MESSAGES.en).filter((k) => valueAt(MESSAGES.en, k) === "")).toEqual([]);
  });

  it("serve every file's namespaces: MESSAGES holds each file of MESSAGE_FILES whole", () => {
    for (const locale of ["id", "en"] as const) {
      const missing = Object.entries(MESSAGE_FILES[locale]).flatMap(([file, messages]) =>
        Object.keys(messages)
          .filter((namespace) => (MESSAGES[locale] as Record<string, unknown>)[namespace] !== (messages as Record<string, unknown>)[namespace])
          .map((namespace) => `${locale}/${file}.json: ${namespace}`),
      );
      expect(missing).toEqual([]);
    }
  });

  it("never define one namespace in two files (a later file would silently replace it)", () => {
    for (const files of Object.values(MESSAGE_FILES)) {
      const namespaces = Object.values(files).flatMap((file) => Object.keys(file));
      expect(namespaces.length).toBe(new Set(namespaces).size);
    }
  });
});
