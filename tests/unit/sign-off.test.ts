import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  checkSigningOrder,
  CODE_LENGTH,
  codeFromDigits,
  nextSigner,
  parseCode,
  parseHash,
  SIGNER_ROLES,
  type SignerRole,
} from "@/lib/domain/sign-off";

const json = fc.jsonValue();

describe("sign-off: canonical content", () => {
  it("is plain ASCII, parses back to the same value, and ignores key order", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reordered = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reordered)).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it("writes names with any character as escapes, and a changed level changes the text", () => {
    expect(canonicalJson({ b: 1, a: "Şəhər Łódź Nguyễn" })).toBe('{"a":"\\u015e\\u0259h\\u0259r \\u0141\\u00f3d\\u017a Nguy\\u1ec5n","b":1}');
    expect(canonicalJson({ indicators: [{ code: "1.a", verifiedLevel: 3 }] })).not.toBe(canonicalJson({ indicators: [{ code: "1.a", verifiedLevel: 4 }] }));
  });
});

describe("sign-off: short codes", () => {
  const digits = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH });
  it("formats as two groups of five and reads back however it is typed", () => {
    fc.assert(
      fc.property(digits, (d) => {
        const code = codeFromDigits(d);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        expect(parseCode(code)).toBe(code);
        expect(parseCode(` ${code.toLowerCase().replace("-", "")} `)).toBe(code);
        expect(parseCode(code.replace(/0/g, "O").replace(/1/g, "l"))).toBe(code);
      }),
    );
  });
  it("refuses what cannot be a code", () => {
    expect(parseCode("ABCD")).toBeNull();
    expect(parseCode("UUUUU-UUUUU")).toBeNull();
    expect(() => codeFromDigits([1, 2, 3])).toThrow();
    expect(parseHash("A".repeat(64))).toBe("a".repeat(64));
    expect(parseHash("xyz")).toBeNull();
  });
});

describe("sign-off: signing order", () => {
  it("is the verifier, then the head, once each, whatever is tried", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<SignerRole>(...SIGNER_ROLES), { maxLength: 6 }), (attempts) => {
        const signed: SignerRole[] = [];
        for (const role of attempts) if (checkSigningOrder(signed, role).ok) signed.push(role);
        // Whatever the attempts, what got signed is a prefix of [VERIFIER, HEAD].
        expect(["VERIFIER", "HEAD"].slice(0, signed.length)).toEqual(signed);
        expect(nextSigner(signed)).toBe(signed.length === 0 ? "VERIFIER" : signed.length === 1 ? "HEAD" : null);
      }),
    );
    expect(checkSigningOrder([], "HEAD")).toEqual({ ok: false, reason: "notYourTurn" });
    expect(checkSigningOrder(["VERIFIER"], "VERIFIER")).toEqual({ ok: false, reason: "alreadySigned" });
    expect(checkSigningOrder(["VERIFIER", "HEAD"], "HEAD")).toEqual({ ok: false, reason: "complete" });
  });
});
