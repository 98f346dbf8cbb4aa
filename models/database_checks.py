"""Checking a database file without writing to it: is it a sound database of ours (every table and column
of this version, values of the right kind, every text readable, no reference to nothing), and, for a backup
to restore, free of CPR-like numbers. Also the Danish texts for the common system errors."""

import os
import sqlite3
from pathlib import Path

from models.errors import StoreError
from models.i18n import _

_ERRNO_TEXTS = {
    "ENOENT": "filen eller mappen findes ikke",
    "EACCES": "adgang nægtet",
    "EPERM": "handlingen er ikke tilladt",
    "ENOSPC": "der er ikke mere plads på disken",
    "EROFS": "drevet er skrivebeskyttet",
    "EISDIR": "det er en mappe",
    "ENOTDIR": "en del af stien er ikke en mappe",
    "EEXIST": "der findes allerede en fil med det navn",
    "ENAMETOOLONG": "filnavnet er for langt",
    "EIO": "disken svarer ikke (ind-/udlæsningsfejl)",
    "ELOOP": "stien er en løkke af genveje",
    "EBUSY": "filen er i brug",
    "EDQUOT": "din diskkvote er opbrugt",
    "EXDEV": "filen kan ikke flyttes til et andet drev",
}


def reason_text(error: BaseException) -> str:
    """A Danish text for why a file operation failed (the common system errors translated)."""
    import errno

    code = getattr(error, "errno", None)
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    if name in _ERRNO_TEXTS:
        return _(_ERRNO_TEXTS[name])
    return str(getattr(error, "strerror", None) or error)


_NOT_OURS = _("den er ikke en database fra Socialøkonomi")


def contents_problem(connection: sqlite3.Connection, *, check_personal_data: bool) -> str | None:
    """What makes the database behind ``connection`` unusable as ours, in Danish, or None: another program's
    file, a schema this version does not know or that lacks a table or column, damage SQLite finds, a
    reference to nothing, a text that is not readable (damaged bytes) or, with ``check_personal_data``, a
    text that looks like a CPR number. Raises ``sqlite3.Error``/``UnicodeDecodeError`` for damage SQLite
    reports as an error."""
    from models.store import APPLICATION_ID, SCHEMA_VERSION

    version = connection.execute("PRAGMA user_version").fetchone()[0]
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id != APPLICATION_ID or not tables or version < 1:
        return _NOT_OURS
    if version > SCHEMA_VERSION:
        return _("den er lavet med en nyere udgave af Socialøkonomi (skemaversion {found})").format(found=version)
    if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return _("den er beskadiget")
    if version == SCHEMA_VERSION:
        missing = _missing_columns(connection, tables)
        if missing:
            return _("den mangler dele af databasens opbygning ({what})").format(what=", ".join(missing[:5]))
    if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
        return _("den har henvisninger, der peger på intet")
    if version == SCHEMA_VERSION:
        wrong = _wrong_values(connection)
        if wrong:
            return _("den har værdier, programmet ikke kan læse ({what})").format(what=wrong)
    return _text_problem(connection, tables, check_personal_data=check_personal_data)


def _missing_columns(connection: sqlite3.Connection, tables: set[str]) -> list[str]:
    from models.schema import ALL_MODELS

    missing = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in tables:
            missing.append(_("tabellen {table}").format(table=table))
            continue
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        missing += [
            f"{table}.{field.column_name}" for field in model._meta.sorted_fields if field.column_name not in columns
        ]
    return missing


def _wrong_values(connection: sqlite3.Connection) -> str | None:
    """The first column (table.column) holding a value of the wrong kind: a date that is not a date, a number
    that is not a number."""
    from peewee import BooleanField, DateField, DateTimeField, IntegerField

    from models.schema import ALL_MODELS

    for model in ALL_MODELS:
        table = model._meta.table_name
        for field in model._meta.sorted_fields:
            column = f'"{field.column_name}"'
            if isinstance(field, DateTimeField):
                bad = f"typeof({column}) != 'text' OR datetime({column}) IS NULL"
            elif isinstance(field, DateField):
                bad = f"typeof({column}) != 'text' OR date({column}) IS NULL OR length({column}) != 10"
            elif isinstance(field, (IntegerField, BooleanField)):
                bad = f"typeof({column}) != 'integer'"
            else:
                continue
            query = f'SELECT 1 FROM "{table}" WHERE {column} IS NOT NULL AND ({bad}) LIMIT 1'
            if connection.execute(query).fetchone():
                return f"{table}.{field.column_name}"
    return None


def _text_problem(connection: sqlite3.Connection, tables: set[str], *, check_personal_data: bool) -> str | None:
    """Read every text of the models' tables as bytes: one that is not valid UTF-8 is damage (SQLite's quick
    check does not look inside texts); with ``check_personal_data`` a CPR-like number is named too."""
    from peewee import CharField, TextField

    from models.personal_data import find_cpr, text_columns
    from models.schema import ALL_MODELS

    plan = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in tables:
            continue
        present = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        columns = [
            f.column_name
            for f in model._meta.sorted_fields
            if isinstance(f, (TextField, CharField)) and f.column_name in present
        ]
        checked = {f.column_name for f in text_columns(model)} if check_personal_data else set()
        if columns:
            plan.append((table, columns, checked))
    connection.text_factory = bytes
    try:
        for table, columns, checked in plan:
            query = f'SELECT rowid, {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} FROM "{table}"'
            for row in connection.execute(query):
                for column, value in zip(columns, row[1:], strict=True):
                    if not isinstance(value, bytes):
                        continue
                    try:
                        text = value.decode("utf-8")
                    except UnicodeDecodeError:
                        return _(
                            "en tekst er beskadiget og kan ikke læses ({table} nr. {id}, feltet «{field}»)"
                        ).format(table=table, id=row[0], field=column)
                    if column in checked and find_cpr(text):
                        return _(
                            "den indeholder noget, der ligner et CPR-nummer ({table} nr. {id}, feltet «{field}»)"
                        ).format(table=table, id=row[0], field=column)
    finally:
        connection.text_factory = str
    return None


def verify_backup(backup: Path) -> None:
    """Raise ``StoreError`` with a Danish message unless ``backup`` is a database of ours, of a schema this
    version can open, with every table and column, that passes SQLite's quick check and the foreign-key
    check, whose texts are all readable and hold no CPR-like number. Read with its -wal, if it has one
    (a copy taken beside a live database). Reads only."""
    with readable(backup) as source:
        verify(backup, source)


def verify(backup: Path, source: str) -> None:
    from models.store import SQLITE_HEADER, header_problem

    name = display_name(backup)
    try:
        with backup.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(_("{name} kan ikke læses: {reason}").format(name=name, reason=reason_text(error))) from error
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise StoreError(_("{name} er ikke en sikkerhedskopi fra Socialøkonomi.").format(name=name))
    if header_problem(header):
        raise StoreError(_("{name} er beskadiget og kan ikke gendannes.").format(name=name))
    try:
        check = sqlite3.connect(source, uri=True)
        try:
            problem = contents_problem(check, check_personal_data=True)
        finally:
            check.close()
    except (sqlite3.Error, ValueError) as error:
        from models.store import is_damage

        if is_damage(error) or "not a database" in str(error).lower():
            raise StoreError(_("{name} er beskadiget og kan ikke gendannes.").format(name=name)) from error
        raise StoreError(
            _("{name} er ikke en brugbar sikkerhedskopi: {reason}").format(name=name, reason=error)
        ) from error
    if problem == _NOT_OURS:
        raise StoreError(_("{name} er ikke en sikkerhedskopi fra Socialøkonomi.").format(name=name))
    if problem:
        raise StoreError(_("{name} kan ikke gendannes: {problem}.").format(name=name, problem=problem))


def display_name(path: Path) -> str:
    """A file name fit to print and to store (a name that is not valid UTF-8 gets a replacement character)."""
    return os.fsencode(Path(path).name).decode("utf-8", "replace")


class readable:
    """The SQLite URI to read ``backup`` by: the file itself (immutable, nothing is written beside it), or a
    private copy of it and its -wal when it has one, so the copy's latest committed changes are read."""

    def __init__(self, backup: Path):
        self.backup = Path(backup)
        self.folder = None

    def __enter__(self) -> str:
        import shutil
        import tempfile

        from models.store import file_uri

        wal = Path(str(self.backup) + "-wal")
        try:
            pending = wal.is_file() and wal.stat().st_size > 0
        except OSError:
            pending = False
        if not pending:
            return file_uri(self.backup, "mode=ro&immutable=1")
        self.folder = Path(tempfile.mkdtemp(prefix="socialokonomi-"))
        copy = self.folder / "kopi.sqlite"
        try:
            shutil.copyfile(self.backup, copy)
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        except OSError as error:
            self.__exit__()
            raise StoreError(
                _("{name} kan ikke læses: {reason}").format(name=display_name(self.backup), reason=reason_text(error))
            ) from error
        return file_uri(copy, "mode=ro")

    def __exit__(self, *exc) -> None:
        if self.folder is not None:
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def damage_description(database: Path) -> str:
    """What is damaged in ``database`` (the table, record and field of a text that cannot be read), in
    Danish, for a message after a query met the damage. Reads only."""
    from models.store import read_uri

    try:
        check = sqlite3.connect(read_uri(database), uri=True)
        try:
            problem = contents_problem(check, check_personal_data=False)
        finally:
            check.close()
    except (sqlite3.Error, ValueError, OSError):
        problem = None
    return problem or _("en del af filen kan ikke læses")
