import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inspectPortalRole, portalRoleWarnings } from "../../scripts/lib/db-roles";
import { useSeededDatabase } from "./support/test-database";

/**
 * The audit trail's append-only trigger binds only a role that can neither disable nor drop it:
 * the portal runs as a member of pekppp_app (migration 20261206200000_portal_app_role), the
 * owner only migrates and seeds. Every other integration test runs the server layer as that role.
 */
/** Tables whose own migration takes a right back from pekppp_app (like the audit table does). */
const NARROWED_BY_THEIR_MIGRATION: Record<string, { update?: false; delete?: false }> = {
  // 20261207200000_indicator_conversation: comments are never deleted.
  IndicatorComment: { delete: false },
  // 20261208100000_berita_acara_sign_off: documents and signatures are append-only.
  BeritaAcara: { update: false, delete: false },
  BeritaAcaraSignature: { update: false, delete: false },
  // 20261208300001_result_versions: a published version is never changed.
  ResultVersion: { update: false, delete: false },
  ResultVersionInstitution: { update: false, delete: false },
  ResultVersionLocus: { update: false, delete: false },
};

// Only when DATABASE_URL's user may not create roles do the tests run as the owner (with a warning).
const sameRole = new URL(inject("appServerUrl")).username === new URL(inject("serverUrl")).username;

describe.skipIf(sameRole)("the portal's database role", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let app: pg.Client;
  let owner: pg.Client;
  let ownerName: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    app = new pg.Client({ connectionString: database.url });
    owner = new pg.Client({ connectionString: database.ownerUrl });
    await Promise.all([app.connect(), owner.connect()]);
    ownerName = (await owner.query("SELECT current_user AS name")).rows[0].name;
  });
  afterAll(async () => {
    await Promise.all([app.end(), owner.end()]);
    await database.drop();
  });

  it("is neither a superuser nor the owner of the audit table, and only a member of pekppp_app", async () => {
    const role = await app.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
              pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = '"AuditEvent"'::regclass), 'MEMBER') AS owns_audit,
              ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) AS member_of
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role.rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owns_audit: false,
      member_of: ["pekppp_app"],
    });
  });

  it("may append to the audit trail and read it", async () => {
    const inserted = await app.query(`INSERT INTO "AuditEvent" (action, "entityType") VALUES ('test.role', 'Test') RETURNING id`);
    const read = await app.query(`SELECT action FROM "AuditEvent" WHERE id = $1`, [inserted.rows[0].id]);
    expect(read.rows).toEqual([{ action: "test.role" }]);
  });

  it("may not rewrite the audit trail, nor switch off, drop or replace its trigger", async () => {
    await app.query(`INSERT INTO "AuditEvent" (action, "entityType") VALUES ('test.keep', 'Test')`);
    const attempts: [string, RegExp][] = [
      [`UPDATE "AuditEvent" SET action = 'forged'`, /permission denied/],
      [`DELETE FROM "AuditEvent"`, /permission denied/],
      [`TRUNCATE "AuditEvent"`, /permission denied/],
      [`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`, /must be owner/],
      [`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`, /must be owner/],
      [`SET session_replication_role = replica`, /permission denied/],
      [`DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`, /must be owner/],
      [`DROP TABLE "AuditEvent"`, /must be owner/],
      [
        `CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql`,
        /must be owner|permission denied/,
      ],
      [`CREATE TRIGGER forge BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`, /permission denied/],
      [`ALTER TABLE "AuditEvent" OWNER TO current_user`, /must be owner/],
      [`SET ROLE "${ownerName}"`, /permission denied/],
      [`SELECT setval('"AuditEvent_id_seq"', 1)`, /permission denied/],
    ];
    for (const [sql, refusal] of attempts) {
      await expect(app.query(sql), sql).rejects.toThrow(refusal);
    }
    const kept = await owner.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'test.keep'`);
    expect(kept.rows[0].n).toBe(1);
    const triggers = await owner.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY 1`);
    expect(triggers.rows).toEqual([
      { tgname: "AuditEvent_append_only", tgenabled: "O" },
      { tgname: "AuditEvent_no_truncate", tgenabled: "O" },
    ]);
  });

  it("reads and writes every other table, truncates none, and cannot touch the migration bookkeeping or create tables", async () => {
    const rights = await app.query<{ table: string; select: boolean; insert: boolean; update: boolean; delete: boolean; truncate: boolean; trigger: boolean }>(
      `SELECT c.relname AS table,
              has_table_privilege(c.oid, 'SELECT') AS select, has_table_privilege(c.oid, 'INSERT') AS insert,
              has_table_privilege(c.oid, 'UPDATE') AS update, has_table_privilege(c.oid, 'DELETE') AS delete,
              has_table_privilege(c.oid, 'TRUNCATE') AS truncate, has_table_privilege(c.oid, 'TRIGGER') AS trigger
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    );
    const byTable = new Map(rights.rows.map(({ table, ...r }) => [table, r]));
    expect(byTable.get("AuditEvent")).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false, trigger: false });
    expect(byTable.get("_prisma_migrations")).toEqual({ select: false, insert: false, update: false, delete: false, truncate: false, trigger: false });
    const others = rights.rows.filter((r) => r.table !== "AuditEvent" && r.table !== "_prisma_migrations");
    expect(others.length).toBeGreaterThan(20);
    for (const { table, ...r } of others) {
      const narrowed = NARROWED_BY_THEIR_MIGRATION[table] ?? {};
      expect({ table, ...r }).toEqual({ table, select: true, insert: true, update: true, delete: true, truncate: false, trigger: false, ...narrowed });
    }
    await expect(app.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', 'x')`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied for schema public/);
  });

  it("gets the same rights on a table a later migration creates (default privileges of the owner)", async () => {
    await owner.query(`CREATE TABLE "LaterTable" (id BIGSERIAL PRIMARY KEY, note TEXT)`);
    try {
      await app.query(`INSERT INTO "LaterTable" (note) VALUES ('a')`);
      await app.query(`UPDATE "LaterTable" SET note = 'b'`);
      expect((await app.query(`DELETE FROM "LaterTable" RETURNING note`)).rows).toEqual([{ note: "b" }]);
      await expect(app.query(`TRUNCATE "LaterTable"`)).rejects.toThrow(/permission denied/);
    } finally {
      await owner.query(`DROP TABLE "LaterTable"`);
    }
  });

  it("gives no start-up warning for the portal's role, and warns for the owner", async () => {
    expect(portalRoleWarnings(await inspectPortalRole(database.url))).toEqual([]);
    const ownerFacts = await inspectPortalRole(database.ownerUrl);
    expect(ownerFacts.ownsAuditTable).toBe(true);
    expect(portalRoleWarnings(ownerFacts).length).toBeGreaterThan(0);
  });
});
