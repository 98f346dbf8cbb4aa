"""Upgrading a server database to this version's schema, as ``models.store`` upgrades a file: one step per
schema version, here all in one transaction (PostgreSQL changes tables transactionally), so an upgrade that
fails part of the way leaves the database exactly as it was.

The server store began at schema version 5 (``FIRST_VERSION``); a later version that changes the schema adds
its step to ``MIGRATIONS`` in PostgreSQL's terms (the SQLite steps in ``models.store`` rebuild tables, which
PostgreSQL does not need). Changing tables needs their owner: a colleague in the editing or read-only role is
told, in Danish, what the administrator must do, and the database stays as it was.
"""

from collections.abc import Callable

import peewee

from models.errors import DatabaseOpenError
from models.i18n import _
from models.schema import ALL_MODELS

FIRST_VERSION = 5  # the schema version the first server stores were created with
META_TABLE = "socialokonomi_meta"

# version reached -> the step that reaches it from the version before (none yet: version 5 is the first)
MIGRATIONS: dict[int, Callable[[peewee.PostgresqlDatabase], None]] = {}


def protect_history(db: peewee.PostgresqlDatabase) -> None:
    """Only the owner may rewrite the audit trail or the schema marker: the rights the administrator's script
    gives colleagues on every table (docs/server-setup.sql) are taken back there, except adding history rows
    and reading. Run by the owner when the tables are created."""
    from models.history import AuditEntry

    audit = AuditEntry._meta.table_name
    for table, kept in ((audit, ("SELECT", "INSERT")), (META_TABLE, ("SELECT",))):
        grantees = db.execute_sql(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
            "WHERE table_schema = current_schema() AND table_name = %s AND grantee <> current_user "
            "AND privilege_type <> ALL(%s)",
            (table, list(kept)),
        ).fetchall()
        for (grantee,) in grantees:
            role = '"' + grantee.replace('"', '""') + '"'
            db.execute_sql(
                f'REVOKE UPDATE, DELETE, TRUNCATE{"" if "INSERT" in kept else ", INSERT"} ON "{table}" FROM {role}'
            )


def _owner_missing(error: Exception) -> bool:
    text = str(error).lower()
    return "must be owner" in text or "permission denied" in text or "insufficient" in text


def _ask_the_administrator(display: str, found: int, target: int) -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "Databasen {address} skal opdateres fra skemaversion {found} til {target}, før denne udgave af "
            "Socialøkonomi kan bruge den, og det kan kun databasens ejer. Bed databaseserverens administrator "
            "åbne den én gang som ejeren (rollen socialokonomi_ejer), fx med: socialokonomi status --database "
            "postgresql://socialokonomi_ejer@…/{dbname}. Databasen er ikke ændret."
        ).format(address=display, found=found, target=target, dbname=display.rsplit("/", 1)[-1])
    )


def upgrade(db: peewee.PostgresqlDatabase, found: int, target: int, display: str) -> None:
    """Bring the server database ``db`` from schema version ``found`` up to ``target`` in one transaction, or
    raise ``DatabaseOpenError`` with a Danish message and leave it unchanged."""
    missing = [version for version in range(found + 1, target + 1) if version not in MIGRATIONS]
    if found < FIRST_VERSION or missing:
        raise DatabaseOpenError(
            _(
                "Databasen {address} har skemaversion {found}, som denne udgave af Socialøkonomi ikke kan opdatere "
                "til version {target}. Databasen er ikke ændret. Administratoren kan flytte data over i en ny "
                "database: kopiér den med den udgave af Socialøkonomi, den er lavet med (socialokonomi copy-data "
                "--from ADRESSE --to FIL.sqlite), og kopiér filen ind i en ny, tom database med denne udgave."
            ).format(address=display, found=found, target=target)
        )
    try:
        with db.atomic(), db.bind_ctx(ALL_MODELS):
            # one upgrade at a time: a colleague opening the database meanwhile waits, then finds it done
            db.execute_sql(f"LOCK TABLE {META_TABLE} IN EXCLUSIVE MODE")
            (now,) = db.execute_sql(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
            for version in range(int(now) + 1, target + 1):
                MIGRATIONS[version](db)
            db.execute_sql(f"UPDATE {META_TABLE} SET value = %s WHERE key = 'schema_version'", (str(target),))
    except peewee.DatabaseError as error:
        if _owner_missing(error):
            raise _ask_the_administrator(display, found, target) from error
        raise DatabaseOpenError(
            _("Databasen {address} kunne ikke opdateres ({reason}). Den er ikke ændret.").format(
                address=display, reason=str(error).strip().splitlines()[0]
            )
        ) from error
