"""The store: creating, reopening, refusing what is not ours or is newer, enforcing foreign keys."""

import datetime as dt
import sqlite3

import peewee
import pytest

from models.enterprises import Enterprise, EnterpriseText
from models.errors import DatabaseOpenError, NewerSchemaError
from models.grants import Grant
from models.store import APPLICATION_ID, SCHEMA_VERSION, close_database, open_database
from tests.helpers.store_checks import foreign_key_problems


@pytest.mark.sqlite_only
def test_new_store_is_wal_with_foreign_keys_and_versioned(db, db_path):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    close_database()
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()


@pytest.mark.sqlite_only
def test_an_edit_is_on_disk_without_closing(db, db_path):
    Enterprise.create(name="Café Fælles")
    other = sqlite3.connect(db_path)  # another connection sees the committed edit at once
    assert other.execute("SELECT name FROM enterprise").fetchall() == [("Café Fælles",)]
    other.close()


def test_reopen_keeps_the_data(db_path):
    open_database(db_path)
    Enterprise.create(name="Café Fælles", opened=dt.date(2019, 3, 1))
    close_database()
    open_database(db_path)
    assert Enterprise.get().opened == dt.date(2019, 3, 1)
    close_database()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(peewee.IntegrityError):
        Grant.insert(
            enterprise=999, year=2018, amount_dkk=1, approximate=False, purpose="", note="", position=0
        ).execute()


def test_deleting_an_enterprise_takes_its_own_texts_at_database_level(db):
    enterprise = Enterprise.create(name="Café Fælles")
    EnterpriseText.create(enterprise=enterprise, year=2018, presentation="Tekst")
    Enterprise.delete().where(Enterprise.id == enterprise.id).execute()
    assert EnterpriseText.select().count() == 0
    assert foreign_key_problems(db) == []


def test_newer_schema_is_refused_and_left_untouched(db_path):
    open_database(db_path)
    close_database()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.execute("PRAGMA journal_mode=delete")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="nyere udgave"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(db_path):
    db_path.write_text("Kære læser, dette er ikke en database.", encoding="utf-8")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="ikke en database"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseOpenError, match="ikke en database fra Socialøkonomi"):
        open_database(db_path)


def test_a_damaged_database_is_refused(db_path):
    open_database(db_path)
    for i in range(200):
        Enterprise.create(name=f"Virksomhed {i}", address="x" * 500)
    close_database()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 2 : page * 4] = b"\xff" * (page * 2)  # overwrite table pages
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError, match="beskadiget|kan ikke bruges|ikke en database"):
        open_database(db_path)


def test_missing_database_without_create(tmp_path):
    with pytest.raises(DatabaseOpenError, match="findes ikke"):
        open_database(tmp_path / "mangler.sqlite", create=False)


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseOpenError, match="mappe"):
        open_database(tmp_path)
