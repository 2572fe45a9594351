-- The two roles of docs/deploy.md §1, for the compose example (NOT EXERCISED HERE).
-- Replace the passwords (compose passes them from .env in real use).
CREATE ROLE pekppp_owner LOGIN PASSWORD 'owner-secret-change-me';
CREATE ROLE pekppp_app NOLOGIN;
CREATE ROLE pekppp_portal LOGIN PASSWORD 'portal-secret-change-me' IN ROLE pekppp_app;
CREATE DATABASE pekppp OWNER pekppp_owner;
REVOKE CONNECT ON DATABASE pekppp FROM PUBLIC;
GRANT CONNECT ON DATABASE pekppp TO pekppp_owner, pekppp_portal;
