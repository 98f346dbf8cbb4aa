"""Upgrading a server database set up by an older version (models.server_schema): every step in one
transaction, or refused with a Danish message that says what the administrator must do, the database unchanged.

The server store began at schema version 5, so these tests play a newer version (6, 7) of the program with steps
of their own."""

import pytest

from models import server_schema, store
from models.errors import DatabaseOpenError
from models.store import SCHEMA_VERSION, close_database, open_database
from tests.helpers.store_checks import fingerprint


def _index_on_place(db) -> None:
    db.execute_sql("CREATE INDEX enterprise_place_test ON enterprise (place)")


def _broken(db) -> None:
    db.execute_sql("ALTER TABLE findes_ikke ADD COLUMN x INTEGER")


def _state(cluster, address: str) -> tuple[str, list]:
    name = address.rsplit("/", 1)[1]
    version = cluster.sql("SELECT value FROM socialokonomi_meta WHERE key = 'schema_version'", dbname=name)[0][0]
    indexes = cluster.sql("SELECT indexname FROM pg_indexes WHERE indexname = 'enterprise_place_test'", dbname=name)
    return version, indexes


def _newer_program(monkeypatch, steps: dict) -> int:
    target = SCHEMA_VERSION + len(steps)
    monkeypatch.setattr(store, "SCHEMA_VERSION", target)
    for offset, step in enumerate(steps.values(), start=1):
        monkeypatch.setitem(server_schema.MIGRATIONS, SCHEMA_VERSION + offset, step)
    return target


def test_a_database_of_the_version_before_is_upgraded_when_opened(server_database, pg_templates, monkeypatch):
    address = server_database("tpl_example")
    target = _newer_program(monkeypatch, {"index": _index_on_place})
    open_database(address)
    close_database()
    assert _state(pg_templates, address) == (str(target), [("enterprise_place_test",)])
    open_database(address)  # once upgraded, opened as it is
    close_database()


def test_an_upgrade_that_fails_part_of_the_way_changes_nothing(server_database, pg_templates, monkeypatch):
    address = server_database("tpl_example")
    before = fingerprint(address)
    _newer_program(monkeypatch, {"index": _index_on_place, "broken": _broken})
    with pytest.raises(DatabaseOpenError, match="kunne ikke opdateres.*ikke ændret"):
        open_database(address)
    assert _state(pg_templates, address) == (str(SCHEMA_VERSION), [])  # not even the first step's index
    assert fingerprint(address) == before


def test_a_colleague_who_does_not_own_the_tables_is_told_what_the_administrator_must_do(server_roles, monkeypatch):
    address = server_roles.address("socialokonomi", "anne")
    _newer_program(monkeypatch, {"index": _index_on_place})
    with pytest.raises(DatabaseOpenError, match="socialokonomi_ejer") as refused:
        open_database(address)
    assert "ikke ændret" in str(refused.value) and "administrator" in str(refused.value)
    assert _state(server_roles, address) == (str(SCHEMA_VERSION), [])


def test_a_version_with_no_upgrade_path_is_refused_with_what_to_do(server_database, pg_templates):
    address = server_database("tpl_example")
    name = address.rsplit("/", 1)[1]
    pg_templates.sql("UPDATE socialokonomi_meta SET value = '4' WHERE key = 'schema_version'", dbname=name)
    before = fingerprint(address)
    with pytest.raises(DatabaseOpenError, match="ikke kan opdatere") as refused:
        open_database(address)
    assert "copy-data" in str(refused.value)
    assert fingerprint(address) == before
