import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { can, type Actor } from "@/lib/auth/policies";
import { dispositionOf, type EvidenceDisposition } from "@/lib/domain/evidence/file-types";
import { inspectEvidenceFile } from "@/lib/domain/evidence/inspect";
import { ZAddEvidenceLink } from "@/lib/domain/evidence/link";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { logger } from "../logger";
import { evidenceStorage } from "../storage";
import { assessmentScope, policyTargetFields, policyTargetOf } from "./queries";
import { loadEditableAssessment } from "./access";

/** Who acts: the server layer's current user (its e-mail labels the audit record). */
type Editor = Actor & { email: string };

export const itemFields = {
  id: true,
  kind: true,
  safeName: true,
  url: true,
  title: true,
  mimeType: true,
  sizeBytes: true,
  createdAt: true,
  assessmentId: true,
  indicator: { select: { code: true, position: true } },
  uploadedBy: { select: { name: true } },
} satisfies Prisma.EvidenceItemSelect;

type ItemRow = Prisma.EvidenceItemGetPayload<{ select: typeof itemFields }>;

export function toView(row: ItemRow): EvidenceItemView {
  return {
    id: row.id,
    kind: row.kind,
    indicatorCode: row.indicator?.code ?? "",
    safeName: row.safeName,
    url: row.url,
    title: row.title,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
    uploadedByName: row.uploadedBy?.name ?? null,
  };
}

/** What the audit trail keeps of an item (never the bytes; the storage key lets an admin find them). */
export function auditView(row: {
  kind: string;
  indicatorCode: string;
  safeName?: string | null;
  originalName?: string | null;
  url?: string | null;
  title?: string;
  mimeType?: string | null;
  sizeBytes?: number | null;
  sha256?: string | null;
  storageKey?: string | null;
}) {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined && value !== null)) as Prisma.InputJsonObject;
}

/** What a removal reads of an item: what its audit record keeps, and the record the item belongs to. */
export const removedItemFields = {
  id: true,
  kind: true,
  safeName: true,
  originalName: true,
  url: true,
  title: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  storageKey: true,
  assessmentId: true,
  followUpActionId: true,
  indicator: { select: { code: true } },
} satisfies Prisma.EvidenceItemSelect;

type RemovedItem = Prisma.EvidenceItemGetPayload<{ select: typeof removedItemFields }>;

/** The audit view of a removed item; `indicatorCode` is the code it is recorded under (its indicator's by default). */
export function removedAuditView(item: RemovedItem, indicatorCode = item.indicator?.code ?? "") {
  const { kind, safeName, originalName, url, title, mimeType, sizeBytes, sha256, storageKey } = item;
  return auditView({ kind, indicatorCode, safeName, originalName, url, title: title || undefined, mimeType, sizeBytes, sha256, storageKey });
}

type IndicatorReader = Pick<Prisma.TransactionClient, "instrumentIndicator">;

/** The indicator of this code in the instrument version of the assessment's cycle; unknown: a validation error. */
async function resolveIndicator(reader: IndicatorReader, instrumentVersionId: string, indicatorCode: string) {
  const indicator = await reader.instrumentIndicator.findUnique({
    where: { instrumentVersionId_code: { instrumentVersionId, code: indicatorCode } },
    select: { id: true, code: true },
  });
  if (!indicator) throw new ActionError("evidence.indicatorUnknown", { code: indicatorCode.slice(0, 40) });
  return indicator;
}

/** A file that passed inspection and is stored: what its row records. */
export interface StoredEvidenceFile {
  storageKey: string;
  originalName: string;
  safeName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Inspects an uploaded file (its type is decided from the content, lib/domain/evidence), stores it
 * under a generated key in `evidence/<folder>/`, then lets `record` write its row and audit record
 * (in a transaction that checks again that the change is allowed). If `record` fails, the stored
 * object is deleted. Self-assessment and follow-up evidence share these rules.
 */
export async function storeEvidenceFile<T>(
  folder: string,
  input: { originalName: string; bytes: Uint8Array },
  record: (file: StoredEvidenceFile) => Promise<T>,
): Promise<T> {
  const inspected = await inspectEvidenceFile({ name: input.originalName, bytes: input.bytes, maxBytes: env.EVIDENCE_MAX_BYTES });
  if (!inspected.ok) throw new ActionError(inspected.problem.key, inspected.problem.values);
  const { type, originalName, safeName } = inspected.file;
  const storageKey = `evidence/${folder}/${randomUUID()}.${type.extensions[0]}`;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storage = await evidenceStorage();
  await storage.put(storageKey, input.bytes, type.mime);
  try {
    return await record({ storageKey, originalName, safeName, mimeType: type.mime, sizeBytes: input.bytes.byteLength, sha256 });
  } catch (error) {
    await storage.delete(storageKey).catch((err: unknown) => logger.error({ err, storageKey }, "orphaned evidence object could not be deleted"));
    throw error;
  }
}

/**
 * Adds an uploaded file to an indicator of a self-assessment the actor may edit now, through
 * storeEvidenceFile: the row and its audit record are written in one transaction that checks
 * again that the assessment may be changed.
 */
export async function addFileEvidence(
  actor: Editor,
  input: { assessmentId: string; indicatorCode: string; originalName: string; bytes: Uint8Array },
): Promise<EvidenceItemView> {
  // Refuse early (out of scope, locked, closed stage) so nothing is stored for a refused caller.
  const { assessment, indicator } = await db.$transaction(async (tx) => {
    const editable = await loadEditableAssessment(tx, actor, input.assessmentId);
    return { assessment: editable, indicator: await resolveIndicator(tx, editable.cycle.instrumentVersionId, input.indicatorCode) };
  });
  return storeEvidenceFile(assessment.id, input, (file) =>
    db.$transaction(async (tx) => {
      await loadEditableAssessment(tx, actor, input.assessmentId);
      const row = await tx.evidenceItem.create({
        data: { kind: "FILE", assessmentId: assessment.id, indicatorId: indicator.id, ...file, uploadedById: actor.id },
        select: itemFields,
      });
      await audit(tx, actor, {
        action: "evidence.addFile",
        entityType: "EvidenceItem",
        entityId: row.id,
        assessmentId: assessment.id,
        after: auditView({ kind: "FILE", indicatorCode: indicator.code, ...file }),
      });
      return toView(row);
    }),
  );
}

/** Adds a link (an absolute http(s) address, optional title) to an indicator of an editable self-assessment. */
export async function addLinkEvidence(
  actor: Editor,
  input: { assessmentId: string; indicatorCode: string; url: string; title?: string },
): Promise<EvidenceItemView> {
  const parsed = ZAddEvidenceLink.safeParse(input);
  if (!parsed.success) throw new ActionError(parsed.error.issues[0]?.message ?? "validation.invalid");
  const link = parsed.data;
  return db.$transaction(async (tx) => {
    const assessment = await loadEditableAssessment(tx, actor, input.assessmentId);
    const indicator = await resolveIndicator(tx, assessment.cycle.instrumentVersionId, link.indicatorCode);
    const row = await tx.evidenceItem.create({
      data: { kind: "LINK", assessmentId: assessment.id, indicatorId: indicator.id, url: link.url, title: link.title, uploadedById: actor.id },
      select: itemFields,
    });
    await audit(tx, actor, {
      action: "evidence.addLink",
      entityType: "EvidenceItem",
      entityId: row.id,
      assessmentId: assessment.id,
      after: auditView({ kind: "LINK", indicatorCode: indicator.code, url: link.url, title: link.title }),
    });
    return toView(row);
  });
}

/**
 * Removes an item from an editable self-assessment: sets removedAt (the row stays, and so does
 * the stored object, so the audit trail keeps pointing at what was removed) and audits it.
 */
export async function removeEvidence(actor: Editor, evidenceId: string): Promise<{ id: string; assessmentId: string }> {
  return db.$transaction(async (tx) => {
    const item = await tx.evidenceItem.findFirst({
      where: { id: evidenceId, removedAt: null, assessment: assessmentScope(actor, "selfAssessment.edit") },
      select: removedItemFields,
    });
    if (!item?.assessmentId) throw new ActionError("errors.notFound");
    await loadEditableAssessment(tx, actor, item.assessmentId);
    const removed = await tx.evidenceItem.updateMany({ where: { id: item.id, removedAt: null }, data: { removedAt: new Date() } });
    if (removed.count === 0) throw new ActionError("errors.notFound");
    await audit(tx, actor, {
      action: "evidence.remove",
      entityType: "EvidenceItem",
      entityId: item.id,
      assessmentId: item.assessmentId,
      before: removedAuditView(item),
    });
    return { id: item.id, assessmentId: item.assessmentId };
  });
}

/**
 * The items of an assessment that are not removed, ordered by the indicator's position in the
 * instrument, then oldest first, for anyone who may view the assessment ("assessment.view").
 * Outside the actor's scope (or unknown): an empty list.
 */
export async function listEvidence(actor: Actor, assessmentId: string): Promise<EvidenceItemView[]> {
  const assessment = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "assessment.view")] },
    select: { ...policyTargetFields, status: true },
  });
  if (!assessment || !can(actor, "assessment.view", policyTargetOf(assessment))) return [];
  const rows = await db.evidenceItem.findMany({
    where: { assessmentId, removedAt: null, indicatorId: { not: null } },
    select: itemFields,
    orderBy: [{ indicator: { position: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toView);
}

export interface OpenedEvidence {
  body: ReadableStream<Uint8Array>;
  safeName: string;
  mimeType: string;
  sizeBytes: number;
  disposition: EvidenceDisposition;
}

/**
 * A stored file, for download under "evidence.download": the scope is in the query and the
 * verifier's assignment is checked for the assessment's own cycle. A foreign, unknown, removed or
 * link item is "not found", exactly alike.
 */
export async function openEvidence(actor: Actor, evidenceId: string): Promise<OpenedEvidence> {
  const item = await db.evidenceItem.findFirst({
    where: {
      id: evidenceId,
      kind: "FILE",
      removedAt: null,
      // Self-assessment evidence, evidence of a follow-up action on one of the assessment's recommendations,
      // or a file attached to a comment of the assessment's conversation (lib/server/conversation).
      // (Each branch names its foreign key: an admin's scope is empty, and an empty branch of an OR matches nothing.)
      OR: [
        { assessmentId: { not: null }, assessment: assessmentScope(actor, "evidence.download") },
        { followUpActionId: { not: null }, followUpAction: { recommendation: { assessment: assessmentScope(actor, "evidence.download") } } },
        { commentId: { not: null }, comment: { assessment: assessmentScope(actor, "evidence.download") } },
        // Evidence of an appeal (sanggah): for whoever may see the locus, and for the appeal's reviewer.
        { appealId: { not: null }, appeal: { assessment: assessmentScope(actor, "evidence.download") } },
        { appealId: { not: null }, appeal: { reviewerId: actor.id } },
      ],
    },
    select: {
      storageKey: true,
      safeName: true,
      mimeType: true,
      sizeBytes: true,
      assessment: { select: { ...policyTargetFields, status: true } },
      followUpAction: { select: { recommendation: { select: { assessment: { select: policyTargetFields } } } } },
      comment: { select: { assessment: { select: { ...policyTargetFields, status: true } } } },
      appeal: { select: { reviewerId: true, assessment: { select: { ...policyTargetFields, status: true } } } },
    },
  });
  const owner = item?.assessment ?? item?.followUpAction?.recommendation.assessment ?? item?.comment?.assessment ?? item?.appeal?.assessment;
  const isAppealReviewer = item?.appeal?.reviewerId === actor.id && actor.role === "VERIFIER";
  if (!item || !owner || !item.storageKey || !(isAppealReviewer || can(actor, "evidence.download", policyTargetOf(owner)))) {
    throw new ActionError("errors.notFound");
  }
  const stored = await (await evidenceStorage()).get(item.storageKey);
  if (!stored) {
    logger.error({ evidenceId, storageKey: item.storageKey }, "evidence object missing from storage");
    throw new ActionError("errors.notFound");
  }
  const mimeType = item.mimeType ?? "application/octet-stream";
  return {
    body: stored.body,
    safeName: item.safeName ?? "bukti-dukung",
    mimeType,
    sizeBytes: stored.size ?? item.sizeBytes ?? 0,
    disposition: dispositionOf(mimeType),
  };
}
