-- The portal runs as a member of the group role pekppp_app, never as the owner of the tables. The
-- owner (who applies the migrations) can disable or drop the audit trail's append-only trigger; a
-- member of pekppp_app cannot: it may read and write the other tables, but on "AuditEvent" only
-- SELECT and INSERT, and nothing on "_prisma_migrations". See README, "Running on your own PostgreSQL".

-- Roles belong to the whole server, shared by every database on it (tests migrate many at once):
-- create the group only when missing; a concurrent creation counts as done.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pekppp_app') THEN
    CREATE ROLE pekppp_app NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'role pekppp_app does not exist and % may not create roles: create it first (README, "Running on your own PostgreSQL")', current_user;
END
$$;

-- Only the owner creates objects (already the default since PostgreSQL 15).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO pekppp_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pekppp_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO pekppp_app;

-- The audit trail: append and read, nothing more (the trigger refuses UPDATE, DELETE and TRUNCATE
-- even to the owner, and the missing privileges refuse them to the portal before the trigger does).
REVOKE ALL ON "AuditEvent" FROM pekppp_app;
GRANT SELECT, INSERT ON "AuditEvent" TO pekppp_app;

-- Migration bookkeeping: a portal that could write it could mark a migration as applied.
DO $$
BEGIN
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM pekppp_app;
  END IF;
END
$$;

-- Tables and sequences that later migrations create (as the same owner) get the same rights.
-- A later append-only table must REVOKE UPDATE, DELETE ON it FROM pekppp_app itself.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pekppp_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO pekppp_app;
