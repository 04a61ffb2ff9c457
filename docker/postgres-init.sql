-- Roles for docker-compose (development passwords; production provisions its own, see docs/adr/0004).
CREATE ROLE gpos_owner LOGIN PASSWORD 'gpos-owner-dev';
CREATE ROLE gpos_app LOGIN PASSWORD 'gpos-app-dev';
ALTER DATABASE gpos OWNER TO gpos_owner;
REVOKE ALL ON DATABASE gpos FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE gpos TO gpos_app;
\connect gpos
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
