"""Opening and creating the store on a PostgreSQL server (``postgresql://USER@HOST[:PORT]/DBNAME``).

The same models as the SQLite file, with what a file keeps in PRAGMAs kept in a small table of its own
(``socialokonomi_meta``: the application's marker and the schema version). Names that are unique regardless
of case use an ICU collation called ``nocase``, created with the tables (PostgreSQL refuses LIKE on such a
column: search names in Python, as the pages do, or compare with ``==``, which ignores case on both engines).
A user whose role may read but not change the tables gets a read-only store (``read_only``), which the
command layer already honours; the audit trail names the database user. Backups, the lock file and the
integrity check belong to a file: on the server the administrator's pg_dump schedule and PostgreSQL's own
locking take their place.
"""

import peewee

from models.base import database_proxy
from models.errors import DatabaseOpenError, NewerSchemaError
from models.i18n import _
from models.schema import ALL_MODELS
from models.server_address import ServerAddress, keyring_password, parse_address
from models.server_schema import META_TABLE, upgrade

APPLICATION = "Socialøkonomi"
NOCASE = "CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"


class PasswordNeededError(DatabaseOpenError):
    """The server wants a password that neither libpq's files nor the keyring gave; ask the user for it."""

    def __init__(self, message: str, address: ServerAddress) -> None:
        super().__init__(message)
        self.address = address


def _describe(error: Exception, address: ServerAddress) -> str:
    text = str(error).lower()
    where = address.display()
    if "does not exist" in text and "database" in text:
        return _("Databasen {address} findes ikke på serveren.").format(address=where)
    if "role" in text and "does not exist" in text:
        return _("Brugeren {user} findes ikke på databaseserveren.").format(user=address.user or "?")
    if "ssl" in text or "tls" in text:
        return _("Serveren {host} tilbyder ikke en krypteret forbindelse (TLS), og den kræves.").format(
            host=address.host
        )
    if "permission denied" in text or "not permitted" in text:
        return _("Brugeren {user} har ikke adgang til databasen {address}.").format(
            user=address.user or "?", address=where
        )
    unknown_name = any(t in text for t in ("could not translate", "name or service not known", "failed to resolve"))
    if unknown_name or "connect" in text or "timeout" in text or "refused" in text:
        if unknown_name:
            reason = _("navnet kendes ikke. Tjek stavningen, og om computeren er på kommunens net (evt. VPN).")
        elif "refused" in text:
            reason = _("serveren tager ikke imod forbindelser på den port. Tjek portnummeret.")
        elif "timeout" in text or "timed out" in text:
            reason = _("den svarer ikke. Tjek, om computeren er på kommunens net (evt. VPN).")
        else:
            reason = str(error).strip().splitlines()[0]
        return _("Databaseserveren {host} kan ikke nås: {reason}").format(
            host=address.host or "localhost", reason=reason
        )
    return _("Databasen {address} kan ikke bruges: {reason}").format(
        address=where, reason=str(error).strip().splitlines()[0]
    )


def _password_refused(error: Exception) -> bool:
    text = str(error).lower()
    return "password" in text and ("authentication failed" in text or "no password" in text)


def _connect(address: ServerAddress, password: str | None) -> peewee.PostgresqlDatabase:
    from models import load_server_driver

    load_server_driver()
    db = peewee.PostgresqlDatabase(address.dbname, **address.connect_params(password))
    db.connect()
    return db


def open_server(text: str, *, create: bool = True, password: str | None = None) -> peewee.PostgresqlDatabase:
    """Open (or, with ``create``, set up) the store at a server address, and bind every model to it.

    Raises ``PasswordNeededError`` when a password is needed and none was found, ``DatabaseOpenError`` with a
    Danish message for everything else that stands in the way, and ``NewerSchemaError`` for a database set up
    by a newer version. The database is left as it was in every case.
    """
    from models.store import SCHEMA_VERSION, _notify_opened

    address = parse_address(text)
    try:
        try:
            db = _connect(address, password)
        except peewee.OperationalError as error:
            kept = None if password else keyring_password(address)
            if not _password_refused(error) or kept is None:
                raise
            db = _connect(address, kept)
    except peewee.OperationalError as error:
        if _password_refused(error):
            message = (
                _("Adgangskoden til {address} blev afvist.")
                if password or "authentication failed" in str(error).lower()  # also one from .pgpass or PGPASSWORD
                else _("Databasen {address} kræver en adgangskode.")
            )
            raise PasswordNeededError(message.format(address=address.display()), address) from error
        raise DatabaseOpenError(_describe(error, address)) from error
    db.path = None
    db.address = address
    try:
        db.user_name = db.execute_sql("SELECT session_user").fetchone()[0]
        tables = db.get_tables()
        version = _read_meta(db, tables, address)
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(
                _(
                    "Databasen {address} er lavet med en nyere udgave af Socialøkonomi (skemaversion {found}; "
                    "denne udgave kender til version {known}). Opdatér programmet. Databasen er ikke ændret."
                ).format(address=address.display(), found=version, known=SCHEMA_VERSION)
            )
        if not tables:
            if not create:
                raise DatabaseOpenError(
                    _("Databasen {address} er tom: den har endnu ingen tabeller fra Socialøkonomi.").format(
                        address=address.display()
                    )
                )
            _close_bound()
            database_proxy.initialize(db)  # the models' DDL is written for the bound engine
            try:
                _create_schema(db, SCHEMA_VERSION)
            except peewee.DatabaseError as error:
                if "permission denied" not in str(error).lower():
                    raise
                raise DatabaseOpenError(
                    _(
                        "Databasen {address} har endnu ingen tabeller, og dem kan kun databasens ejer oprette. Bed "
                        "databaseserverens administrator åbne den én gang som ejeren (rollen socialokonomi_ejer). "
                        "Databasen er ikke ændret."
                    ).format(address=address.display())
                ) from error
        elif version < SCHEMA_VERSION:  # set up by an older version: upgraded in one transaction, or refused
            upgrade(db, version, SCHEMA_VERSION, address.display())
        db.read_only = not _may_write(db)
    except (DatabaseOpenError, NewerSchemaError):
        db.close()
        raise
    except peewee.DatabaseError as error:
        db.close()
        raise DatabaseOpenError(_describe(error, address)) from error
    _close_bound()
    database_proxy.initialize(db)
    _notify_opened()
    return db


def _close_bound() -> None:
    """Close the server store bound before this one: its connection would otherwise stay open unowned."""
    previous = database_proxy.obj
    if isinstance(previous, peewee.PostgresqlDatabase) and not previous.is_closed():
        previous.close()


def _read_meta(db: peewee.PostgresqlDatabase, tables: list[str], address: ServerAddress) -> int:
    if not tables:
        return 0
    if META_TABLE not in tables:
        raise DatabaseOpenError(
            _("Databasen {address} indeholder andre tabeller end Socialøkonomis; den bruges ikke.").format(
                address=address.display()
            )
        )
    meta = dict(db.execute_sql(f"SELECT key, value FROM {META_TABLE}").fetchall())
    if meta.get("application") != APPLICATION:
        raise DatabaseOpenError(
            _("Databasen {address} er ikke en database fra Socialøkonomi.").format(address=address.display())
        )
    try:
        return int(meta.get("schema_version", 0))
    except (TypeError, ValueError):
        raise DatabaseOpenError(
            _(
                "Databasen {address} kan ikke bruges: dens skemaversion ({found}) kan ikke læses. Den er ikke "
                "ændret. Bed databaseserverens administrator se på tabellen {table}."
            ).format(address=address.display(), found=meta.get("schema_version"), table=META_TABLE)
        ) from None


def _create_schema(db: peewee.PostgresqlDatabase, version: int) -> None:
    with db.atomic():
        db.execute_sql(NOCASE)
        db.create_tables(ALL_MODELS)
        db.execute_sql(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute_sql(
            f"INSERT INTO {META_TABLE} (key, value) VALUES ('application', %s), ('schema_version', %s)",
            (APPLICATION, str(version)),
        )
        from models.server_schema import protect_history

        protect_history(db)  # colleagues add history, never rewrite it


def _may_write(db: peewee.PostgresqlDatabase) -> bool:
    """True if the database user may change every table (a read-only role may only read them)."""
    from models.history import AuditEntry

    # the audit trail is only added to (models.server_schema.protect_history)
    names = [model._meta.table_name for model in ALL_MODELS if model is not AuditEntry]
    sql = "SELECT bool_and(has_table_privilege(t, 'INSERT, UPDATE, DELETE')) FROM unnest(%s::text[]) AS t"
    changes = bool(db.execute_sql(sql, ([f'"{name}"' for name in names],)).fetchone()[0])
    adds = db.execute_sql("SELECT has_table_privilege(%s, 'INSERT')", (f'"{AuditEntry._meta.table_name}"',))
    return changes and bool(adds.fetchone()[0])
