"""What differs between the two engines the store runs on (SQLite for one laptop, PostgreSQL on a server),
in one place: the next id of every table, the month of a date in a query, the raw-SQL placeholder.

Everything else (the models, the queries, the command layer) is the same on both.
"""

import peewee

from models.base import database_proxy


def is_server() -> bool:
    """True if the bound store is a PostgreSQL database on a server."""
    return isinstance(database_proxy.obj, peewee.PostgresqlDatabase)


def param() -> str:
    """The placeholder of the bound engine's driver in raw SQL ("?" or "%s")."""
    return database_proxy.obj.param


def month_of(field: peewee.Field) -> peewee.Node:
    """The month (1-12) of a date column, as a whole number, in the bound engine's SQL."""
    if is_server():
        return peewee.fn.EXTRACT(peewee.NodeList((peewee.SQL("MONTH FROM"), field))).cast("INTEGER")
    return peewee.fn.strftime("%m", field).cast("INTEGER")


def _sequence(table: str) -> str | None:
    return database_proxy.execute_sql("SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',)).fetchone()[0]


def next_ids(tables: list[str]) -> dict[str, int]:
    """The last id each table handed out (ids deleted at the end are not handed out again)."""
    if not is_server():
        try:
            rows = database_proxy.execute_sql("SELECT name, seq FROM sqlite_sequence").fetchall()
        except peewee.OperationalError:  # no sqlite_sequence: nothing inserted yet
            return {}
        return {name: seq for name, seq in rows if name in tables}
    result = {}
    for table in tables:
        sequence = _sequence(table)
        if sequence is None:
            continue
        last, called = database_proxy.execute_sql(f"SELECT last_value, is_called FROM {sequence}").fetchone()
        if called:
            result[table] = last
    return result


def set_next_ids(next_ids: dict[str, int], tables: list[str]) -> None:
    """After rows went in with their own ids: hand out ids after both ``next_ids`` (the file's) and the highest
    id in each table. SQLite keeps this in ``sqlite_sequence``; PostgreSQL in each table's sequence, which an
    insert with an explicit id does not move."""
    db = database_proxy
    if not is_server():
        for table, seq in next_ids.items():
            current = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
            if current is None:
                db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
            elif current[0] < seq:
                db.execute_sql("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (seq, table))
        return
    for table in tables:
        sequence = _sequence(table)
        if sequence is None:
            continue
        top = db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]
        last, called = db.execute_sql(f"SELECT last_value, is_called FROM {sequence}").fetchone()
        target = max(top, next_ids.get(table, 0), last if called else 0)
        if target > 0:
            db.execute_sql("SELECT setval(%s, %s, true)", (sequence, target))


def is_open() -> bool:
    """True if a store is bound and connected (a query on a closed one would quietly open a new connection)."""
    db = database_proxy.obj
    return db is not None and not db.is_closed()


def snapshot_transaction() -> None:
    """Make the transaction just begun see the store as it was at its first query (PostgreSQL's REPEATABLE
    READ), so that "rows with a higher id than before" are exactly the rows this transaction added, not also a
    colleague's committed meanwhile. SQLite has one writer at a time: nothing to do. Call it first thing in the
    outermost transaction."""
    if is_server() and database_proxy.transaction_depth() == 1:
        database_proxy.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
