"""Copying a whole store between any two addresses: a laptop's file to a server, a server to a file for work
offline, a file to a file.

The source is read through the data codec (every table, every column, the ids) and written into the target
by the one importer, into an empty store only, so the target is an exact copy; then both are compared table
by table. Everything happens in one transaction on the target: if anything fails, or the copy does not
compare equal, nothing is left in it. The copy is recorded in the target's audit trail (one entry after the
source's own).
"""

import os
from dataclasses import dataclass
from pathlib import Path

from models.base import database_proxy
from models.errors import StoreError
from models.i18n import _
from models.schema import ALL_MODELS


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


def _read_source(source) -> tuple[dict, dict[str, list[dict]]]:
    from models.data_codec import dump_tables
    from models.store import close_database, open_database

    open_database(source, create=False)
    try:
        data = dump_tables()
    finally:
        close_database()
    return data, data["tables"]


def _differences(tables: dict[str, list[dict]]) -> list[str]:
    """The tables of the bound store that differ from ``tables``; the audit trail may hold one entry more (the
    copy itself)."""
    from models.data_codec import table_rows

    different = []
    for model in ALL_MODELS:
        name = model._meta.table_name
        rows = list(table_rows(model))
        expected = tables.get(name, [])
        if name == "audit_entry":
            rows = rows[: len(expected)] if len(rows) == len(expected) + 1 else rows
        if rows != expected:
            different.append(name)
    return different


def copy_data(source, target) -> CopyResult:
    """Copy the store at ``source`` into the empty store at ``target`` (file paths or server addresses).
    Raises ``CopyError`` (or another ``StoreError``) with a Danish message; the target is then unchanged."""
    from models.data_codec import document
    from models.data_import import import_data, store_has_rows
    from models.server_address import is_server_address
    from models.store import close_database, open_database

    if _same(source, target):
        raise CopyError(_("Kilde og mål er den samme database."))
    data, tables = _read_source(source)
    new_file = not is_server_address(target) and not Path(target).exists()
    open_database(target)
    try:
        if store_has_rows():
            raise CopyError(
                _("Måldatabasen {target} er ikke tom. Der kopieres kun til en tom database; intet er ændret.").format(
                    target=_label(target)
                )
            )
        try:
            with database_proxy.atomic():
                report = import_data(document(data), apply=True, source=_label(source), action="copy-data")
                if not report.applied:
                    problems = "; ".join(report.invalid[:3])
                    raise CopyError(
                        _("Kopien kunne ikke laves: {problems}. Intet er ændret.").format(problems=problems)
                    )
                different = _differences(tables)
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
    rows = sum(len(rows) for rows in tables.values())
    return CopyResult(rows, sum(1 for rows in tables.values() if rows))


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
