-- Socialøkonomi on a PostgreSQL server: the database, its owner, an editing role and a read-only role.
-- Run once as a superuser:  psql -h SERVER -U postgres -v ON_ERROR_STOP=1 -f docs/server-setup.sql
-- Then give each colleague a login in one of the two roles (see the end), and create the tables by opening
-- the database once as the owner (README, "A shared database on a server").

-- The owner holds the tables; only the administrator logs in as it (to create the tables, and to upgrade
-- them when a new version of the application needs it).
CREATE ROLE socialokonomi_ejer LOGIN;
-- Colleagues who enter data, and colleagues who only read and export.
CREATE ROLE socialokonomi_redaktor NOLOGIN;
CREATE ROLE socialokonomi_laeser NOLOGIN;

CREATE DATABASE socialokonomi OWNER socialokonomi_ejer ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE socialokonomi FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE socialokonomi TO socialokonomi_redaktor, socialokonomi_laeser;

\connect socialokonomi
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO socialokonomi_redaktor, socialokonomi_laeser;
-- Every table and id sequence the owner creates (now and in later versions) is shared with the two roles;
-- when the application creates the tables it takes back the editing role's right to change or delete the
-- audit trail and the schema marker (colleagues add history, only the owner may rewrite it).
ALTER DEFAULT PRIVILEGES FOR ROLE socialokonomi_ejer IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO socialokonomi_redaktor;
ALTER DEFAULT PRIVILEGES FOR ROLE socialokonomi_ejer IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO socialokonomi_redaktor;
ALTER DEFAULT PRIVILEGES FOR ROLE socialokonomi_ejer IN SCHEMA public
    GRANT SELECT ON TABLES TO socialokonomi_laeser;
ALTER DEFAULT PRIVILEGES FOR ROLE socialokonomi_ejer IN SCHEMA public
    GRANT SELECT ON SEQUENCES TO socialokonomi_laeser;

-- Colleagues: one login each (the audit trail names it), in the role that fits. Set each password with
-- psql's \password NAME (never written into a file), for example:
--   CREATE ROLE anne LOGIN IN ROLE socialokonomi_redaktor;
--   CREATE ROLE bo LOGIN IN ROLE socialokonomi_laeser;
--   \password socialokonomi_ejer
