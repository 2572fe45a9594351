import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import type { VersionDiff } from "@/lib/domain/results/versions";
import { db } from "../db/client";

/**
 * What the admin's correction page shows for one locus (policy correction.manage): its status,
 * every indicator with its verified level and note, the open correction and the earlier ones.
 */
export async function loadCorrectionView(actor: Actor, assessmentId: string) {
  if (!can(actor, "correction.manage")) return null;
  const assessment = await db.assessment.findUnique({
    where: { id: assessmentId },
    select: {
      id: true,
      status: true,
      cycleId: true,
      cycle: { select: { name: true, publishedAt: true, instrumentVersionId: true } },
      locus: { select: { name: true, institution: { select: { name: true } } } },
      verifiedAnswers: { select: { level: true, note: true, indicator: { select: { code: true } } } },
    },
  });
  if (!assessment) return null;
  const [indicators, corrections] = await Promise.all([
    db.instrumentIndicator.findMany({
      where: { instrumentVersionId: assessment.cycle.instrumentVersionId },
      select: { code: true, name: true, aspect: { select: { position: true } }, position: true },
      orderBy: [{ aspect: { position: "asc" } }, { position: "asc" }],
    }),
    db.resultCorrection.findMany({ where: { assessmentId }, orderBy: { openedAt: "desc" } }),
  ]);
  const versions = await db.resultVersion.findMany({
    where: { cycleId: assessment.cycleId, correctionId: { in: corrections.map((c) => c.id) } },
    select: { correctionId: true, number: true, changes: true },
  });
  const verified = new Map(assessment.verifiedAnswers.map((a) => [a.indicator.code, a]));
  return {
    id: assessment.id,
    status: assessment.status,
    cycleId: assessment.cycleId,
    cycleName: assessment.cycle.name,
    published: assessment.cycle.publishedAt !== null,
    locusName: assessment.locus.name,
    institutionName: assessment.locus.institution.name,
    indicators: indicators.map((i) => ({ code: i.code, name: i.name, level: verified.get(i.code)?.level ?? null, note: verified.get(i.code)?.note ?? "" })),
    open: corrections.find((c) => c.publishedAt === null) ?? null,
    history: corrections
      .filter((c) => c.publishedAt !== null)
      .map((c) => ({ ...c, changes: (versions.find((v) => v.correctionId === c.id)?.changes ?? null) as VersionDiff | null })),
  };
}
