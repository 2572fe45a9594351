/**
 * Every page of the portal, with the demo account that sees it and the address to visit. The
 * accessibility spec (accessibility.spec.ts) runs axe on each entry; tests/unit/page-checks.test.ts
 * fails when a page.tsx under app/ has no entry here, so a page added later is checked too.
 *
 * To add a page: one line in PAGE_CHECKS (and a FINDERS entry if its address needs a demo id).
 */

export const ROLES = ["PUBLIC", "ADMIN", "INSTITUTION_ADMIN", "EVALUATOR", "VERIFIER", "HEAD"] as const;
export type Role = (typeof ROLES)[number];

/** The demo accounts (prisma/seed/demo-accounts.ts); PUBLIC is a browser that is not signed in. */
export const ROLE_ACCOUNTS: Record<Exclude<Role, "PUBLIC">, string> = {
  ADMIN: "admin@pekppp.test",
  INSTITUTION_ADMIN: "admin.kemenkes@pekppp.test",
  EVALUATOR: "evaluator.palembang@pekppp.test",
  VERIFIER: "verifikator@pekppp.test",
  HEAD: "pimpinan.palembang@pekppp.test",
};

const UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

/**
 * Where the demo value of a `{name}` in an address is found: the first link on `from` whose path
 * matches `link` (group 1 is the value), as the role of the page sees it, or as the role `as` when
 * the page's own role has no link to it. `from` may use other names.
 */
export interface Finder {
  from: string;
  link: RegExp;
  as?: Exclude<Role, "PUBLIC">;
  /** When `from` has no such link: follow its links matching `through`, in order, and look there. */
  through?: RegExp;
}

export const FINDERS: Record<string, Finder> = {
  cycle: { from: "/admin/cycles", link: new RegExp(`^/admin/cycles/${UUID}$`) },
  cycleLocus: { from: "/admin/cycles/{cycle}/loci", link: new RegExp(`^/admin/corrections/${UUID}$`) },
  institution: { from: "/admin/institutions", link: new RegExp(`^/admin/institutions/${UUID}$`) },
  instrument: { from: "/admin/instruments", link: new RegExp(`^/admin/instruments/${UUID}$`) },
  // The edit link is on the page of a version no cycle has locked (the seed's second instrument).
  editableInstrument: {
    from: "/admin/instruments",
    through: new RegExp(`^/admin/instruments/${UUID}$`),
    link: new RegExp(`^/admin/instruments/${UUID}/edit$`),
  },
  user: { from: "/admin/users", link: new RegExp(`^/admin/users/${UUID}$`) },
  ownLocus: { from: "/loci", link: new RegExp(`^/assessments/${UUID}$`) },
  recommendation: { from: "/follow-up", link: new RegExp(`^/follow-up/recommendations/${UUID}$`) },
  queuedLocus: { from: "/verification", link: new RegExp(`^/assessments/${UUID}$`) },
  reviewLocus: { from: "/verification", link: new RegExp(`^/assessments/${UUID}/review$`) },
  // The head reaches a locus of the institution from notifications only: the evaluator of the same institution finds one.
  headLocus: { as: "EVALUATOR", from: "/loci", link: new RegExp(`^/assessments/${UUID}$`) },
  publicInstitution: { from: "/results", link: new RegExp(`^/results/institutions/${UUID}$`) },
};

/**
 * Names the spec makes itself rather than finds: `surveyToken` is a survey link the demo verifier
 * opens on a locus of the running cycle (the seed has none); `unknownCode` is a Berita Acara code
 * nobody signed (the public check's "not found" state; the seed signs none).
 */
export const MADE_NAMES = ["surveyToken", "unknownCode"] as const;

export interface PageCheck {
  /** The page's route as under app/ (route groups left out), e.g. "/admin/cycles/[id]". */
  route: string;
  role: Role;
  /** The address visited; `{name}` is a FINDERS or MADE_NAMES value. */
  url: string;
  /** At 390 px the page itself must not scroll sideways (scrollWidth === clientWidth). */
  phoneLayout?: boolean;
}

export const PAGE_CHECKS: readonly PageCheck[] = [
  // Public pages (signed out).
  { route: "/", role: "PUBLIC", url: "/" },
  { route: "/login", role: "PUBLIC", url: "/login" },
  { route: "/results", role: "PUBLIC", url: "/results", phoneLayout: true },
  { route: "/results/awards", role: "PUBLIC", url: "/results/awards" },
  { route: "/developers", role: "PUBLIC", url: "/developers" },
  { route: "/results/institutions/[id]", role: "PUBLIC", url: "/results/institutions/{publicInstitution}", phoneLayout: true },
  { route: "/results/institutions/[id]/explain", role: "PUBLIC", url: "/results/institutions/{publicInstitution}/explain", phoneLayout: true },
  { route: "/survey/[token]", role: "PUBLIC", url: "/survey/{surveyToken}", phoneLayout: true },
  { route: "/verify/[code]", role: "PUBLIC", url: "/verify/{unknownCode}" },

  // Admin.
  { route: "/admin/cycles", role: "ADMIN", url: "/admin/cycles" },
  { route: "/admin/cycles/new", role: "ADMIN", url: "/admin/cycles/new" },
  { route: "/admin/cycles/[id]", role: "ADMIN", url: "/admin/cycles/{cycle}" },
  { route: "/admin/cycles/[id]/setup", role: "ADMIN", url: "/admin/cycles/{cycle}/setup" },
  { route: "/admin/cycles/[id]/loci", role: "ADMIN", url: "/admin/cycles/{cycle}/loci" },
  { route: "/admin/cycles/[id]/results", role: "ADMIN", url: "/admin/cycles/{cycle}/results" },
  { route: "/admin/cycles/[id]/appeals", role: "ADMIN", url: "/admin/cycles/{cycle}/appeals" },
  { route: "/admin/cycles/[id]/second-tier", role: "ADMIN", url: "/admin/cycles/{cycle}/second-tier" },
  { route: "/admin/cycles/[id]/pre-check", role: "ADMIN", url: "/admin/cycles/{cycle}/pre-check" },
  { route: "/admin/corrections/[id]", role: "ADMIN", url: "/admin/corrections/{cycleLocus}" },
  { route: "/assessments/[id]", role: "ADMIN", url: "/assessments/{cycleLocus}" },
  { route: "/admin/instruments", role: "ADMIN", url: "/admin/instruments" },
  { route: "/admin/instruments/[id]", role: "ADMIN", url: "/admin/instruments/{instrument}" },
  { route: "/admin/instruments/[id]/edit", role: "ADMIN", url: "/admin/instruments/{editableInstrument}/edit" },
  { route: "/admin/awards", role: "ADMIN", url: "/admin/awards" },
  // An institution admin's own award rules (issue 16).
  { route: "/admin/awards", role: "INSTITUTION_ADMIN", url: "/admin/awards" },
  { route: "/admin/users", role: "ADMIN", url: "/admin/users" },
  { route: "/admin/users/new", role: "ADMIN", url: "/admin/users/new" },
  { route: "/admin/users/[id]", role: "ADMIN", url: "/admin/users/{user}" },
  { route: "/admin/institutions", role: "ADMIN", url: "/admin/institutions" },
  { route: "/admin/institutions/new", role: "ADMIN", url: "/admin/institutions/new" },
  { route: "/admin/institutions/import", role: "ADMIN", url: "/admin/institutions/import" },
  { route: "/admin/institutions/[id]", role: "ADMIN", url: "/admin/institutions/{institution}" },
  { route: "/admin/ombudsman", role: "ADMIN", url: "/admin/ombudsman" },
  { route: "/admin/assignments", role: "ADMIN", url: "/admin/assignments" },
  { route: "/admin/audit", role: "ADMIN", url: "/admin/audit" },
  { route: "/admin/calibration", role: "ADMIN", url: "/admin/calibration", phoneLayout: true },
  { route: "/admin/outbox", role: "ADMIN", url: "/admin/outbox" },
  { route: "/follow-up/monitoring", role: "ADMIN", url: "/follow-up/monitoring" },
  { route: "/notifications", role: "ADMIN", url: "/notifications" },
  { route: "/account/password", role: "ADMIN", url: "/account/password" },

  // Evaluator.
  { route: "/loci", role: "EVALUATOR", url: "/loci" },
  { route: "/assessments/[id]", role: "EVALUATOR", url: "/assessments/{ownLocus}", phoneLayout: true },
  { route: "/assessments/[id]/berita-acara", role: "EVALUATOR", url: "/assessments/{ownLocus}/berita-acara" },
  { route: "/assessments/[id]/what-if", role: "EVALUATOR", url: "/assessments/{ownLocus}/what-if" },
  { route: "/assessments/[id]/explain", role: "EVALUATOR", url: "/assessments/{ownLocus}/explain" },
  { route: "/follow-up", role: "EVALUATOR", url: "/follow-up" },
  { route: "/follow-up/recommendations/[id]", role: "EVALUATOR", url: "/follow-up/recommendations/{recommendation}" },
  { route: "/notifications", role: "EVALUATOR", url: "/notifications" },
  { route: "/notifications/preferences", role: "EVALUATOR", url: "/notifications/preferences" },

  // Verifier.
  { route: "/verification", role: "VERIFIER", url: "/verification" },
  { route: "/verification/calibration", role: "VERIFIER", url: "/verification/calibration" },
  { route: "/assessments/[id]", role: "VERIFIER", url: "/assessments/{queuedLocus}" },
  { route: "/assessments/[id]/review", role: "VERIFIER", url: "/assessments/{reviewLocus}/review" },
  { route: "/appeals", role: "VERIFIER", url: "/appeals" },
  { route: "/validation", role: "VERIFIER", url: "/validation" },
  { route: "/follow-up/review", role: "VERIFIER", url: "/follow-up/review" },

  // Head of institution.
  { route: "/dashboard", role: "HEAD", url: "/dashboard", phoneLayout: true },
  { route: "/dashboard/explain", role: "HEAD", url: "/dashboard/explain", phoneLayout: true },
  { route: "/dashboard/what-if", role: "HEAD", url: "/dashboard/what-if", phoneLayout: true },
  { route: "/assessments/[id]", role: "HEAD", url: "/assessments/{headLocus}" },
  { route: "/follow-up/monitoring", role: "HEAD", url: "/follow-up/monitoring" },
  { route: "/results", role: "HEAD", url: "/results" },
];

/** The `{name}`s an address uses. */
export const namesIn = (url: string) => [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
