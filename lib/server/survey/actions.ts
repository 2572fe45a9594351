"use server";

import { cookies, headers } from "next/headers";
import { ZSubmitSurvey } from "@/lib/schemas/survey";
import { publicActionClient } from "@/lib/server/action-client/client";
import { requestOrigin } from "@/lib/server/audit/record";
import { requestClient } from "@/lib/server/http/request-client";
import {
  newRespondentId,
  parseRespondentId,
  respondentKeyHash,
  submitSurveyResponse,
  SURVEY_RESPONDENT_COOKIE,
  SURVEY_RESPONDENT_COOKIE_PATH,
} from "@/lib/server/survey/survey";

/**
 * A service user's F-03 response through a public link (no account). The browser is recognised by
 * a random respondent id in an httpOnly cookie; only its hash, salted with the link's token, is
 * stored, and the unique index on it allows one response per browser and link.
 */
export const submitSurveyAction = publicActionClient
  .metadata({ action: "survey.submit", policy: "survey.respond" })
  .inputSchema(ZSubmitSurvey)
  .action(async ({ parsedInput }) => {
    const store = await cookies();
    const known = parseRespondentId(store.get(SURVEY_RESPONDENT_COOKIE)?.value);
    const respondentId = known ?? newRespondentId();
    const { ipAddress } = await requestOrigin();
    const result = await submitSurveyResponse(
      parsedInput.token,
      { ratings: parsedInput.ratings, comment: parsedInput.comment },
      { respondentKeyHash: respondentKeyHash(parsedInput.token, respondentId), address: ipAddress },
    );
    if (!known) {
      // The protocol of the connection, or the one trusted proxies forwarded (client-address.ts).
      const https = requestClient(await headers()).protocol === "https";
      store.set(SURVEY_RESPONDENT_COOKIE, respondentId, {
        path: SURVEY_RESPONDENT_COOKIE_PATH,
        httpOnly: true,
        sameSite: "lax",
        secure: https,
        maxAge: 60 * 60 * 24 * 365,
      });
    }
    return result;
  });
