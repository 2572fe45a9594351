import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { type PreCheckFacts, storedFileState, type StoredFileState } from "@/lib/domain/pre-check";
import { db } from "../db/client";
import { logger } from "../logger";
import { loadInstrument } from "../instrument/load";
import { evidenceStorage } from "../storage";

/** Files read at a time when their bytes are checked (a submission waits for them). */
const READ_CONCURRENCY = 4;

/**
 * The facts the pre-check rules read (docs/domain.md §8.1), for one locus as stored now: its
 * answers, evidence, the other uses of its files in the cycle, its self-assessment deadline, the
 * portal's own host names. PDFs and images are read back from the storage, bounded by the upload
 * limit, to tell empty, encrypted and cut-short files; no other type is read.
 */
export async function loadPreCheckFacts(
  assessmentId: string,
): Promise<{ facts: PreCheckFacts; cycleId: string; round: number; indicatorIds: Map<string, string> } | null> {
  const assessment = await db.assessment.findUnique({
    where: { id: assessmentId },
    select: {
      cycleId: true,
      round: true,
      reopenedUntil: true,
      locus: { select: { institutionId: true } },
      cycle: { select: { instrumentVersionId: true, stages: { where: { kind: "SELF_ASSESSMENT" }, select: { endsAt: true } } } },
      selfAnswers: { select: { level: true, justification: true, indicator: { select: { code: true } } } },
      evidence: {
        where: { removedAt: null, indicatorId: { not: null } },
        select: {
          id: true,
          kind: true,
          url: true,
          title: true,
          originalName: true,
          storageKey: true,
          mimeType: true,
          sizeBytes: true,
          sha256: true,
          createdAt: true,
          indicator: { select: { code: true } },
        },
      },
    },
  });
  if (!assessment) return null;
  const [instrument, indicators] = await Promise.all([
    loadInstrument(assessment.cycle.instrumentVersionId),
    db.instrumentIndicator.findMany({ where: { instrumentVersionId: assessment.cycle.instrumentVersionId }, select: { id: true, code: true } }),
  ]);
  const hashes = [...new Set(assessment.evidence.flatMap((e) => (e.sha256 ? [e.sha256] : [])))];
  const [otherUses, states] = await Promise.all([
    hashes.length === 0
      ? []
      : db.evidenceItem.findMany({
          where: {
            sha256: { in: hashes },
            removedAt: null,
            indicatorId: { not: null },
            assessmentId: { not: assessmentId },
            assessment: { cycleId: assessment.cycleId },
          },
          select: {
            sha256: true,
            assessmentId: true,
            indicator: { select: { code: true, aspect: { select: { code: true } } } },
            assessment: { select: { locus: { select: { institutionId: true } } } },
          },
        }),
    fileStates(assessment.evidence),
  ]);
  const endsAt = assessment.cycle.stages[0]?.endsAt ?? null;
  const deadline = [endsAt, assessment.reopenedUntil].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const facts: PreCheckFacts = {
    indicators: instrument.aspects.flatMap((aspect) =>
      aspect.indicators.map((i) => ({ code: i.code, aspectCode: aspect.code, rubric: i.levels.map((l) => l.description) })),
    ),
    answers: assessment.selfAnswers.map((a) => ({ indicatorCode: a.indicator.code, level: a.level, justification: a.justification })),
    evidence: assessment.evidence.map((e) => ({
      id: e.id,
      indicatorCode: e.indicator?.code ?? "",
      kind: e.kind === "LINK" ? "LINK" : "FILE",
      label: (e.kind === "LINK" ? e.url : e.originalName) ?? e.title,
      sha256: e.sha256,
      url: e.url,
      uploadedAt: e.createdAt.toISOString(),
      fileState: states.get(e.id) ?? null,
    })),
    otherUses: otherUses.flatMap((u) =>
      u.sha256 && u.assessmentId && u.indicator && u.assessment
        ? [
            {
              sha256: u.sha256,
              assessmentId: u.assessmentId,
              indicatorCode: u.indicator.code,
              aspectCode: u.indicator.aspect.code,
              otherInstitution: u.assessment.locus.institutionId !== assessment.locus.institutionId,
            },
          ]
        : [],
    ),
    deadline: deadline?.toISOString() ?? null,
    portalHosts: await portalHosts(),
  };
  return { facts, cycleId: assessment.cycleId, round: assessment.round, indicatorIds: new Map(indicators.map((i) => [i.code, i.id])) };
}

type FileRow = { id: string; kind: string; storageKey: string | null; mimeType: string | null; sizeBytes: number | null };

async function fileStates(evidence: readonly FileRow[]) {
  const states = new Map<string, StoredFileState>();
  const files = evidence.filter((e) => e.kind === "FILE");
  for (const e of files) if (e.sizeBytes === 0) states.set(e.id, "empty");
  const toRead = files.filter((e) => !states.has(e.id) && e.storageKey && (e.mimeType === "application/pdf" || e.mimeType?.startsWith("image/")));
  for (let i = 0; i < toRead.length; i += READ_CONCURRENCY) {
    await Promise.all(toRead.slice(i, i + READ_CONCURRENCY).map(async (e) => states.set(e.id, await readState(e))));
  }
  return states;
}

async function readState(e: FileRow): Promise<StoredFileState> {
  try {
    const stored = await (await evidenceStorage()).get(e.storageKey ?? "");
    if (!stored) return "unreadable";
    const bytes = await readBounded(stored.body, env.EVIDENCE_MAX_BYTES);
    return bytes ? storedFileState(bytes, e.mimeType) : "ok";
  } catch (error) {
    logger.warn({ err: error, evidenceId: e.id }, "pre-check could not read an evidence file");
    return "unreadable";
  }
}

/** The whole object, or null once it is larger than `limit` (an upload never is). */
async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The portal's own host names: its configured address and the host this request came to. */
async function portalHosts() {
  const hosts = new Set<string>();
  if (env.AUTH_URL) hosts.add(new URL(env.AUTH_URL).hostname.toLowerCase());
  try {
    const host = (await headers()).get("host");
    if (host) hosts.add(new URL(`http://${host}`).hostname.toLowerCase());
  } catch {
    // Outside a request (a script, a test): the configured address only.
  }
  return [...hosts].sort();
}
