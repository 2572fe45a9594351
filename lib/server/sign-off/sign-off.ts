import "server-only";
import { randomInt } from "node:crypto";
import bcrypt from "bcryptjs";
import { can, type Actor } from "@/lib/auth/policies";
import {
  CODE_LENGTH,
  canonicalJson,
  checkSigningOrder,
  codeFromDigits,
  nextSigner,
  parseCode,
  parseHash,
  SIGNABLE_STATUSES,
  type SignedContent,
  type SignerRole,
  type Signatory,
  signedContent,
} from "@/lib/domain/sign-off";
import { audit } from "../audit/record";
import { emitNotification } from "../notifications/emit";
import { db } from "../db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";
import { bodyHash, loadBeritaAcaraContent, sha256Hex } from "./document";

/** Compared against when the account has no password, so a refusal takes as long as a real check. */
const DUMMY_HASH = bcrypt.hashSync("no-account-has-this-password", 10);

type Signer = Actor & { email: string; name: string };

const signatureSelect = { role: true, signerId: true, signerName: true, signedAt: true, content: true, contentHash: true } as const;

async function latestDocument(reader: Pick<typeof db, "beritaAcara">, assessmentId: string) {
  return reader.beritaAcara.findFirst({
    where: { assessmentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { signatures: { select: signatureSelect, orderBy: { signedAt: "asc" } } },
  });
}

const signedRoles = (signatures: readonly { role: string }[]) => signatures.map((s) => s.role as SignerRole);

/**
 * What the sign-off page of a locus shows: the Berita Acara as the data stands, the latest issued
 * document with its signatures, whether that one is still current, and who signs next. Null (not
 * found) outside the actor's scope under `signOff.view`.
 */
export async function loadSignOff(actor: Actor, assessmentId: string) {
  const content = await loadBeritaAcaraContent(db, assessmentId);
  if (!content) return null;
  const target = { institutionId: content.details.institutionId, verifierIds: content.details.verifierIds };
  if (!can(actor, "signOff.view", target)) return null;
  const latest = await latestDocument(db, assessmentId);
  const hash = bodyHash(content.body);
  const current = latest !== null && latest.bodyHash === hash;
  const signed = current ? signedRoles(latest.signatures) : [];
  const next = SIGNABLE_STATUSES.includes(content.details.status) ? nextSigner(signed) : null;
  return {
    ...content,
    bodyHash: hash,
    latest: latest
      ? {
          code: latest.code,
          current,
          createdAt: latest.createdAt,
          signatures: latest.signatures.map((s) => ({ role: s.role, name: s.signerName, signedAt: s.signedAt, contentHash: s.contentHash })),
          /** The last signature's canonical content and hash: what a signed copy carries. */
          lastSigned: latest.signatures.length
            ? { content: latest.signatures[latest.signatures.length - 1]!.content, contentHash: latest.signatures[latest.signatures.length - 1]!.contentHash }
            : null,
        }
      : null,
    nextSigner: next,
    canSign: next !== null && next === actor.role && can(actor, "signOff.sign", target),
  };
}

/** A fresh short code; the unique index settles the (2^-50) chance of a repeat. */
function newCode() {
  return codeFromDigits(Array.from({ length: CODE_LENGTH }, () => randomInt(32)));
}

/**
 * Signs the locus's Berita Acara: the verifier first (which issues a new document with a new code
 * when none is current), then the institution's head. The signer confirms with the password again
 * (step-up); a wrong password is refused and audited. The signature covers the SHA-256 of the
 * canonical content (the body and the signatories so far, this one last) and is audited. Outside
 * the signer's scope the locus is not found, exactly as one that does not exist.
 */
export async function signBeritaAcara(actor: Signer, assessmentId: string, password: string, now = new Date()) {
  if (actor.role !== "VERIFIER" && actor.role !== "HEAD") throw new ActionError("errors.notFound");
  const role: SignerRole = actor.role;
  const preview = await loadBeritaAcaraContent(db, assessmentId);
  if (!preview || !can(actor, "signOff.sign", { institutionId: preview.details.institutionId, verifierIds: preview.details.verifierIds })) {
    throw new ActionError("errors.notFound");
  }
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, isActive: true } });
  const valid = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!valid || !user?.passwordHash || !user.isActive) {
    await audit(db, actor, { action: "signOff.passwordRefused", entityType: "Assessment", entityId: assessmentId, assessmentId, after: { role } });
    throw new ActionError("signOff.wrongPassword");
  }
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        // One signature at a time per locus: the row lock orders concurrent signers.
        await tx.$queryRaw`SELECT id FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
        const content = await loadBeritaAcaraContent(tx, assessmentId);
        if (!content) throw new ActionError("errors.notFound");
        if (!SIGNABLE_STATUSES.includes(content.details.status)) throw new ActionError("signOff.notApproved");
        const hash = bodyHash(content.body);
        const latest = await latestDocument(tx, assessmentId);
        let document = latest && latest.bodyHash === hash ? latest : null;
        const already = document ? signedRoles(document.signatures) : [];
        const order = checkSigningOrder(already, role);
        if (!order.ok) throw new ActionError(`signOff.${order.reason}`);
        if (!document) {
          document = { ...(await tx.beritaAcara.create({ data: { assessmentId, code: newCode(), bodyHash: hash, createdById: actor.id } })), signatures: [] };
        }
        const previous: Signatory[] = document.signatures.length
          ? (JSON.parse(document.signatures[document.signatures.length - 1]!.content) as SignedContent).signatories
          : [];
        const signatory: Signatory = { role, userId: actor.id, name: actor.name, signedAt: now.toISOString() };
        const text = canonicalJson(signedContent(content.body, [...previous, signatory]));
        const contentHash = sha256Hex(text);
        await tx.beritaAcaraSignature.create({
          data: { beritaAcaraId: document.id, role, signerId: actor.id, signerName: actor.name, signedAt: now, content: text, contentHash },
        });
        await audit(tx, actor, {
          action: "signOff.sign",
          entityType: "BeritaAcara",
          entityId: document.id,
          assessmentId,
          after: { code: document.code, role, contentHash, bodyHash: hash, index: content.body.index, grade: content.body.grade },
        });
        // The verifier signed: the institution's heads sign next.
        if (role === "VERIFIER") await emitNotification(tx, { kind: "signOff.awaitingHead", assessmentId, actorId: actor.id, code: document.code });
        return { code: document.code, contentHash, role };
      });
    } catch (error) {
      // Two verifiers issuing a code at once, or a repeated code: try once more on fresh data.
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}

export type VerificationState = "current" | "superseded" | "awaitingHead";

/**
 * The public view of a code (page /verify/<code>): what was signed (the last signature's content),
 * the signatories and their times, the hash, and whether it is still current: superseded when a
 * newer document exists for the locus or the locus's data no longer gives the signed body (a
 * correction, a new result version, a changed level). Null for an unknown code.
 */
export async function findSignedDocument(codeInput: string) {
  const code = parseCode(codeInput);
  if (!code) return null;
  const document = await db.beritaAcara.findUnique({
    where: { code },
    include: { signatures: { select: signatureSelect, orderBy: { signedAt: "asc" } } },
  });
  if (!document || document.signatures.length === 0) return null;
  const last = document.signatures[document.signatures.length - 1]!;
  const content = JSON.parse(last.content) as SignedContent;
  const [latest, now] = await Promise.all([latestDocument(db, document.assessmentId), loadBeritaAcaraContent(db, document.assessmentId)]);
  const superseded = latest?.id !== document.id || !now || bodyHash(now.body) !== document.bodyHash;
  const state: VerificationState = superseded ? "superseded" : nextSigner(signedRoles(document.signatures)) === null ? "current" : "awaitingHead";
  return {
    code: document.code,
    state,
    content,
    contentHash: last.contentHash,
    bodyHash: document.bodyHash,
    signatures: document.signatures.map((s) => ({ role: s.role, name: s.signerName, signedAt: s.signedAt, contentHash: s.contentHash })),
    supersededBy: superseded && latest && latest.id !== document.id ? latest.code : null,
  };
}

/** The signed content a PDF of the portal carries in its document information (see pdf.ts). */
export function extractEmbeddedContent(pdf: Buffer): { content: string; code: string | null } | null {
  const text = pdf.toString("latin1");
  const content = readLiteral(text, "/PekpppContent");
  if (content === null) return null;
  return { content, code: readLiteral(text, "/PekpppCode") };
}

/** Reads the PDF literal string of a key (direct, or through its object), undoing the escapes of PDF §7.3.4.2. */
function readLiteral(text: string, key: string): string | null {
  // pdfkit writes each information entry as an indirect object: `/Key 12 0 R` … `12 0 obj\n(…)`.
  const reference = new RegExp(`${key} (\\d+) 0 R`).exec(text);
  const start = reference ? text.indexOf(`\n${reference[1]} 0 obj\n(`) : text.indexOf(`${key} (`);
  if (start < 0) return null;
  let i = text.indexOf("(", start) + 1;
  let depth = 0;
  let out = "";
  const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
  for (; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "\\") {
      const next = text[i + 1] ?? "";
      if (next in escapes) {
        out += escapes[next];
        i += 1;
      } else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
        out += String.fromCharCode(Number.parseInt(octal, 8));
        i += octal.length;
      }
      continue;
    }
    if (ch === "(") depth += 1;
    if (ch === ")") {
      if (depth === 0) return out;
      depth -= 1;
    }
    out += ch;
  }
  return null;
}

export type IntegrityOutcome = "match" | "mismatch" | "unreadable";

/**
 * Does an uploaded PDF (or a pasted hash) match what was signed under this code? A PDF matches
 * when the content it carries hashes to the hash of one of the code's signatures: one byte of a
 * level changed gives another hash. A hash matches when it is one of the signatures' hashes.
 */
export async function checkIntegrity(codeInput: string, input: { pdf?: Buffer; hash?: string }): Promise<IntegrityOutcome> {
  const code = parseCode(codeInput);
  if (!code) return "mismatch";
  const document = await db.beritaAcara.findUnique({ where: { code }, include: { signatures: { select: { contentHash: true } } } });
  if (!document) return "mismatch";
  const hashes = new Set(document.signatures.map((s) => s.contentHash));
  if (input.hash !== undefined) {
    const hash = parseHash(input.hash);
    return hash && hashes.has(hash) ? "match" : "mismatch";
  }
  if (!input.pdf) return "unreadable";
  const embedded = extractEmbeddedContent(input.pdf);
  if (!embedded) return "unreadable";
  if (embedded.code !== null && embedded.code !== code) return "mismatch";
  return hashes.has(sha256Hex(embedded.content)) ? "match" : "mismatch";
}
