"""Copying a whole store between any two addresses: a laptop's file to a server, a server to a file for work
offline, a file to a file.

The source is read through the data codec (every table, every column, the ids), table by table in batches
while the target is open beside it (the source is never held in memory as a whole), and written into the
target by the one importer, into an empty store only, so the target is an exact copy; then both are compared
table by table, again in batches. The source is read as one snapshot (colleagues may change a server's data
meanwhile). Everything happens in one transaction on the target: if anything fails, or the copy does not
compare equal, nothing is left in it. The copy is recorded in the target's audit trail (one entry after the
source's own).
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from models.base import database_proxy
from models.data_lines import StreamedTable
from models.errors import StoreError
from models.i18n import _
from models.schema import ALL_MODELS

_END = object()  # a table that ran out of rows before the other


class CopyError(StoreError):
    """The copy was refused or failed; the target is as it was."""


class _Different(Exception):
    pass


@dataclass(frozen=True)
class CopyResult:
    rows: int
    tables: int


def _label(address) -> str:
    return str(address)


class _SourceTable(StreamedTable):
    """One table of the source store, read in batches as the importer takes its rows: the source is never held
    in memory as a whole."""

    def __init__(self, model: type, database) -> None:
        self.model, self.database = model, database

    def __len__(self) -> int:
        return self.model.select().count(self.database)

    def __iter__(self) -> Iterator[dict]:
        from models.data_codec import table_rows

        return table_rows(self.model, self.database)


def _open_source(source):
    """The source store, open and read-only in intent; with the tables' next ids read from it."""
    from models.data_codec import next_ids
    from models.store import open_database

    source_db = open_database(source, create=False)
    return source_db, next_ids()


def _differences(source_db) -> tuple[list[str], int, int]:
    """(the tables of the bound store that differ from the source's, rows compared, tables with rows), read
    side by side in batches; the audit trail may hold one entry more (the copy itself)."""
    from models.data_codec import table_rows

    different, rows, tables = [], 0, 0
    for model in ALL_MODELS:
        name = model._meta.table_name
        counted, extra, same = 0, 0, True
        for expected, got in zip_longest(table_rows(model, source_db), table_rows(model), fillvalue=_END):
            if expected is _END:
                extra += 1
                continue
            counted += 1
            if got != expected:
                same = False
                break
        if not same or extra > (1 if name == "audit_entry" else 0):
            different.append(name)
        rows += counted
        tables += bool(counted)
    return different, rows, tables


def _snapshot(source_db) -> None:
    """The source as it was when the copy began, even if colleagues change a server's data meanwhile."""
    import peewee

    if isinstance(source_db, peewee.PostgresqlDatabase):
        source_db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    else:
        source_db.execute_sql("SELECT count(*) FROM sqlite_master")  # SQLite's read snapshot starts here


def copy_data(source, target) -> CopyResult:
    """Copy the store at ``source`` into the empty store at ``target`` (file paths or server addresses),
    table by table in batches. Raises ``CopyError`` (or another ``StoreError``) with a Danish message; the
    target is then unchanged."""
    from models.data_codec import document
    from models.data_import import import_data, store_has_rows
    from models.server_address import is_server_address
    from models.store import _close, close_database, open_database

    if _same(source, target):
        raise CopyError(_("Kilde og mål er den samme database."))
    source_db, ids = _open_source(source)
    try:
        new_file = not is_server_address(target) and not Path(target).exists()
        open_database(target)
        source_db.connect(reuse_if_open=True)  # opening a server target closes a server source bound before it
        tables = {model._meta.table_name: _SourceTable(model, source_db) for model in ALL_MODELS}
        try:
            if store_has_rows():
                raise CopyError(
                    _(
                        "Måldatabasen {target} er ikke tom. Der kopieres kun til en tom database; intet er ændret."
                    ).format(target=_label(target))
                )
            try:
                with source_db.atomic(), database_proxy.atomic():
                    _snapshot(source_db)
                    data = {"tables": tables, "next_ids": ids}
                    report = import_data(document(data), apply=True, source=_label(source), action="copy-data")
                    if not report.applied:
                        problems = "; ".join(report.invalid[:3])
                        raise CopyError(
                            _("Kopien kunne ikke laves: {problems}. Intet er ændret.").format(problems=problems)
                        )
                    different, rows, filled = _differences(source_db)
                    if different:
                        raise _Different(", ".join(different))
            except _Different as error:
                raise CopyError(
                    _("Kopien blev ikke ens med kilden (tabellerne {tables}); intet er ændret.").format(tables=error)
                ) from error
        except StoreError:
            close_database()
            if new_file:
                _remove_file(Path(target))
            raise
        close_database()
    finally:
        _close(source_db)
    return CopyResult(rows, filled)


def _same(source, target) -> bool:
    from models.server_address import is_server_address, parse_address

    if is_server_address(source) and is_server_address(target):
        return parse_address(source).display() == parse_address(target).display()
    if is_server_address(source) or is_server_address(target):
        return False
    return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()


def _remove_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            os.remove(leftover)
        except OSError:
            pass
