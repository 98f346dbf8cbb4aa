"""The indexes the models declare, created where an opened store lacks them.

An index changes no data and no result, only how fast a query finds its rows, so a new one is added when a
store is opened (``CREATE INDEX IF NOT EXISTS``, on SQLite and PostgreSQL alike) instead of by a schema
version: an older program opening the file later simply does not use it. Only plain (non-unique) indexes are
added this way; a unique index is a rule about the data and comes with the schema.
"""

import logging

import peewee

from models.schema import ALL_MODELS

log = logging.getLogger(__name__)


def _existing(db: peewee.Database) -> set[str]:
    if isinstance(db, peewee.PostgresqlDatabase):
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    return {name for (name,) in db.execute_sql(sql).fetchall()}


def missing_indexes(db: peewee.Database) -> list[peewee.ModelIndex]:
    """The plain indexes the models declare that ``db`` does not have (one query)."""
    existing = _existing(db)
    return [
        index
        for model in ALL_MODELS
        for index in model._meta.fields_to_index()
        if not index._unique and index._name not in existing
    ]


def ensure_indexes(db: peewee.Database) -> list[str]:
    """Create the plain indexes ``db`` lacks; return their names. A store that may not be changed (read-only,
    or a server role that does not own the tables) is left as it is: its queries are slower, not wrong."""
    if getattr(db, "read_only", False):
        return []
    created = []
    for index in missing_indexes(db):
        schema = index._model._schema
        try:
            with db.atomic():
                db.execute(schema._create_index(index, safe=True))
        except peewee.DatabaseError as error:  # not the owner of the table, or the file is locked by another
            log.info("Indekset %s blev ikke oprettet: %s", index._name, error)
            continue
        created.append(index._name)
    return created
