import { ruleFor, type Actor, type PolicyKey } from "./policies";

/** The portal's main navigation; an entry shows only to roles its policy admits. */
export const NAV_ITEMS: readonly { href: string; labelKey: string; policy: PolicyKey }[] = [
  { href: "/loci", labelKey: "nav.myLoci", policy: "loci.list" },
  { href: "/verification", labelKey: "nav.verification", policy: "verification.queue" },
  { href: "/verification/calibration", labelKey: "calibration.ownTitle", policy: "calibration.own" },
  { href: "/appeals", labelKey: "appeals.nav", policy: "appeal.decide" },
  { href: "/validation", labelKey: "secondTier.nav", policy: "validation.queue" },
  { href: "/dashboard", labelKey: "nav.dashboard", policy: "results.institution" },
  { href: "/follow-up", labelKey: "followUp.nav.report", policy: "followUp.report" },
  { href: "/follow-up/review", labelKey: "followUp.nav.review", policy: "followUp.review" },
  { href: "/follow-up/monitoring", labelKey: "followUp.nav.monitor", policy: "followUp.monitor" },
  { href: "/results", labelKey: "publicResults.rankingsLink", policy: "results.public" },
  { href: "/admin/cycles", labelKey: "nav.cycles", policy: "cycles.view" },
  { href: "/admin/instruments", labelKey: "instrumentAdmin.nav", policy: "instruments.manage" },
  { href: "/admin/awards", labelKey: "awardsAdmin.nav", policy: "awards.manage" },
  { href: "/admin/users", labelKey: "nav.users", policy: "users.manage" },
  { href: "/admin/institutions", labelKey: "registry.nav", policy: "registry.manage" },
  { href: "/admin/ombudsman", labelKey: "ombudsman.nav", policy: "ombudsman.manage" },
  { href: "/admin/assignments", labelKey: "assignmentAdmin.nav", policy: "assignments.manage" },
  { href: "/admin/audit", labelKey: "nav.audit", policy: "audit.search" },
  { href: "/admin/calibration", labelKey: "calibration.title", policy: "calibration.view" },
  { href: "/admin/outbox", labelKey: "notifications.outbox.nav", policy: "outbox.view" },
  { href: "/account/password", labelKey: "nav.account", policy: "account.changePassword" },
];

export function navigationFor(actor: Actor) {
  return NAV_ITEMS.filter((item) => ruleFor(actor, item.policy) !== null);
}
