"""Engine-neutral checks on a store: references that point at nothing, and a fingerprint of its content."""

from pathlib import Path

from models.schema import ALL_MODELS


def foreign_key_problems(db) -> list[tuple[str, str, int]]:
    """(table, column, count) of every reference that points at no row: what SQLite's foreign_key_check finds,
    asked in plain SQL so it means the same on both engines."""
    problems = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        for fk in model._meta.refs:
            parent = fk.rel_model._meta.table_name
            sql = (
                f'SELECT COUNT(*) FROM "{table}" c LEFT JOIN "{parent}" p ON c."{fk.column_name}" = p."id" '
                f'WHERE c."{fk.column_name}" IS NOT NULL AND p."id" IS NULL'
            )
            count = db.execute_sql(sql).fetchone()[0]
            if count:
                problems.append((table, fk.column_name, count))
    return problems


def fingerprint(where: Path | str):
    """What must not change when an operation is refused: a file's bytes, or a server database's rows."""
    if isinstance(where, Path):
        return where.read_bytes()
    import psycopg

    rows = {}
    with psycopg.connect(where) as connection:
        for model in ALL_MODELS:
            table = model._meta.table_name
            rows[table] = connection.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
    return rows
