import enApi from "./en/api.json";
import enAppeals from "./en/appeals.json";
import enConversation from "./en/conversation.json";
import enCore from "./en/core.json";
import enCorrection from "./en/correction.json";
import enCycleAdmin from "./en/cycleAdmin.json";
import enEvidence from "./en/evidence.json";
import enFollowUp from "./en/followUp.json";
import enHistory from "./en/history.json";
import enNotifications from "./en/notifications.json";
import enOmbudsman from "./en/ombudsman.json";
import enRegistry from "./en/registry.json";
import enResults from "./en/results.json";
import enSignOff from "./en/signOff.json";
import enSurvey from "./en/survey.json";
import enVerification from "./en/verification.json";
import enWorkspace from "./en/workspace.json";
import enWhatIf from "./en/whatIf.json";
import idApi from "./id/api.json";
import enPreCheck from "./en/preCheck.json";
import enExplain from "./en/explain.json";
import enProgrammes from "./en/programmes.json";
import idAppeals from "./id/appeals.json";
import idConversation from "./id/conversation.json";
import idCore from "./id/core.json";
import idCorrection from "./id/correction.json";
import idCycleAdmin from "./id/cycleAdmin.json";
import idEvidence from "./id/evidence.json";
import idFollowUp from "./id/followUp.json";
import idHistory from "./id/history.json";
import idNotifications from "./id/notifications.json";
import idOmbudsman from "./id/ombudsman.json";
import idRegistry from "./id/registry.json";
import idResults from "./id/results.json";
import idSignOff from "./id/signOff.json";
import idSurvey from "./id/survey.json";
import idVerification from "./id/verification.json";
import idWorkspace from "./id/workspace.json";
import idWhatIf from "./id/whatIf.json";
import idPreCheck from "./id/preCheck.json";
import idExplain from "./id/explain.json";
import idProgrammes from "./id/programmes.json";

/**
 * The catalogues, one file per area so that work on one area does not touch the others' files.
 * Each file holds its own top-level namespaces; a unit test checks they never overlap.
 */
export const MESSAGE_FILES = {
  id: {
    core: idCore,
    evidence: idEvidence,
    workspace: idWorkspace,
    verification: idVerification,
    survey: idSurvey,
    results: idResults,
    followUp: idFollowUp,
    cycleAdmin: idCycleAdmin,
    registry: idRegistry,
    notifications: idNotifications,
    conversation: idConversation,
    appeals: idAppeals,
    correction: idCorrection,
    signOff: idSignOff,
    whatIf: idWhatIf,
    preCheck: idPreCheck,
    ombudsman: idOmbudsman,
    explain: idExplain,
    programmes: idProgrammes,
    history: idHistory,
    api: idApi,
  },
  en: {
    core: enCore,
    evidence: enEvidence,
    workspace: enWorkspace,
    verification: enVerification,
    survey: enSurvey,
    results: enResults,
    followUp: enFollowUp,
    cycleAdmin: enCycleAdmin,
    registry: enRegistry,
    notifications: enNotifications,
    conversation: enConversation,
    appeals: enAppeals,
    correction: enCorrection,
    signOff: enSignOff,
    whatIf: enWhatIf,
    preCheck: enPreCheck,
    ombudsman: enOmbudsman,
    explain: enExplain,
    programmes: enProgrammes,
    history: enHistory,
    api: enApi,
  },
} as const;

export const MESSAGES = {
  id: {
    ...idCore,
    ...idEvidence,
    ...idWorkspace,
    ...idVerification,
    ...idSurvey,
    ...idResults,
    ...idFollowUp,
    ...idCycleAdmin,
    ...idRegistry,
    ...idNotifications,
    ...idConversation,
    ...idAppeals,
    ...idCorrection,
    ...idSignOff,
    ...idWhatIf,
    ...idPreCheck,
    ...idOmbudsman,
    ...idExplain,
    ...idProgrammes,
    ...idHistory,
    ...idApi,
  },
  en: {
    ...enCore,
    ...enEvidence,
    ...enWorkspace,
    ...enVerification,
    ...enSurvey,
    ...enResults,
    ...enFollowUp,
    ...enCycleAdmin,
    ...enRegistry,
    ...enNotifications,
    ...enConversation,
    ...enAppeals,
    ...enCorrection,
    ...enSignOff,
    ...enWhatIf,
    ...enPreCheck,
    ...enOmbudsman,
    ...enExplain,
    ...enProgrammes,
    ...enHistory,
    ...enApi,
  },
};
