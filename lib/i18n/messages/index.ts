import enCore from "./en/core.json";
import enEvidence from "./en/evidence.json";
import enWorkspace from "./en/workspace.json";
import idCore from "./id/core.json";
import idEvidence from "./id/evidence.json";
import idWorkspace from "./id/workspace.json";

/**
 * The catalogues, one file per area so that work on one area does not touch the others' files.
 * Each file holds its own top-level namespaces; a unit test checks they never overlap.
 */
export const MESSAGE_FILES = {
  id: { core: idCore, evidence: idEvidence, workspace: idWorkspace },
  en: { core: enCore, evidence: enEvidence, workspace: enWorkspace },
} as const;

export const MESSAGES = {
  id: { ...idCore, ...idEvidence, ...idWorkspace },
  en: { ...enCore, ...enEvidence, ...enWorkspace },
};
