import enCore from "./en/core.json";
import enEvidence from "./en/evidence.json";
import enSurvey from "./en/survey.json";
import enVerification from "./en/verification.json";
import enWorkspace from "./en/workspace.json";
import idCore from "./id/core.json";
import idEvidence from "./id/evidence.json";
import idSurvey from "./id/survey.json";
import idVerification from "./id/verification.json";
import idWorkspace from "./id/workspace.json";

/**
 * The catalogues, one file per area so that work on one area does not touch the others' files.
 * Each file holds its own top-level namespaces; a unit test checks they never overlap.
 */
export const MESSAGE_FILES = {
  id: { core: idCore, evidence: idEvidence, workspace: idWorkspace, verification: idVerification, survey: idSurvey },
  en: { core: enCore, evidence: enEvidence, workspace: enWorkspace, verification: enVerification, survey: enSurvey },
} as const;

export const MESSAGES = {
  id: { ...idCore, ...idEvidence, ...idWorkspace, ...idVerification, ...idSurvey },
  en: { ...enCore, ...enEvidence, ...enWorkspace, ...enVerification, ...enSurvey },
};
