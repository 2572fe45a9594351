"use server";

import { revalidatePath } from "next/cache";
import { endOfDayWib } from "@/lib/domain/cycle/dates";
import { ZCloseSurveyLink, ZCreateSurveyLink } from "@/lib/schemas/survey";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { closeSurveyLink, createSurveyLink } from "@/lib/server/survey/survey";

/** Opens a new F-03 link for a locus, optionally closing at the end of a day (WIB). Audited. */
export const createSurveyLinkAction = authorizedActionClient
  .metadata({ action: "survey.createLink", policy: "survey.manage" })
  .inputSchema(ZCreateSurveyLink)
  .action(async ({ parsedInput, ctx }) => {
    const link = await createSurveyLink(ctx.actor, {
      assessmentId: parsedInput.assessmentId,
      closesAt: parsedInput.closesOn ? endOfDayWib(parsedInput.closesOn) : null,
    });
    revalidatePath(`/assessments/${link.assessmentId}`);
    return { id: link.id, token: link.token };
  });

/** Closes one F-03 link now; the locus's other links stay open. Audited. */
export const closeSurveyLinkAction = authorizedActionClient
  .metadata({ action: "survey.closeLink", policy: "survey.manage" })
  .inputSchema(ZCloseSurveyLink)
  .action(async ({ parsedInput, ctx }) => {
    const closed = await closeSurveyLink(ctx.actor, parsedInput.linkId);
    revalidatePath(`/assessments/${closed.assessmentId}`);
    return { id: closed.id, closedAt: closed.closedAt.toISOString() };
  });
