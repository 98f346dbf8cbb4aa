"""Opening, creating and migrating the SQLite store.

The database is WAL-journalled with ``synchronous=FULL`` (a laptop loses power; the few edits a user makes
cost nothing extra to make durable) and foreign keys on. Each edit runs in its own transaction, committed
at once. ``PRAGMA application_id`` marks the file as ours and ``PRAGMA user_version`` holds the schema
version; a file from a newer version is refused before anything is written to it.
"""

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from models.base import database_proxy
from models.errors import DamagedDatabaseError, DatabaseOpenError, NewerSchemaError
from models.i18n import _
from models.schema import ALL_MODELS

if TYPE_CHECKING:  # playhouse.migrate loads the PostgreSQL driver: imported only when a file is migrated
    from playhouse.migrate import SqliteMigrator

APPLICATION_ID = 0x534F4B31  # "SOK1"
SCHEMA_VERSION = 5
SQLITE_HEADER = b"SQLite format 3\x00"
DATA_FILE_NAME = "socialokonomi.sqlite"


def default_database_path() -> Path:
    """The embedded default: a SQLite file in the user's data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("Socialokonomi", appauthor=False) / DATA_FILE_NAME


def _migrate_1_to_2(db: peewee.SqliteDatabase, migrator: "SqliteMigrator") -> None:
    # Version 2 indexes the dates that the yearly figures and the job status filter on.
    from playhouse.migrate import migrate

    migrate(
        migrator.add_index("job_placement", ("date",), False),
        migrator.add_index("grant", ("year",), False),
        migrator.add_index("evaluation", ("date",), False),
        migrator.add_index("network_meeting", ("date",), False),
        migrator.add_index("network_theme", ("year",), False),
    )


def _migrate_2_to_3(db: peewee.SqliteDatabase, migrator: "SqliteMigrator") -> None:
    # Version 3 adds the audit trail, the trash and locked years.
    from models.schema import HISTORY_MODELS

    db.create_tables(HISTORY_MODELS)


def _rebuild_tables(
    db: peewee.SqliteDatabase, copied: Callable[[type], list[str]], computed: dict[str, str] | None = None
) -> None:
    # SQLite cannot change a column's definition or put a new column in its place, so each table is rebuilt as
    # SQLite's documentation describes: create the new table, copy, drop the old one, rename the new one,
    # recreate its indexes (foreign keys are off meanwhile). ``computed`` fills new columns by SQL expressions.
    computed = computed or {}
    for model in ALL_MODELS:
        table = model._meta.table_name
        new = f"{table}__new"
        sql, params = model._schema._create_table(safe=False).query()
        db.execute_sql(sql.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{new}"', 1), params)
        names = [f'"{name}"' for name in copied(model)]
        columns = ", ".join(names + [f'"{name}"' for name in computed])
        values = ", ".join(names + list(computed.values()))
        db.execute_sql(f'INSERT INTO "{new}" ({columns}) SELECT {values} FROM "{table}"')
        db.execute_sql(f'DROP TABLE "{table}"')
        db.execute_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
        model._schema.create_indexes(safe=False)


def _reserve_ids_named_in_history(db: peewee.SqliteDatabase) -> None:
    """Ids that version 3 handed out and then deleted may still be named by the trash and the audit trail; the
    sequences start above them, so no new record takes the id of a record that can still be restored."""
    import json

    highest: dict[str, int] = {}
    tables = {model.__name__: model._meta.table_name for model in ALL_MODELS}
    for name, record_id in db.execute_sql(
        "SELECT model, MAX(record_id) FROM audit_entry WHERE record_id IS NOT NULL GROUP BY model"
    ).fetchall():
        if name in tables:
            highest[tables[name]] = max(highest.get(tables[name], 0), record_id)
    for (rows,) in db.execute_sql("SELECT rows FROM trash_item").fetchall():
        try:
            document = json.loads(rows)
            items = document if isinstance(document, list) else document.get("rows", [])
            for name, data in items:
                if name in tables and isinstance(data.get("id"), int):
                    highest[tables[name]] = max(highest.get(tables[name], 0), data["id"])
        except (ValueError, TypeError, AttributeError):
            continue  # an unreadable trash item is refused when someone tries to restore it
    for model in ALL_MODELS:
        table = model._meta.table_name
        top = db.execute_sql(f'SELECT MAX(id) FROM "{table}"').fetchone()[0] or 0
        seq = max(top, highest.get(table, 0))
        if seq:
            db.execute_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
            db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))


def _migrate_3_to_4(db: peewee.SqliteDatabase, migrator: "SqliteMigrator") -> None:
    # Version 4 gives every table AUTOINCREMENT ids (an id is never handed out twice, so a record restored from
    # the trash cannot land on a newer one), every record an identity across databases (uid, models.base) and
    # hours with two decimals.
    _rebuild_tables(
        db,
        lambda model: [f.column_name for f in model._meta.sorted_fields if f.column_name not in ("row_version", "uid")],
        {"uid": "lower(hex(randomblob(16)))"},
    )
    _reserve_ids_named_in_history(db)


def _migrate_4_to_5(db: peewee.SqliteDatabase, migrator: "SqliteMigrator") -> None:
    # Version 5 gives every record a row version (optimistic locking: a save based on an older version of the
    # record is refused); existing records start at 1. Rebuilt so the column sits where a new store has it.
    _rebuild_tables(
        db, lambda model: [f.column_name for f in model._meta.sorted_fields if f.column_name != "row_version"]
    )


# version reached -> the migration that reaches it from the version before
MIGRATIONS: dict[int, Callable[[peewee.SqliteDatabase, "SqliteMigrator"], None]] = {
    2: _migrate_1_to_2,
    3: _migrate_2_to_3,
    4: _migrate_3_to_4,
    5: _migrate_4_to_5,
}


def _describe(error: Exception, path: Path) -> str:
    text = str(error).lower()
    if isinstance(error, ValueError) or any(word in text for word in DAMAGE_WORDS):
        return _("Databasen {path} er beskadiget og kan ikke åbnes. Den er ikke ændret.").format(path=path)
    if "not a database" in text or "encrypted" in text:
        return _("Filen {path} er ikke en database fra Socialøkonomi.").format(path=path)
    if "locked" in text or "busy" in text:
        return _("Databasen {path} er i brug af et andet program. Prøv igen om lidt.").format(path=path)
    if "readonly" in text or "read-only" in text:
        return _("Databasen {path} er skrivebeskyttet.").format(path=path)
    if "unable to open" in text:
        return _("Databasen {path} kan ikke åbnes (filen eller mappen kan ikke læses).").format(path=path)
    if "disk i/o" in text:
        return _("Databasen {path} kan ikke læses: disken svarer ikke (ind-/udlæsningsfejl).").format(path=path)
    return _("Databasen {path} kan ikke bruges (SQLite-fejl: {reason}). Den er ikke ændret.").format(
        path=path, reason=error
    )


# SQLite's words for a file whose contents are damaged (a UnicodeDecodeError from its message counts too)
DAMAGE_WORDS = ("malformed", "corrupt", "unsupported file format", "could not decode")


def is_damage(error: Exception) -> bool:
    """True if ``error`` (raised while reading a database) means the file's contents are damaged."""
    return isinstance(error, ValueError) or any(word in str(error).lower() for word in DAMAGE_WORDS)


def file_uri(path: Path, query: str = "") -> str:
    """An SQLite URI for ``path`` that works for any file name (also one that is not valid UTF-8)."""
    from urllib.parse import quote

    uri = "file:" + quote(os.fsencode(Path(path).resolve()))
    return f"{uri}?{query}" if query else uri


def read_uri(path: Path) -> str:
    """A URI to read ``path`` without writing anything: with its -wal if it has one (read-only, so nothing is
    folded into the file), else immutable (nothing is pending, and no -wal/-shm is left beside the file)."""
    return file_uri(path, "mode=ro" if Path(str(path) + "-wal").exists() else "mode=ro&immutable=1")


def header_problem(header: bytes) -> str | None:
    """What is wrong with the 100-byte header of a file that begins with SQLite's magic string, or None.
    SQLite itself calls most of these "not a database" or "unsupported file format": they are damage."""
    if len(header) < 100:
        return _("filens hoved er afkortet")
    page = int.from_bytes(header[16:18], "big")
    if page != 1 and (page < 512 or page > 32768 or page & (page - 1)):
        return _("ugyldig sidestørrelse i filens hoved")
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return _("ugyldigt versionsnummer i filens hoved")
    if header[21:24] != b"\x40\x20\x20":
        return _("ugyldige værdier i filens hoved")
    if int.from_bytes(header[44:48], "big") > 4:
        return _("ugyldigt skemaformat i filens hoved")
    if int.from_bytes(header[56:60], "big") > 3:
        return _("ugyldig tegnkodning i filens hoved")
    return None


def _has_backups(path: Path) -> bool:
    from models.backups import list_backups

    return bool(list_backups(path))


def _damaged(path: Path, what: str) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        _("Databasen {path} er beskadiget ({what}) og kan ikke åbnes. Den er ikke ændret.").format(path=path, what=what)
    )


def _check_file(path: Path, *, create: bool) -> bool:
    """Return True if ``path`` exists with content; raise if it is not an SQLite file. A file that has
    backups beside it is ours: an empty or unrecognisable one is damaged, not foreign."""
    if path.is_dir():
        raise DatabaseOpenError(_("{path} er en mappe, ikke en databasefil.").format(path=path))
    if not path.exists():
        return False
    if path.parent.name.endswith("-sikkerhedskopier") and path.parent.name[: -len("-sikkerhedskopier")] in path.name:
        raise DatabaseOpenError(
            _(
                "{path} er en sikkerhedskopi. Åbn den ikke direkte (den ville blive ændret); gendan den med "
                "socialokonomi restore {path}."
            ).format(path=path)
        )
    if not path.is_file():  # a device, a pipe (reading it would wait for ever), a socket
        raise DatabaseOpenError(
            _("{path} er ikke en almindelig fil og kan ikke bruges som database.").format(path=path)
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise DatabaseOpenError(
            _("Databasen {path} kan ikke læses: {reason}").format(path=path, reason=error.strerror or error)
        ) from error
    if size == 0:
        if _wal_pending(path):  # a power loss on a new machine: the data may be in the -wal; never start anew
            raise _damaged(path, _("filen er tom, men {wal} ved siden af rummer data").format(wal=path.name + "-wal"))
        if _has_backups(path):
            raise _damaged(path, _("filen er tom, 0 byte"))
        if not create:
            raise DatabaseOpenError(
                _("Databasen {path} er en tom fil (0 byte) uden data. Den er ikke ændret.").format(path=path)
            )
        return False
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        if _has_backups(path):
            raise _damaged(path, _("filens begyndelse er ødelagt"))
        raise DatabaseOpenError(_("Filen {path} er ikke en database fra Socialøkonomi.").format(path=path))
    problem = header_problem(header)
    if problem:
        raise _damaged(path, problem)
    return True


def _not_ours(path: Path) -> DatabaseOpenError:
    """A file at the database path that is not ours: damaged if it has backups beside it, else foreign."""
    if _has_backups(path):
        return _damaged(path, _("filen er ikke længere en database fra Socialøkonomi"))
    return DatabaseOpenError(_("Filen {path} er ikke en database fra Socialøkonomi.").format(path=path))


def _foreign_wal(path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "Filen {wal} ved siden af databasen {path} hører ikke til den (den er fra en anden database eller en "
            "ældre udgave af filen). Databasen er ikke ændret. Flyt {wal} til en anden mappe, eller gendan en "
            "sikkerhedskopi."
        ).format(wal=path.name + "-wal", path=path)
    )


def _alone_is_ours(path: Path) -> bool:
    """True if the file without its -wal (read as it is on disk) is a sound database of ours."""
    try:
        check = sqlite3.connect(file_uri(path, "mode=ro&immutable=1"), uri=True)
        try:
            if check.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return False
            return check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except (sqlite3.Error, ValueError):
        return False


def _wal_pending(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _private_copy(path: Path) -> Path:
    """Copy the file with its -wal (which SQLite may not fold in, in a folder it cannot write to) into a
    private temporary folder, so the read-only store shows the committed changes the -wal holds."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="socialokonomi-"))
    try:
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(Path(str(path) + "-wal"), Path(str(copy) + "-wal"))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise DatabaseOpenError(
            _(
                "Databasen {path} ligger i en skrivebeskyttet mappe, og de seneste ændringer (i {wal}) kan ikke "
                "læses: {reason}. Flyt databasen til en mappe, du kan skrive i."
            ).format(path=path, wal=path.name + "-wal", reason=error.strerror or error)
        ) from error
    return copy


def folder_not_creatable(folder: Path, error: OSError) -> str:
    """The Danish message for a database folder that cannot be made (a read-only or missing home folder)."""
    return _(
        "Mappen {folder} til databasen kan ikke oprettes ({reason}). Vælg en database i en mappe, du kan skrive "
        "i (--database STI), eller kontakt it."
    ).format(folder=folder, reason=error.strerror or error)


def open_database(
    path: str | os.PathLike, *, create: bool = True, check: bool = True, indexes: bool = True
) -> peewee.SqliteDatabase:
    """Open (or, with ``create``, create) the store at ``path``, migrate it, and bind every model to it.
    ``check=False`` leaves SQLite's quick check of a writable file to the caller (the window runs it after
    its first paint: models/start_checks.py); a read-only file, and a file not yet in WAL mode (a backup put
    back, a file of an older version: opening it writable rewrites its header), are always checked here.
    ``indexes=False`` adds no index the file lacks (a command that only reads, or may be refused, leaves the
    file as it was).

    Raises ``DatabaseOpenError`` with a Danish message for a missing, foreign, damaged or locked file, and
    ``NewerSchemaError`` for a file from a newer version; in both cases the file is left as it was.
    """
    from models.server_address import is_server_address

    if is_server_address(path):  # a PostgreSQL server: models/server_store.py
        from models.server_store import open_server

        return open_server(path, create=create)
    path = Path(path)
    existed = _check_file(path, create=create)
    if not existed and not create:
        raise DatabaseOpenError(_("Databasen {path} findes ikke.").format(path=path))
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseOpenError(folder_not_creatable(path.parent, error)) from error
    read_only = existed and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    private = None
    pragmas = {"foreign_keys": 1, "busy_timeout": 5000}
    if read_only:
        # A read-only file (or folder, where SQLite cannot keep its -wal/-shm files) opens read-only.
        source, mode = path, "ro"
        if not os.access(path.parent, os.W_OK):
            # immutable=1 ignores a -wal left beside the file: read a private copy of both instead
            if _wal_pending(path):
                source = private = _private_copy(path)
            else:
                mode = "ro&immutable=1"
        db = peewee.SqliteDatabase(file_uri(source, f"mode={mode}"), uri=True, pragmas=pragmas)
    else:
        from models.backups import remove_orphans

        remove_orphans(path)
        # an existing file is checked through a read-only connection first: a -wal that is not its own, or a
        # file of another program, is refused before a writable connection could fold anything into it
        db = (
            peewee.SqliteDatabase(read_uri(path), uri=True, pragmas=pragmas)
            if existed
            else peewee.SqliteDatabase(str(path), pragmas=pragmas)
        )
    db.read_only = read_only
    db.path = path
    db.private_copy = private
    try:
        db.connect()
        version, app_id, tables = _read_header(db)
        if existed:
            try:
                _check_contents(
                    db,
                    path,
                    version,
                    app_id,
                    tables,
                    create=create,
                    integrity=check or read_only or version < SCHEMA_VERSION or not _in_wal_mode(path),
                )
            except (DatabaseOpenError, NewerSchemaError, sqlite3.DatabaseError, peewee.DatabaseError, ValueError):
                if not read_only and _wal_pending(path) and _alone_is_ours(path):
                    raise _foreign_wal(path) from None
                raise
        if read_only:
            if not tables or version < SCHEMA_VERSION:
                raise DatabaseOpenError(
                    _("Databasen {path} er skrivebeskyttet og kan derfor ikke {what}.").format(
                        path=path, what=_("oprettes") if not tables else _("opdateres til denne udgave")
                    )
                )
            database_proxy.initialize(db)
            _notify_opened()
            return db
        if existed:
            db.close()
            db.init(str(path), pragmas=pragmas)
            db.connect()
        db.execute_sql("PRAGMA journal_mode=wal")
        db.execute_sql("PRAGMA synchronous=FULL")
        database_proxy.initialize(db)
        if not tables:
            _create_schema(db)
        elif version < SCHEMA_VERSION:
            from models.backups import make_backup

            make_backup(path, "migration")
            _migrate(db, version)
        db.unchecked = existed and not check and version >= SCHEMA_VERSION  # nothing is added before its check
        db.no_new_indexes = not indexes
    except (DatabaseOpenError, NewerSchemaError):
        _close(db)
        raise
    except (peewee.DatabaseError, sqlite3.DatabaseError, ValueError) as error:
        # ValueError: a UnicodeDecodeError from SQLite's own message about a damaged schema
        _close(db)
        message = _describe(error, path)
        if is_damage(error):
            raise DamagedDatabaseError(message) from error
        if "not a database" in str(error).lower():
            raise _not_ours(path) from error
        raise DatabaseOpenError(message) from error
    _notify_opened()
    return db


def _in_wal_mode(path: Path) -> bool:
    """Whether the file's header says WAL mode (bytes 18 and 19 are 2; 1 is a rollback journal)."""
    try:
        with open(path, "rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _read_header(db: peewee.SqliteDatabase) -> tuple[int, int, list[str]]:
    version = db.execute_sql("PRAGMA user_version").fetchone()[0]
    app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
    tables = db.get_tables()
    return version, app_id, tables


def _check_contents(
    db: peewee.SqliteDatabase,
    path: Path,
    version: int,
    app_id: int,
    tables: list[str],
    *,
    create: bool,
    integrity: bool = True,
) -> None:
    """Raise unless the existing file is a sound database of ours (or, with ``create``, an empty SQLite file
    of no other program's), of a schema this version knows."""
    if app_id not in (0, APPLICATION_ID) or (tables and app_id != APPLICATION_ID):
        raise _not_ours(path)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            _(
                "Databasen {path} er lavet med en nyere udgave af Socialøkonomi (skemaversion {found}; denne "
                "udgave kender til version {known}). Opdatér programmet. Databasen er ikke ændret."
            ).format(path=path, found=version, known=SCHEMA_VERSION)
        )
    if not tables:
        if _has_backups(path):
            raise _damaged(path, _("filen har ingen tabeller"))
        if not create:
            raise DatabaseOpenError(
                _("Databasen {path} er en tom SQLite-fil uden data. Den er ikke ændret.").format(path=path)
            )
        return
    if version < 1:
        raise _damaged(path, _("ugyldig skemaversion {found}").format(found=version))
    if not integrity:  # the window checks right after its first paint (models/start_checks.py)
        return
    _check_integrity(db, path)
    if _wal_pending(path) and db.execute_sql("PRAGMA foreign_key_check").fetchone() is not None:
        raise _damaged(path, _("henvisninger peger på intet"))


def _check_integrity(db: peewee.SqliteDatabase, path: Path) -> None:
    rows = db.execute_sql("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise DamagedDatabaseError(_describe(sqlite3.DatabaseError("database disk image is malformed"), path))


def _create_schema(db: peewee.SqliteDatabase) -> None:
    with db.atomic():
        db.create_tables(ALL_MODELS)
        db.execute_sql(f"PRAGMA application_id={APPLICATION_ID}")
        db.execute_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def _migrate(db: peewee.SqliteDatabase, version: int) -> None:
    """Bring a database of an older schema version up to date, one version at a time.

    Foreign keys are switched off meanwhile: playhouse.migrate rewrites some SQLite tables, and a rewrite
    with foreign keys on could fire ON DELETE CASCADE.
    """
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(db)
    db.execute_sql("PRAGMA foreign_keys=0")
    try:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with db.atomic():
                MIGRATIONS[target](db, migrator)
                # checked before the step is committed, so a step that would leave orphans changes nothing
                problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseOpenError(
                        _(
                            "Databasen kunne ikke opdateres: {n} henvisninger peger på intet. Den er ikke ændret."
                        ).format(n=len(problems))
                    )
                db.execute_sql(f"PRAGMA user_version={target}")
    finally:
        db.execute_sql("PRAGMA foreign_keys=1")


_open_listeners: list = []


def on_store_opened(listener: Callable[[], None]) -> None:
    """Call ``listener`` (a bound method, held weakly) whenever a store is opened: another file, or the same
    file after a backup was restored."""
    import weakref

    _open_listeners.append(weakref.WeakMethod(listener))


def _notify_opened() -> None:
    from models.indexes import ensure_indexes

    ensure_indexes(database_proxy.obj)  # the plain indexes the models declare, on every engine (no version step)
    for reference in list(_open_listeners):
        listener = reference()
        try:
            if listener is None:
                raise RuntimeError
            listener()
        except RuntimeError:  # its owner is gone (a closed window)
            _open_listeners.remove(reference)


def _close(db: peewee.SqliteDatabase) -> None:
    if not db.is_closed():
        db.close()
    private = getattr(db, "private_copy", None)
    if private is not None:
        import shutil

        shutil.rmtree(private.parent, ignore_errors=True)
        db.private_copy = None


def close_database() -> None:
    """Close the bound database, if any (a WAL checkpoint folds the log back into the file)."""
    db = database_proxy.obj
    if db is not None:
        _close(db)


def is_read_only() -> bool:
    """True if the bound store was opened read-only (the file or its folder is not writable)."""
    return bool(getattr(database_proxy.obj, "read_only", False))


def database_path() -> Path | None:
    return getattr(database_proxy.obj, "path", None)


def is_empty() -> bool:
    """True if the store holds no records of the user's (vocabularies and paradigms aside)."""
    from models.enterprises import Enterprise
    from models.report_texts import ReportYear

    return not Enterprise.select().exists() and not ReportYear.select().exists()
