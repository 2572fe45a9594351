import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES, DomainError } from "@/lib/domain/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { ActionError, DOMAIN_ERROR_KEYS, toActionError } from "@/lib/server/errors";

function messageAt(tree: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe("errors of the server layer (lib/server/errors.ts)", () => {
  it("maps every domain error code to a message in both catalogues", () => {
    expect(Object.keys(DOMAIN_ERROR_KEYS).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
    for (const code of DOMAIN_ERROR_CODES) {
      const key = DOMAIN_ERROR_KEYS[code];
      expect(typeof messageAt(MESSAGES.id, key), `${code} → ${key} (id)`).toBe("string");
      expect(typeof messageAt(MESSAGES.en, key), `${code} → ${key} (en)`).toBe("string");
    }
    expect(new Set(Object.values(DOMAIN_ERROR_KEYS)).size).toBe(DOMAIN_ERROR_CODES.length);
  });

  it("tells the user an ActionError as it is, a DomainError by its code's message, and nothing of a bug", () => {
    const conflict = new ActionError("errors.conflict", { n: 1 });
    expect(toActionError(conflict)).toBe(conflict);
    const domain = new DomainError("INVALID_LEVEL", "The level of indicator 1.a.Ak must be an integer 0..5, got 7.");
    const mapped = toActionError(domain);
    expect(mapped).toBeInstanceOf(ActionError);
    expect(mapped).toMatchObject({ messageKey: "errors.domain.invalidLevel", values: {}, cause: domain });
    expect(toActionError(new Error("boom"))).toBeNull();
    expect(toActionError("boom")).toBeNull();
  });
});
