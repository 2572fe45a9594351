import { describe, expect, it } from "vitest";
import { type PortalRoleFacts, portalRoleWarnings } from "../../scripts/lib/db-roles";

/** The rights of a member of pekppp_app: what the portal should run as. */
const APP_ROLE: PortalRoleFacts = {
  role: "pekppp_portal",
  superuser: false,
  bypassRls: false,
  createRole: false,
  ownsAuditTable: false,
  extraAuditPrivileges: [],
};

describe("the start-up warning about the portal's database role (scripts/lib/db-roles.ts)", () => {
  it("says nothing for a role that may only read and append the audit trail", () => {
    expect(portalRoleWarnings(APP_ROLE)).toEqual([]);
  });

  it("warns for a superuser (it can switch session_replication_role or disable the trigger)", () => {
    const warnings = portalRoleWarnings({ ...APP_ROLE, role: "postgres", superuser: true, bypassRls: true, createRole: true, ownsAuditTable: true });
    expect(warnings.join("\n")).toMatch(/superuser/);
    expect(warnings.join("\n")).toMatch(/session_replication_role/);
    expect(warnings.join("\n")).toMatch(/BYPASSRLS/);
  });

  it("warns for the owner of the audit table or a member of its owner: the single-role setup", () => {
    const warnings = portalRoleWarnings({ ...APP_ROLE, role: "pekppp_owner", ownsAuditTable: true, extraAuditPrivileges: ["UPDATE", "DELETE", "TRUNCATE"] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/pemilik tabel AuditEvent/);
  });

  it("warns for a role that holds more than SELECT and INSERT on the audit table, or may create roles, or bypasses row security", () => {
    expect(portalRoleWarnings({ ...APP_ROLE, extraAuditPrivileges: ["TRUNCATE", "TRIGGER"] })).toEqual([
      expect.stringMatching(/TRUNCATE, TRIGGER pada AuditEvent/),
    ]);
    expect(portalRoleWarnings({ ...APP_ROLE, createRole: true })).toEqual([expect.stringMatching(/CREATEROLE/)]);
    expect(portalRoleWarnings({ ...APP_ROLE, bypassRls: true })).toEqual([expect.stringMatching(/BYPASSRLS/)]);
  });
});
