import pg from "pg";

/**
 * The group role that holds the portal's rights (granted by the migration
 * 20261206200000_portal_app_role): read and write every table, but only read and append the audit
 * trail, and nothing on `_prisma_migrations`. The portal logs in as a member of it.
 */
export const APP_GROUP_ROLE = "pekppp_app";
/** The login role the portal uses on an embedded server. */
export const PORTAL_LOGIN_ROLE = "pekppp_portal";

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates the group role when missing. Roles belong to the whole server, where many databases
 * (every test file's) may migrate at once: a concurrent creation counts as done.
 */
export const CREATE_APP_GROUP_ROLE_SQL = `DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_GROUP_ROLE}') THEN
    CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$`;

/**
 * Makes `login` a login role with `password` whose only rights are those of the group role: no
 * superuser, no role or database creation, no row-security bypass. Run by a superuser (or a role
 * with CREATEROLE and ADMIN on the group).
 */
export async function ensurePortalLogin(ownerUrl: string, login: string, password: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(CREATE_APP_GROUP_ROLE_SQL);
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT PASSWORD ${client.escapeLiteral(password)}`;
    await client.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${quoteIdent(login)} ${attributes}`);
    await client.query(`GRANT ${APP_GROUP_ROLE} TO ${quoteIdent(login)}`);
  } finally {
    await client.end();
  }
}

/** What the database says about the role a connection runs as, and its hold on the audit trail. */
export interface PortalRoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  /** The role owns AuditEvent, or is a member of its owner (and may act as it). */
  ownsAuditTable: boolean;
  /** Rights on AuditEvent beyond SELECT and INSERT (UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES). */
  extraAuditPrivileges: string[];
}

const AUDIT_PRIVILEGES = ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"] as const;

export async function inspectPortalRole(url: string): Promise<PortalRoleFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const role = await client.query<{ role: string; superuser: boolean; bypass_rls: boolean; create_role: boolean }>(
      `SELECT current_user AS role, rolsuper AS superuser, rolbypassrls AS bypass_rls, rolcreaterole AS create_role
       FROM pg_roles WHERE rolname = current_user`,
    );
    const audit = await client.query<{ owns: boolean; privileges: string[] }>(
      `SELECT pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
              ARRAY(SELECT p FROM unnest($1::text[]) AS p WHERE has_table_privilege(current_user, c.oid, p)) AS privileges
       FROM pg_class c WHERE c.oid = to_regclass('public."AuditEvent"')`,
      [AUDIT_PRIVILEGES],
    );
    const facts = role.rows[0]!;
    const table = audit.rows[0];
    return {
      role: facts.role,
      superuser: facts.superuser,
      bypassRls: facts.bypass_rls,
      createRole: facts.create_role,
      ownsAuditTable: table?.owns ?? false,
      extraAuditPrivileges: table?.privileges ?? [],
    };
  } finally {
    await client.end();
  }
}

/**
 * What is wrong with the portal's role, one line each; empty when it cannot rewrite the audit
 * trail. A superuser or the table's owner can disable, drop or bypass the append-only trigger
 * (ALTER TABLE … DISABLE TRIGGER, SET session_replication_role = replica, DROP TRIGGER).
 */
export function portalRoleWarnings(facts: PortalRoleFacts): string[] {
  const problems: string[] = [];
  if (facts.superuser) problems.push("superuser: dapat mematikan pemicu append-only jejak audit atau mengganti session_replication_role");
  if (facts.bypassRls) problems.push("memiliki BYPASSRLS");
  if (facts.createRole && !facts.superuser) problems.push("memiliki CREATEROLE: dapat memberi dirinya peran lain");
  if (facts.ownsAuditTable && !facts.superuser)
    problems.push("pemilik tabel AuditEvent (atau anggota pemiliknya): dapat mematikan atau menghapus pemicu append-only");
  if (facts.extraAuditPrivileges.length > 0 && !facts.superuser && !facts.ownsAuditTable) {
    problems.push(`memegang ${facts.extraAuditPrivileges.join(", ")} pada AuditEvent (cukup SELECT dan INSERT)`);
  }
  return problems;
}

/** Logs the warnings about the portal's role once, at start; never stops the start. */
export async function warnAboutPortalRole(url: string, warn: (line: string) => void) {
  try {
    const facts = await inspectPortalRole(url);
    const problems = portalRoleWarnings(facts);
    if (problems.length === 0) return;
    warn(`PERINGATAN: peran basis data portal "${facts.role}" punya hak lebih dari yang diperlukan:`);
    for (const problem of problems) warn(`  - ${problem}`);
    warn(
      '  Jejak audit hanya terlindungi bila portal berjalan sebagai anggota pekppp_app (DATABASE_URL) dan migrasi sebagai pemilik tabel (DATABASE_OWNER_URL); lihat README, "Running on your own PostgreSQL".',
    );
  } catch (error) {
    warn(`PERINGATAN: hak peran basis data portal tidak dapat diperiksa: ${error instanceof Error ? error.message : String(error)}`);
  }
}
