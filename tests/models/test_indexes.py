"""The plain indexes the models declare are created when a store that lacks them is opened, on either engine,
once (the schema version does not change for an index)."""

import pytest

from models.indexes import ensure_indexes, missing_indexes
from models.store import close_database, open_database

COUNTS_INDEX = "job_placement_date_channel_type_id"


def _index_names(db) -> set[str]:
    return {index.name for index in db.get_indexes("job_placement")}


def test_a_store_without_a_declared_index_gets_it_when_opened(db, db_path):
    assert COUNTS_INDEX in _index_names(db)  # a new store has it from the start
    db.execute_sql(f"DROP INDEX {COUNTS_INDEX}")  # a store made before the index was declared
    assert [index._name for index in missing_indexes(db)] == [COUNTS_INDEX]
    close_database()
    db.close()
    reopened = open_database(db_path)
    assert COUNTS_INDEX in _index_names(reopened)
    assert missing_indexes(reopened) == []
    assert ensure_indexes(reopened) == []  # opening again changes nothing


def test_a_read_only_store_is_not_given_indexes(db):
    db.execute_sql(f"DROP INDEX {COUNTS_INDEX}")
    db.read_only = True
    try:
        assert ensure_indexes(db) == []
        assert COUNTS_INDEX not in _index_names(db)
    finally:
        db.read_only = False


@pytest.mark.sqlite_only  # the window's deferred check is of a file
def test_a_file_whose_check_is_deferred_gets_the_index_from_the_check(db, db_path):
    from models.start_checks import start_checks

    db.execute_sql(f"DROP INDEX {COUNTS_INDEX}")
    close_database()
    db.close()
    before = db_path.read_bytes()
    reopened = open_database(db_path, check=False)  # the window's start: the check follows the first paint
    assert COUNTS_INDEX not in _index_names(reopened)
    reopened.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert db_path.read_bytes() == before  # nothing written to a file before its check
    start_checks(db_path)
    assert COUNTS_INDEX in _index_names(reopened)
    assert missing_indexes(reopened) == []


@pytest.mark.sqlite_only  # the commands' files
def test_a_command_that_only_reads_or_may_be_refused_adds_no_index(db, db_path):
    db.execute_sql(f"DROP INDEX {COUNTS_INDEX}")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    db.close()
    before = db_path.read_bytes()
    reopened = open_database(db_path, create=False, indexes=False)  # status, exports, import-data
    assert COUNTS_INDEX not in _index_names(reopened)
    close_database()
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only  # a file's journal mode
def test_a_damaged_file_not_in_wal_mode_is_checked_before_it_is_opened_for_writing(db, db_path):
    """A backup put back by hand is in rollback-journal mode: opening it writable (WAL) would rewrite its header,
    so it is checked first even when the window defers the check, and refused unchanged."""
    from models.errors import DamagedDatabaseError

    db.execute_sql("PRAGMA journal_mode=delete")
    close_database()
    db.close()
    damaged = bytearray(db_path.read_bytes())
    assert damaged[18] == damaged[19] == 1  # a rollback journal
    damaged[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    db_path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path, check=False)
    assert db_path.read_bytes() == bytes(damaged)
