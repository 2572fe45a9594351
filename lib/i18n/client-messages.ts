/**
 * The parts of the catalogue sent to the browser. Every page used to carry the whole catalogue
 * (about 100 kB of the 230 kB of a results page, issue 17): now each page gets only what its
 * client components translate. tests/unit/client-messages.test.ts follows the pages' imports to
 * their client components and holds these lists to them.
 */

/** Pages outside the signed-in portal (published results, sign-in, the F-03 survey, the Berita Acara check, error pages). */
export const PUBLIC_CLIENT_NAMESPACES = ["app", "common", "downloads", "errors", "login", "signOff", "survey", "validation"] as const;

/**
 * The signed-in portal, per section (a folder of app/(portal) whose layout.tsx renders
 * `<SectionMessages section="…">`): the namespaces its pages' client components translate. The
 * portal's own layout sends nothing: its header has no client component that translates.
 */
export const PORTAL_SECTION_NAMESPACES = {
  account: ["account", "apiTokens"],
  appeals: ["appeals"],
  // The self-assessment's autosave and the evidence, comment and appeal uploads answer refusals of their own namespaces.
  assessments: [
    "appeals",
    "common",
    "conversation",
    "downloads",
    "evidence",
    "recommendations",
    "roles",
    "selfAssessment",
    "signOff",
    "surveyAdmin",
    "verification",
    "whatIf",
    "workspace",
  ],
  dashboard: ["downloads", "whatIf"],
  "follow-up": ["common", "downloads", "evidence", "followUp"],
  notifications: ["notifications"],
  validation: ["secondTier"],
  verification: ["downloads"],
  "admin/assignments": ["assignmentAdmin", "institutionType"],
  "admin/audit": [],
  "admin/awards": ["awardsAdmin", "common", "institutionType"],
  "admin/calibration": ["downloads"],
  "admin/corrections": ["correction"],
  "admin/cycles": ["admin", "appeals", "common", "cycleAdmin", "downloads", "institutionType", "preCheck", "programmes", "secondTier"],
  "admin/institutions": ["common", "downloads", "institutionType", "registry", "registryImport", "serviceType", "unitKind"],
  "admin/instruments": ["instrumentAdmin"],
  "admin/ombudsman": ["ombudsman", "registryImport"],
  "admin/outbox": ["notifications"],
  "admin/users": ["common", "programmes", "roles", "users"],
} as const satisfies Record<string, readonly string[]>;

export type PortalSection = keyof typeof PORTAL_SECTION_NAMESPACES;

/**
 * What a server action or route may answer as a refusal (a catalogue key the browser translates,
 * components/action-feedback.tsx), sent with every section: the keys, not their whole namespaces.
 * The unit test holds it to every key written in lib/server, lib/domain and lib/schemas.
 */
export const REFUSAL_MESSAGES = [
  "errors",
  "validation",
  "stageGate",
  "account.currentPasswordWrong",
  "apiTokens.alreadyRevoked",
  "apiTokens.tooMany",
  "appeals.ended",
  "appeals.locusNotVerified",
  "appeals.noStage",
  "appeals.notStarted",
  "appeals.reviewerIsScorer",
  "appeals.reviewerUnknown",
  "appeals.wrongStatus",
  "assignmentAdmin.cycleClosed",
  "assignmentAdmin.institutionNotOfCycleOwner",
  "assignmentAdmin.verifierNotOfCycleOwner",
  "awardsAdmin.noRules",
  "conversation.cannotMarkQuestion",
  "conversation.closed",
  "conversation.editOnlyAuthor",
  "conversation.editWindowPassed",
  "conversation.notAQuestion",
  "conversation.onlyVerifierAsks",
  "correction.notOpen",
  "correction.otherOpen",
  "correction.wrongStatus",
  "cycleAdmin.archive",
  "cycleAdmin.errors",
  "cycleAdmin.refusal",
  "cycleAdmin.validation",
  "evidence.fileEmpty",
  "evidence.fileMissing",
  "evidence.fileTooLarge",
  "evidence.indicatorUnknown",
  "evidence.nameNoExtension",
  "evidence.requestInvalid",
  "evidence.requestTooLarge",
  "evidence.requestUnsupported",
  "evidence.typeMismatch",
  "evidence.typeNotAllowed",
  "followUp.conflict",
  "followUp.notPending",
  "instrumentAdmin.errors",
  "instrumentAdmin.validation",
  "notifications.outbox",
  "recommendations.targetRequired",
  "registry.codeTaken",
  "registry.parentInvalid",
  "registry.locusNameTaken",
  "registry.provinceNotAllowed",
  "registry.provinceRequired",
  "registry.provinceUnknown",
  "registryImport.fileChanged",
  "registryImport.fileMissing",
  "registryImport.fileTooLarge",
  "registryImport.lengthRequired",
  "registryImport.requestInvalid",
  "selfAssessment.cannotReopen",
  "selfAssessment.ended",
  "selfAssessment.locked",
  "selfAssessment.noStage",
  "selfAssessment.notStarted",
  "signOff.alreadySigned",
  "signOff.complete",
  "signOff.notApproved",
  "signOff.notYourTurn",
  "signOff.wrongPassword",
  "survey.errors",
  "surveyAdmin.errors",
  "users.cannotDemoteSelf",
  "users.emailTaken",
  "users.notAVerifier",
  "verification.appealsOpen",
  "verification.ended",
  "verification.levelsMissing",
  "verification.noStage",
  "verification.notStarted",
  "verification.openQuestionsUnconfirmed",
  "verification.wrongStatus",
] as const;

/** The given top-level namespaces of a catalogue. */
export function pickNamespaces<T extends Record<string, unknown>>(messages: T, namespaces: readonly string[]): Partial<T> {
  return Object.fromEntries(namespaces.filter((n) => n in messages).map((n) => [n, messages[n]])) as Partial<T>;
}

/**
 * The given parts of a catalogue: a namespace ("cycleAdmin") or a key path within one
 * ("cycleAdmin.refusal"), copied into a new tree (the catalogue itself is never changed). A path
 * inside another given one adds nothing.
 */
export function pickMessages(messages: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  const outermost = paths.filter((path) => !paths.some((other) => path.startsWith(`${other}.`)));
  for (const path of new Set(outermost)) {
    const parts = path.split(".");
    let source: unknown = messages;
    let target = picked;
    for (const [i, part] of parts.entries()) {
      if (!source || typeof source !== "object" || !(part in source)) break;
      source = (source as Record<string, unknown>)[part];
      if (i === parts.length - 1) target[part] = source;
      else target = (target[part] ??= {}) as Record<string, unknown>;
    }
  }
  return picked;
}

/** What a portal section sends to the browser: its client components' namespaces and the refusals. */
export function portalSectionMessages(messages: Record<string, unknown>, section: PortalSection): Record<string, unknown> {
  return pickMessages(messages, [...PORTAL_SECTION_NAMESPACES[section], ...REFUSAL_MESSAGES]);
}
