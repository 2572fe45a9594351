import type { PortalRole } from "./roles";

/**
 * Who may do what, in one table (issue: "the policies live in one module"). Each entry names,
 * per role, the scope in which the role may act:
 * - "any":      everything (admins);
 * - "own":      records of the actor's own institution (evaluators, heads);
 * - "assigned": records of institutions assigned to the actor in that record's cycle (verifiers);
 * - "assignedOrValidating": "assigned", or (to read only) a locus awaiting the actor's validation
 *               in the second tier: its institution is the actor's by ValidatorAssignment in its
 *               cycle (docs/domain.md §3.10; the target's validatorIds);
 * - "self":     the actor's own account;
 * - "ministry": anything but an institution's own cycle (the target's cycleOwnerId is null or not
 *               given): the national admin runs the ministry's cycles, never a Mandiri cycle of an
 *               institution, whose summary it only reads (docs/domain.md §3.12).
 * An institution admin's "own" is its institution: the target's institutionId is the cycle's
 * owner, or the unit's, account's or record's institution.
 * A role missing from an entry is denied. PUBLIC entries need no account at all.
 */
export type ScopeRule = "any" | "own" | "assigned" | "assignedOrValidating" | "self" | "ministry";
export type RolePolicy = Partial<Record<PortalRole, ScopeRule>>;
export type Policy = { public: true } | { roles: RolePolicy };

export const POLICIES = {
  // Public: the sign-in form, the language switch, and (later) the F-03 survey and published results.
  "auth.signIn": { public: true },
  "locale.set": { public: true },
  "health.check": { public: true },
  // The F-03 service-user survey, answered through an unguessable link without an account.
  "survey.respond": { public: true },

  // Any signed-in user, on their own account.
  "auth.signOut": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "account.changePassword": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "account.endSessions": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },

  // Assessments of loci.
  "loci.list": { roles: { EVALUATOR: "own" } },
  "verification.queue": { roles: { VERIFIER: "assigned" } },
  // A ministry validator reads the locus it validates (second tier), with its evidence: read-only.
  "assessment.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assignedOrValidating", HEAD: "own" } },
  "assessment.history": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned" } },
  "assessment.reopen": { roles: { ADMIN: "any" } },

  // The self-assessment (F-01 with self-scores) and its evidence.
  "selfAssessment.edit": { roles: { EVALUATOR: "own" } },
  "selfAssessment.submit": { roles: { EVALUATOR: "own" } },
  "evidence.download": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assignedOrValidating", HEAD: "own" } },

  // The conversation on each indicator (docs/domain.md §3.8): between the unit's evaluators and the
  // locus's verifiers, who post; admins and heads (who read their institution's loci) read it. Only a
  // verifier marks a comment as a question or a question as resolved.
  "conversation.read": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  "conversation.post": { roles: { EVALUATOR: "own", VERIFIER: "assigned" } },
  "conversation.ask": { roles: { VERIFIER: "assigned" } },

  // Verification (F-02 by the verifier), decisions, recommendations, the survey links.
  "verification.review": { roles: { VERIFIER: "assigned" } },
  "verification.decide": { roles: { VERIFIER: "assigned" } },
  "recommendation.write": { roles: { VERIFIER: "assigned" } },
  "recommendations.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  // Follow-up of recommendations: the unit reports, the verifier of that cycle reviews, heads and admins monitor.
  "followUp.report": { roles: { EVALUATOR: "own" } },
  "followUp.review": { roles: { VERIFIER: "assigned" } },
  "followUp.monitor": { roles: { ADMIN: "any", HEAD: "own" } },
  // F-03 links: admins, the locus's verifier, and its own unit's evaluators (issue 18, F-03 reach).
  "survey.manage": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned" } },
  // The free-text comments of F-03 responses: moderated out of public view, read by the unit's head and admins only.
  "survey.comments": { roles: { ADMIN: "any", HEAD: "own" } },
  "cycle.finalise": { roles: { ADMIN: "ministry", INSTITUTION_ADMIN: "own" } },
  // The audited correction after FINAL (docs/domain.md §6.4): open, change verified levels, publish.
  "correction.manage": { roles: { ADMIN: "any" } },
  // The Berita Acara Verifikasi of a locus and its sign-off (issue 15): the locus's readers download
  // it; after approval its verifier, then its institution's head sign; admins get the cycle's
  // recapitulation; anyone checks a printed copy by its code.
  "signOff.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  "signOff.sign": { roles: { VERIFIER: "assigned", HEAD: "own" } },
  "signOff.recap": { roles: { ADMIN: "any" } },
  "signOff.verify": { public: true },

  // Appeals (sanggah, docs/domain.md §3.11): the unit's evaluator files one against a verified level;
  // the admin assigns a reviewer; only that reviewer decides (the target's verifierIds are [reviewer]).
  "appeal.file": { roles: { EVALUATOR: "own" } },
  "appeal.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assignedOrValidating", HEAD: "own" } },
  "appeal.assign": { roles: { ADMIN: "any" } },
  "appeal.decide": { roles: { VERIFIER: "assigned" } },
  // Second tier (docs/domain.md §3.10): the ministry's validators, by their own assignments (the
  // target's verifierIds are the locus's validators in its cycle, ValidatorAssignment).
  "validation.queue": { roles: { VERIFIER: "assigned" } },
  "validation.decide": { roles: { VERIFIER: "assigned" } },

  // Results. Published results are public (docs/domain.md §2: "everyone can see published results").
  "results.institution": { roles: { HEAD: "own" } },
  "results.public": { public: true },
  "results.reportCard": { roles: { ADMIN: "any", HEAD: "own" } },
  // Award rules per owner (issue 16): the national rules by the national admin, an institution's own
  // rules for its cycles by its admin (the target is the owner, as for its cycles: cycleTarget).
  "awards.manage": { roles: { ADMIN: "ministry", INSTITUTION_ADMIN: "own" } },
  "assessment.export": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  // The what-if planner (issue 18): projections of a locus's or an institution's index and grade,
  // for those who read the locus (its evaluators and head, its verifier, admins); nothing is stored.
  "whatIf.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  // Explain my score (issue 18): every number of a locus's or the head's institution's index with its
  // formula, for the locus's readers; the public explanation of a published result is a public page.
  "explain.view": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  // Calibration analytics (issue 18): admins read everyone's self-minus-verified gaps (and export
  // them); a verifier reads its own work against the others' anonymised (the target's userId).
  "calibration.view": { roles: { ADMIN: "any" } },
  "calibration.own": { roles: { VERIFIER: "self" } },

  // Administration.
  // The national admin reads every cycle (a Mandiri cycle's summary too); an institution admin its own cycles.
  "cycles.view": { roles: { ADMIN: "any", INSTITUTION_ADMIN: "own" } },
  // Running a cycle: create or copy it, its stage dates and settings, its status; instrument versions; publication.
  // The ministry's cycles by the national admin, an institution's own (Mandiri) cycles by its admin (issue 16).
  "cycles.manage": { roles: { ADMIN: "ministry", INSTITUTION_ADMIN: "own" } },
  "instruments.manage": { roles: { ADMIN: "any" } },
  "cycle.publish": { roles: { ADMIN: "ministry", INSTITUTION_ADMIN: "own" } },
  // An institution admin: its own institution's evaluator, verifier and head accounts (issue 16).
  "users.manage": { roles: { ADMIN: "any", INSTITUTION_ADMIN: "own" } },
  // The registry of institutions and loci (create, edit, import, export), and verifier assignments per cycle.
  // An institution admin: its own institution's units (never another institution, never a new one),
  // and the assignments of its own cycles to its internal verifiers (issue 16, docs/domain.md §3.12).
  "registry.manage": { roles: { ADMIN: "any", INSTITUTION_ADMIN: "own" } },
  "assignments.manage": { roles: { ADMIN: "any", INSTITUTION_ADMIN: "own" } },
  "audit.search": { roles: { ADMIN: "any" } },
  // The Ombudsman compliance results (issue 18): import and the side-by-side comparison with the index.
  "ombudsman.manage": { roles: { ADMIN: "any" } },

  // Notifications (issue 14): each user reads and marks their own, and chooses per kind how they
  // arrive; the e-mail outbox (every message, its status and last error) is the admins'.
  "notifications.view": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "notifications.markRead": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "notifications.preferences": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "outbox.view": { roles: { ADMIN: "any" } },
  "outbox.resend": { roles: { ADMIN: "any" } },

  // The read API /api/v1 (issue 20): each user makes and revokes their own personal access tokens;
  // a token acts as its user under these policies (and assessment.view, recommendations.view), the
  // scope in every query. Published results, the OpenAPI document and its reference page are public.
  "apiTokens.manage": { roles: { ADMIN: "self", INSTITUTION_ADMIN: "self", EVALUATOR: "self", VERIFIER: "self", HEAD: "self" } },
  "api.public": { public: true },
  "api.cycles": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  "api.registry": { roles: { ADMIN: "any", EVALUATOR: "own", VERIFIER: "assigned", HEAD: "own" } },
  "api.institutionResults": { roles: { ADMIN: "any", HEAD: "own" } },
} as const satisfies Record<string, Policy>;

export type PolicyKey = keyof typeof POLICIES;
export const POLICY_KEYS = Object.keys(POLICIES) as PolicyKey[];

export interface Actor {
  id: string;
  role: PortalRole;
  institutionId: string | null;
}

/** What a decision is about: the record's institution, its verifiers in its cycle, or a user. */
export interface PolicyTarget {
  institutionId?: string | null;
  /** Verifiers assigned to the target's institution in the target's cycle. */
  verifierIds?: readonly string[];
  /** Validators of the target's institution in its cycle, only while the locus awaits validation. */
  validatorIds?: readonly string[];
  userId?: string | null;
  /** When the target is a cycle or part of one: the institution owning it (null: the ministry). */
  cycleOwnerId?: string | null;
}

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICIES, key);
}

/** The scope rule of a role for a policy, or null when the role may not act at all. */
export function ruleFor(actor: Actor | null, key: PolicyKey): ScopeRule | "public" | null {
  const policy: Policy = POLICIES[key];
  if ("public" in policy) return "public";
  if (!actor) return null;
  return policy.roles[actor.role] ?? null;
}

/** May this actor (null: not signed in) act under this policy on this target? Fails closed. */
export function can(actor: Actor | null, key: PolicyKey, target: PolicyTarget = {}): boolean {
  const rule = ruleFor(actor, key);
  if (rule === "public") return true;
  if (!actor || !rule) return false;
  switch (rule) {
    case "any":
      return true;
    case "own":
      return actor.institutionId !== null && target.institutionId === actor.institutionId;
    case "assigned":
      return target.verifierIds?.includes(actor.id) ?? false;
    case "assignedOrValidating":
      return (target.verifierIds?.includes(actor.id) ?? false) || (target.validatorIds?.includes(actor.id) ?? false);
    case "self":
      return target.userId === actor.id;
    case "ministry":
      return target.cycleOwnerId == null;
    default:
      return false;
  }
}

/** Route handlers, by path, with the policy each one applies. */
export const ROUTE_POLICIES = {
  "/api/auth/[...nextauth]": "auth.signIn",
  "/api/health": "health.check",
  "/api/ready": "health.check",
  // Public to the policy table; the route itself answers only to the METRICS_TOKEN (404 without one).
  "/api/metrics": "health.check",
  "/api/assessments/[id]/answers": "selfAssessment.edit",
  "/api/assessments/[id]/evidence": "selfAssessment.edit",
  "/api/evidence/[id]": "evidence.download",
  "/api/assessments/[id]/comments": "conversation.post",
  "/api/assessments/[id]/appeals": "appeal.file",
  "/api/assessments/[id]/verified-answers": "verification.review",
  "/api/follow-up/[id]/evidence": "followUp.report",
  "/api/follow-up/open-recommendations": "followUp.monitor",
  "/api/admin/registry/import": "registry.manage",
  "/api/admin/registry/export": "registry.manage",
  "/api/admin/registry/template": "registry.manage",
  "/api/results/rankings": "results.public",
  // The rendered /results page, kept per results generation; next.config.ts sends anonymous page loads here.
  "/api/results/listing": "results.public",
  // The rendered /results/awards page, kept per results generation and award rules, likewise.
  "/api/results/awards-page": "results.public",
  "/api/assessments/[id]/correction": "correction.manage",
  "/api/corrections/[id]/decree": "correction.manage",
  "/api/assessments/[id]/export": "assessment.export",
  "/api/institutions/[id]/report-card": "results.reportCard",
  "/api/assessments/[id]/berita-acara": "signOff.view",
  "/api/cycles/[id]/berita-acara-recap": "signOff.recap",
  "/api/v1/openapi.json": "api.public",
  "/api/v1/published/cycles": "api.public",
  "/api/v1/published/cycles/[cycleId]/results": "api.public",
  "/api/v1/cycles": "api.cycles",
  "/api/v1/institutions": "api.registry",
  "/api/v1/institutions/[id]": "api.registry",
  "/api/v1/institutions/[id]/loci": "api.registry",
  "/api/v1/institutions/[id]/results": "api.institutionResults",
  "/api/v1/assessments": "assessment.view",
  "/api/v1/recommendations": "recommendations.view",
  "/api/admin/ombudsman/import": "ombudsman.manage",
  "/api/survey-links/[id]/poster": "survey.manage",
  "/api/calibration/export": "calibration.view",
} as const satisfies Record<string, PolicyKey>;

/** Pages that need no account; every other page calls requirePolicy with its key. */
export const PUBLIC_PAGES = [
  "/",
  "/login",
  "/survey/[token]",
  "/results",
  "/results/awards",
  "/results/institutions/[id]",
  "/verify/[code]",
  "/developers",
  "/results/institutions/[id]/explain",
] as const;
