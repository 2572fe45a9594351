/**
 * The Berita Acara Verifikasi and its sign-off (issue 15), the pure parts: what is signed (the
 * canonical content), how it is written before hashing, the short code a printed copy carries, and
 * the signing order (the verifier first, then the institution's head). Hashing itself (SHA-256) is
 * done by the server module (lib/server/sign-off/), on exactly the string `canonicalJson` returns.
 */

export const SIGNER_ROLES = ["VERIFIER", "HEAD"] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** One signatory as the signed content names it. */
export interface Signatory {
  role: SignerRole;
  userId: string;
  name: string;
  /** ISO 8601, UTC, milliseconds: the moment of the signature. */
  signedAt: string;
}

/**
 * The body of a Berita Acara: what the verification decided, without its signatures. Two bodies
 * with the same JSON are the same decision; a correction, a new verified level or a recomputed
 * index gives another body, so a signature over the old one is superseded.
 */
export interface BeritaAcaraBody {
  assessmentId: string;
  institution: { id: string; name: string };
  locus: { id: string; name: string; serviceType: string };
  cycle: { id: string; name: string; year: number };
  instrument: { code: string; version: string };
  /** Every indicator of the instrument, in instrument order, with its verified level (null: none). */
  indicators: { code: string; verifiedLevel: number | null }[];
  /** The published index ("3.87") and grade ("B") of the stored verified result; null before one exists. */
  index: string | null;
  grade: string | null;
  /**
   * The latest published correction of the locus (docs/domain.md §6.4), absent when it was never
   * corrected (so a body signed before corrections existed keeps its hash): its decree, when it was
   * published (ISO 8601) and the result version it made (null for a cycle not yet published).
   */
  correction?: { decreeReference: string; publishedAt: string; version: number | null };
}

/** What a signature covers: the body and the signatories so far, the new one last. */
export interface SignedContent {
  format: "pekppp.berita-acara/1";
  body: BeritaAcaraBody;
  signatories: Signatory[];
}

/**
 * Canonical JSON: object keys sorted, no white space, arrays kept in order, and every character
 * outside printable ASCII written as a \uXXXX escape. The result is plain ASCII, so it reads the
 * same in any encoding (a PDF's metadata, a database text column) and hashes the same everywhere.
 * `undefined` members are left out as JSON.stringify leaves them; non-finite numbers are refused.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function canonical(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("canonicalJson: non-finite number");
    return JSON.stringify(value);
  }
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonical(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  throw new Error(`canonicalJson: cannot write a ${typeof value}`);
}

export function signedContent(body: BeritaAcaraBody, signatories: readonly Signatory[]): SignedContent {
  return { format: "pekppp.berita-acara/1", body, signatories: [...signatories] };
}

/**
 * The short code of a Berita Acara: ten characters of Crockford's base 32 (no I, L, O, U), shown
 * as two groups of five ("7KQ2M-X9D4R"). 50 bits: unguessable enough for a public look-up that
 * only reveals what the printed copy already shows.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;

/** A code from CODE_LENGTH random integers in [0, 32) (the server draws them with node:crypto). */
export function codeFromDigits(digits: readonly number[]): string {
  if (digits.length !== CODE_LENGTH || digits.some((d) => !Number.isInteger(d) || d < 0 || d >= 32)) {
    throw new Error("codeFromDigits: ten integers in [0, 32) expected");
  }
  const raw = digits.map((d) => CODE_ALPHABET[d]).join("");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/**
 * Reads a code as a person may type it: any case, with or without the dash or spaces, and the
 * letters people confuse with digits (O → 0, I and L → 1). Null when it cannot be a code.
 */
export function parseCode(input: string): string | null {
  const cleaned = input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return `${cleaned.slice(0, 5)}-${cleaned.slice(5)}`;
}

/** A SHA-256 digest as 64 lower-case hex digits, as typed or pasted (spaces and case ignored). */
export function parseHash(input: string): string | null {
  const cleaned = input.trim().toLowerCase().replace(/\s/g, "");
  return /^[0-9a-f]{64}$/.test(cleaned) ? cleaned : null;
}

/** Who signs next, given the roles that have signed (in order): the verifier, then the head, then nobody. */
export function nextSigner(signed: readonly SignerRole[]): SignerRole | null {
  if (signed.length === 0) return "VERIFIER";
  if (signed.length === 1 && signed[0] === "VERIFIER") return "HEAD";
  return null;
}

export type SignRefusal = "notYourTurn" | "alreadySigned" | "complete";

/** May a signer of this role sign now? The order is fixed: VERIFIER, then HEAD, once each. */
export function checkSigningOrder(signed: readonly SignerRole[], role: SignerRole): { ok: true } | { ok: false; reason: SignRefusal } {
  const next = nextSigner(signed);
  if (next === role) return { ok: true };
  if (signed.includes(role)) return { ok: false, reason: next === null ? "complete" : "alreadySigned" };
  return { ok: false, reason: next === null ? "complete" : "notYourTurn" };
}

/** The statuses in which a locus's Berita Acara may be signed: after approval. */
export const SIGNABLE_STATUSES: readonly string[] = ["VERIFIED", "FINAL"];
