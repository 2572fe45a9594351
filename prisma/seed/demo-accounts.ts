import { DEMO_INSTITUTION_CODES } from "./registry";

/** Demo sign-in password of every demo account (listed in the README). */
export const DEMO_PASSWORD = "pekppp-demo";

export const DEMO_ACCOUNTS = [
  { email: "admin@pekppp.test", name: "Admin Sekretariat PEKPPP", role: "ADMIN", institutionCode: null },
  {
    email: "evaluator.palembang@pekppp.test",
    name: "Rina Marlina (Evaluator Internal)",
    role: "EVALUATOR",
    institutionCode: DEMO_INSTITUTION_CODES.evaluatorCity,
  },
  {
    email: "evaluator.kemenkes@pekppp.test",
    name: "Bambang Sutrisno (Evaluator Internal)",
    role: "EVALUATOR",
    institutionCode: DEMO_INSTITUTION_CODES.otherEvaluatorAgency,
  },
  { email: "verifikator@pekppp.test", name: "Dewi Anggraini (Verifikator)", role: "VERIFIER", institutionCode: null },
  { email: "pimpinan.palembang@pekppp.test", name: "H. Ahmad Fauzi (Pimpinan)", role: "HEAD", institutionCode: DEMO_INSTITUTION_CODES.evaluatorCity },
] as const;
