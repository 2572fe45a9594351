import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import id from "@/lib/i18n/messages/id.json";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("message catalogues", () => {
  it("have the same keys in Bahasa Indonesia and English", () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it("have no empty message", () => {
    const empty = (tree: object) => keys(tree).filter((k) => k.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) === "");
    expect(empty(id)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
