import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { scoringSettingsOf } from "@/lib/domain/scoring";
import { isReopenable, isSelfAssessmentEditable, selfAssessmentWindow } from "@/lib/domain/workflow";
import { db } from "../db/client";
import { findAssessment, policyTargetOf } from "./queries";
import { listEvidence } from "./evidence";
import { loadInstrument } from "../instrument/load";
import type { SavedAnswer } from "@/lib/schemas/self-assessment";

export interface ReviewRoundView {
  round: number;
  decision: "RETURNED" | "APPROVED";
  summary: string;
  decidedAt: string;
  decidedBy: string | null;
  reasons: { indicatorCode: string; reason: string }[];
}

export type EditBlock =
  | { kind: "none" }
  | { kind: "status"; status: string }
  | { kind: "window"; reason: "NO_STAGE" | "NOT_STARTED" | "ENDED"; from: string | null; to: string | null }
  | { kind: "role" };

/**
 * Everything the locus workspace shows, for anyone who may view the locus; null (not found) for
 * anyone else. Whether the viewer may edit is decided here, from the policy, the status and the
 * stage dates, so that the page shows controls only to those who may use them.
 */
export async function loadWorkspace(actor: Actor, assessmentId: string, now = new Date()) {
  const assessment = await findAssessment(actor, assessmentId);
  if (!assessment) return null;
  const target = policyTargetOf(assessment);
  const cycle = assessment.cycle;
  const [instrument, answers, evidence, rounds, responses] = await Promise.all([
    loadInstrument(cycle.instrumentVersionId),
    db.selfAnswer.findMany({
      where: { assessmentId },
      select: {
        level: true,
        justification: true,
        version: true,
        updatedAt: true,
        updatedBy: { select: { name: true } },
        indicator: { select: { code: true } },
      },
    }),
    listEvidence(actor, assessmentId),
    db.reviewRound.findMany({
      where: { assessmentId },
      select: {
        round: true,
        decision: true,
        summary: true,
        decidedAt: true,
        decidedBy: { select: { name: true } },
        reasons: { select: { reason: true, indicator: { select: { code: true } } } },
      },
      orderBy: [{ round: "desc" }, { decidedAt: "desc" }],
    }),
    db.surveyResponse.findMany({ where: { assessmentId }, select: { ratings: true } }),
  ]);

  const stage = assessment.cycle.stages.find((s) => s.kind === "SELF_ASSESSMENT") ?? null;
  const window = selfAssessmentWindow(stage, assessment.reopenedUntil, now);
  const mayEdit = can(actor, "selfAssessment.edit", target);
  const editBlock: EditBlock = !mayEdit
    ? { kind: "role" }
    : !isSelfAssessmentEditable(assessment.status)
      ? { kind: "status", status: assessment.status }
      : !window.open
        ? { kind: "window", reason: window.reason, from: window.window?.startsAt.toISOString() ?? null, to: window.window?.endsAt.toISOString() ?? null }
        : { kind: "none" };

  return {
    assessment: {
      id: assessment.id,
      status: assessment.status,
      round: assessment.round,
      locusName: assessment.locus.name,
      serviceType: assessment.locus.serviceType,
      institutionName: assessment.locus.institution.name,
      cycleName: assessment.cycle.name,
      reopenedUntil: assessment.reopenedUntil?.toISOString() ?? null,
      canSeeHistory: assessment.canSeeHistory,
    },
    instrument,
    answers: Object.fromEntries(
      answers.map((a) => [
        a.indicator.code,
        {
          level: a.level,
          justification: a.justification,
          version: a.version,
          updatedAt: a.updatedAt.toISOString(),
          updatedBy: a.updatedBy?.name ?? null,
        } satisfies SavedAnswer,
      ]),
    ),
    evidence,
    rounds: rounds.map(
      (r): ReviewRoundView => ({
        round: r.round,
        decision: r.decision,
        summary: r.summary,
        decidedAt: r.decidedAt.toISOString(),
        decidedBy: r.decidedBy?.name ?? null,
        reasons: r.reasons.map((x) => ({ indicatorCode: x.indicator.code, reason: x.reason })),
      }),
    ),
    surveyResponses: responses.map((r) => r.ratings),
    settings: scoringSettingsOf(cycle),
    evidenceRequiredAboveZero: cycle.evidenceRequiredAboveZero,
    window: stage ? { startsAt: stage.startsAt.toISOString(), endsAt: stage.endsAt.toISOString() } : null,
    /** The cycle's stage dates: pages decide from them what can succeed now (lib/domain/workflow). */
    stages: assessment.cycle.stages.map((s) => ({ kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt })),
    editBlock,
    canEdit: editBlock.kind === "none",
    canSubmit: editBlock.kind === "none" && can(actor, "selfAssessment.submit", target),
    target,
    canReopen: can(actor, "assessment.reopen") && isReopenable(assessment.status),
  };
}

export type Workspace = NonNullable<Awaited<ReturnType<typeof loadWorkspace>>>;
