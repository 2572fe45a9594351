export * from "./types";
export { PRE_CHECK_RULES, PRE_CHECK_RULE_IDS, REPEATED_JUSTIFICATION_MIN, normaliseText } from "./rules";
export { runPreCheck } from "./run";
export { storedFileState } from "./file-state";
