"""Migrations from schema version 1 on: a migrated store equals a new one and keeps its data."""

import sqlite3
from pathlib import Path

import pytest

from models.enterprises import Enterprise
from models.store import SCHEMA_VERSION, close_database, open_database

pytestmark = pytest.mark.sqlite_only  # about SQLite files

V1 = Path(__file__).parent.parent / "data" / "schema_v1.sql"


def _schema(path: Path) -> dict[str, str]:
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    raw.close()
    return {name: " ".join(sql.split()) for name, sql in rows}


def _make_v1(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.executescript(V1.read_text(encoding="utf-8"))
    raw.execute(
        "INSERT INTO enterprise (name, kind, legal_form, address, place, employees_qualifier, contact, "
        "website, report_order) VALUES ('Sumak', 'enterprise', '', '', 'Slagelse', '', '', '', 1)"
    )
    raw.commit()
    raw.close()


def test_version_1_migrates_to_the_current_schema(tmp_path):
    old, new = tmp_path / "v1.sqlite", tmp_path / "new.sqlite"
    _make_v1(old)
    open_database(new)
    close_database()
    v1_schema = _schema(old)
    open_database(old)
    assert Enterprise.get().name == "Sumak"
    close_database()
    assert _schema(old) == _schema(new)
    assert set(_schema(new)) - set(v1_schema), "version 1 must lack something the migration adds"
    raw = sqlite3.connect(old)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()


def test_migration_keeps_foreign_keys_on_afterwards(tmp_path):
    old = tmp_path / "v1.sqlite"
    _make_v1(old)
    db = open_database(old)
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    close_database()
