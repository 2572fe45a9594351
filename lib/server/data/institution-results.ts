import "server-only";
import { can } from "@/lib/auth/policies";
import { classify } from "@/lib/domain/grades";
import { computeLocusResult, institutionIndex, type LocusResult } from "@/lib/domain/scoring";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { assessmentScope } from "./assessments";
import { loadInstrument } from "./instrument";

export interface InstitutionResultView {
  cycle: { id: string; name: string; year: number; f02SharePercent: number; minSurveyRespondents: number };
  loci: { assessmentId: string; name: string; serviceType: string; status: string; result: LocusResult }[];
  index: ReturnType<typeof classify> | null;
}

/**
 * The verified result of the head's own institution in its latest finalised cycle, computed by
 * the scoring module from the verified levels and the F-03 responses.
 */
export async function loadHeadInstitutionResult(user: CurrentUser): Promise<InstitutionResultView | null> {
  if (user.role !== "HEAD" || !user.institutionId || !can(user, "results.institution", { institutionId: user.institutionId })) return null;
  const cycle = await db.cycle.findFirst({
    where: { status: { in: ["FINALISED", "ARCHIVED"] }, assessments: { some: { locus: { institutionId: user.institutionId } } } },
    orderBy: { year: "desc" },
  });
  if (!cycle) return null;
  const [instrument, assessments] = await Promise.all([
    loadInstrument(cycle.instrumentVersionId),
    db.assessment.findMany({
      where: { ...assessmentScope(user, "results.institution", cycle.id), status: { in: ["VERIFIED", "FINAL"] } },
      include: {
        locus: { select: { name: true, serviceType: true } },
        verifiedAnswers: { select: { level: true, indicator: { select: { code: true } } } },
        surveyResponses: { select: { ratings: true } },
      },
      orderBy: { locus: { serviceType: "asc" } },
    }),
  ]);
  const settings = { f02SharePercent: cycle.f02SharePercent, minSurveyRespondents: cycle.minSurveyRespondents, institutionAggregation: "MEAN" as const };
  const loci = assessments.map((assessment) => {
    const answers = new Map<string, number>();
    for (const answer of assessment.verifiedAnswers) {
      if (answer.level !== null) answers.set(answer.indicator.code, answer.level);
    }
    const result = computeLocusResult(instrument, answers, assessment.surveyResponses.map((r) => r.ratings), settings);
    return { assessmentId: assessment.id, name: assessment.locus.name, serviceType: assessment.locus.serviceType, status: assessment.status, result };
  });
  const index = institutionIndex(loci.map((l) => l.result.index.index), settings);
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year, f02SharePercent: cycle.f02SharePercent, minSurveyRespondents: cycle.minSurveyRespondents },
    loci,
    index: index ? classify(index) : null,
  };
}
