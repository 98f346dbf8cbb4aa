"""The indexes the models declare, created where an opened store lacks them.

An index changes no data and no result, only how fast a query finds its rows, so a new one is added when a
store is opened (``CREATE INDEX IF NOT EXISTS``, on SQLite and PostgreSQL alike) instead of by a schema
version: an older program opening the file later simply does not use it. Only plain (non-unique) indexes are
added this way; a unique index is a rule about the data and comes with the schema. A file whose integrity
check is deferred (the window checks it after its first paint) is not written to before that check: the
start's check creates them (``ensure_indexes_in_file``), off the GUI thread.
"""

import logging
import sqlite3
from pathlib import Path

import peewee

from models.schema import ALL_MODELS

log = logging.getLogger(__name__)


def _existing(db: peewee.Database) -> set[str]:
    if isinstance(db, peewee.PostgresqlDatabase):
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    return {name for (name,) in db.execute_sql(sql).fetchall()}


def _missing(existing: set[str]) -> list[peewee.ModelIndex]:
    return [
        index
        for model in ALL_MODELS
        for index in model._meta.fields_to_index()
        if not index._unique and index._name not in existing
    ]


def missing_indexes(db: peewee.Database) -> list[peewee.ModelIndex]:
    """The plain indexes the models declare that ``db`` does not have (one query)."""
    return _missing(_existing(db))


def ensure_indexes(db: peewee.Database) -> list[str]:
    """Create the plain indexes ``db`` lacks; return their names. A store that may not be changed (read-only,
    or a server role that does not own the tables) is left as it is: its queries are slower, not wrong. So is
    a file whose check is still to come, and a file opened by a command that only reads or may be refused."""
    if getattr(db, "read_only", False) or getattr(db, "unchecked", False) or getattr(db, "no_new_indexes", False):
        return []
    created = []
    for index in missing_indexes(db):
        try:
            with db.atomic():
                db.execute(index._model._schema._create_index(index, safe=True))
        except peewee.DatabaseError as error:  # not the owner of the table, or the file is locked by another
            log.info("Indekset %s blev ikke oprettet: %s", index._name, error)
            continue
        created.append(index._name)
    return created


def ensure_indexes_in_file(path: Path) -> list[str]:
    """``ensure_indexes`` for a SQLite file that has passed its check, through a connection of its own (the
    statements are written by the bound store, which must be the same file)."""
    created = []
    try:
        connection = sqlite3.connect(Path(path), timeout=5)
        try:
            names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            for index in _missing(names):
                sql, params = index._model._schema._create_index(index, safe=True).query()
                with connection:
                    connection.execute(sql, params)
                created.append(index._name)
        finally:
            connection.close()
    except sqlite3.Error as error:  # locked by another program, or a full disk: the queries are slower, not wrong
        log.info("Indekser blev ikke oprettet i %s: %s", path, error)
    return created
