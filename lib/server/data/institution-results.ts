import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { classify } from "@/lib/domain/grades";
import { computeLocusResult, institutionIndex, type LocusResult } from "@/lib/domain/scoring";
import { db } from "../db";
import { assessmentScope } from "./assessments";
import { loadInstrument } from "./instrument";

export interface InstitutionResultView {
  cycle: { id: string; name: string; year: number; status: string; f02SharePercent: number; minSurveyRespondents: number };
  /** Every locus of the institution in the cycle; `result` only once its levels are verified. */
  loci: { assessmentId: string; name: string; serviceType: string; status: string; result: LocusResult | null }[];
  /** The institution index, once every locus is verified. */
  index: ReturnType<typeof classify> | null;
}

/**
 * The verified result of the head's own institution in a cycle, computed by the scoring module
 * from the verified levels and the F-03 responses (only VERIFIED and FINAL loci have one).
 */
async function institutionResultInCycle(actor: Actor, cycle: InstitutionResultView["cycle"] & { instrumentVersionId: string }): Promise<InstitutionResultView> {
  const [instrument, assessments] = await Promise.all([
    loadInstrument(cycle.instrumentVersionId),
    db.assessment.findMany({
      where: assessmentScope(actor, "results.institution", cycle.id),
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
    const verified = assessment.status === "VERIFIED" || assessment.status === "FINAL";
    const answers = new Map<string, number>();
    for (const answer of assessment.verifiedAnswers) if (answer.level !== null) answers.set(answer.indicator.code, answer.level);
    return {
      assessmentId: assessment.id,
      name: assessment.locus.name,
      serviceType: assessment.locus.serviceType,
      status: assessment.status,
      result: verified ? computeLocusResult(instrument, answers, assessment.surveyResponses.map((r) => r.ratings), settings) : null,
    };
  });
  const complete = loci.length > 0 && loci.every((l) => l.result);
  const index = complete ? institutionIndex(loci.map((l) => l.result!.index.index), settings) : null;
  const { instrumentVersionId: _unused, ...cycleView } = cycle;
  return { cycle: cycleView, loci, index: index ? classify(index) : null };
}

const cycleFields = { id: true, name: true, year: true, status: true, f02SharePercent: true, minSurveyRespondents: true, instrumentVersionId: true } as const;

/** The head's institution: the running cycle (as far as verified) and the latest finalised one. */
export async function loadHeadResults(actor: Actor) {
  if (actor.role !== "HEAD" || !actor.institutionId || !can(actor, "results.institution", { institutionId: actor.institutionId })) return null;
  const inInstitution = { assessments: { some: { locus: { institutionId: actor.institutionId } } } };
  const [current, finalised] = await Promise.all([
    db.cycle.findFirst({ where: { status: "ACTIVE", ...inInstitution }, orderBy: { year: "desc" }, select: cycleFields }),
    db.cycle.findFirst({ where: { status: { in: ["FINALISED", "ARCHIVED"] }, ...inInstitution }, orderBy: { year: "desc" }, select: cycleFields }),
  ]);
  return {
    current: current ? await institutionResultInCycle(actor, current) : null,
    finalised: finalised ? await institutionResultInCycle(actor, finalised) : null,
  };
}
