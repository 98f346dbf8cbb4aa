"""Backups by SQLite's online backup API, rotation, restore, and the backup before a migration."""

import datetime as dt
import sqlite3

import pytest

from models.backups import daily_backup_due, list_backups, make_backup, prune, restore_backup
from models.enterprises import Enterprise
from models.errors import StoreError
from models.locations import synced_by
from models.store import close_database, open_database
from tests.models.test_migrations import _make_v1

pytestmark = pytest.mark.sqlite_only  # about SQLite files


def _names(path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {name for (name,) in raw.execute("SELECT name FROM enterprise")}
    finally:
        raw.close()


def test_a_backup_of_an_open_database_holds_every_committed_edit(example_db, db_path):
    Enterprise.create(name="Café Fælles")  # committed, still in the -wal file
    backup = make_backup(db_path, "manual")
    assert "Café Fælles" in _names(backup) and len(_names(backup)) == 21
    assert [b.path for b in list_backups(db_path)] == [backup]
    assert list_backups(db_path)[0].reason_label == "manuel"


def test_restore_replaces_the_data_and_keeps_the_current_state(example_db, db_path):
    backup = make_backup(db_path, "manual")
    Enterprise.create(name="Café Fælles")
    close_database()
    before = restore_backup(db_path, backup)
    assert "Café Fælles" not in _names(db_path)
    assert "Café Fælles" in _names(before)  # the state before the restore is kept
    open_database(db_path)
    assert Enterprise.select().count() == 20


def test_a_damaged_backup_is_not_restored(example_db, db_path, tmp_path):
    bad = tmp_path / "skadet.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    close_database()
    with pytest.raises(StoreError):
        restore_backup(db_path, bad)
    assert len(_names(db_path)) == 20
    open_database(db_path)


def test_rotation_keeps_14_days_and_12_months(example_db, db_path):
    start = dt.datetime(2024, 1, 1, 9, 0)
    for day in range(0, 500, 3):
        make_backup(db_path, "daily", now=start + dt.timedelta(days=day))
    kept = list_backups(db_path)
    days = {b.made.date() for b in kept}
    months = {(b.made.year, b.made.month) for b in kept}
    newest = max(days)
    assert len(months) == 12
    assert len([d for d in days if d > newest - dt.timedelta(days=45)]) >= 14
    assert len(kept) <= 14 + 12
    assert prune(db_path) == []  # already pruned


def test_daily_backup_is_due_once_a_day(example_db, db_path):
    assert daily_backup_due(db_path)
    make_backup(db_path, "daily")
    assert not daily_backup_due(db_path)
    assert daily_backup_due(db_path, today=dt.date.today() + dt.timedelta(days=1))


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    old = tmp_path / "gammel.sqlite"
    _make_v1(old)
    open_database(old)
    close_database()
    backups = list_backups(old)
    assert [b.reason for b in backups] == ["migration"]
    raw = sqlite3.connect(backups[0].path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1  # the backup is of the old version
    raw.close()


def test_synced_folders_are_recognised(tmp_path):
    assert synced_by(tmp_path / "OneDrive - Slagelse Kommune" / "data.sqlite") == "OneDrive"
    assert synced_by(tmp_path / "Dropbox" / "x.sqlite") == "Dropbox"
    assert synced_by(tmp_path / "Library" / "Mobile Documents" / "x.sqlite") == "iCloud"
    assert synced_by(tmp_path / "Dokumenter" / "x.sqlite") is None


def test_orphan_temporary_files_are_removed_at_the_next_open(example_db, db_path):
    import os
    import subprocess
    import sys

    from models.backups import backup_folder

    make_backup(db_path, "daily")
    close_database()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    folder = backup_folder(db_path)
    orphans = [
        folder / f"socialokonomi-20261127-101010-daily.{gone.pid}.tmp",  # a killed backup
        folder / "socialokonomi-20261127-101010-migration.tmp",  # one from before the process number was added
        db_path.with_name(f"socialokonomi.{gone.pid}.tmp"),  # a killed move to the local folder
    ]
    working = folder / f"socialokonomi-20261127-101011-manual.{os.getpid()}.tmp"  # this process: in progress
    others = [db_path.with_name("notes.tmp"), folder / "andet-20261127-101010-daily.tmp"]  # not ours
    for path in [*orphans, working, *others]:
        path.write_bytes(b"x" * 1000)
    open_database(db_path)
    assert not any(p.exists() for p in orphans)
    assert working.exists() and all(p.exists() for p in others)


def test_before_restore_backups_are_bounded(example_db, db_path):
    from models.backups import KEEP_BEFORE_RESTORE

    backup = make_backup(db_path, "manual")
    close_database()
    for _ in range(KEEP_BEFORE_RESTORE + 4):
        restore_backup(db_path, backup)
    assert len([b for b in list_backups(db_path) if b.reason == "restore"]) == KEEP_BEFORE_RESTORE


def test_restore_refuses_a_candidate_before_touching_anything(example_db, db_path, tmp_path):
    from models.store import SCHEMA_VERSION

    newer = tmp_path / "nyere.sqlite"
    make_backup(db_path, "manual")
    close_database()
    newer.write_bytes(list_backups(db_path)[0].path.read_bytes())
    raw = sqlite3.connect(newer)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="nyere udgave"):
        restore_backup(db_path, newer)
    assert db_path.read_bytes() == before
    assert [b.reason for b in list_backups(db_path)] == ["manual"]  # no before-restore backup either
    open_database(db_path)


# --- the adversarial review of issue 12 -------------------------------------------------------------------


def _copy_with_wal(template, folder, name="kopi.sqlite"):
    """A copy of a live database taken with its -wal (a USB stick, a colleague's OneDrive folder)."""
    import shutil

    live = folder / "levende.sqlite"
    live.write_bytes(template.read_bytes())
    raw = sqlite3.connect(live)
    raw.execute("PRAGMA journal_mode=wal")
    raw.execute("PRAGMA wal_autocheckpoint=0")
    raw.execute("UPDATE enterprise SET name = 'NYT NAVN ' || id")
    raw.commit()
    shutil.copyfile(live, folder / name)
    shutil.copyfile(f"{live}-wal", folder / f"{name}-wal")
    raw.close()
    return folder / name


def test_a_candidate_with_its_wal_is_restored_with_its_latest_changes(example_template, tmp_path):
    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    candidate = _copy_with_wal(example_template, tmp_path)
    restore_backup(database, candidate)
    assert all(name.startswith("NYT NAVN") for name in _names(database))


def test_a_restore_from_a_file_name_that_is_not_utf8_succeeds_and_is_recorded(example_template, tmp_path):
    import os

    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    candidate = tmp_path / os.fsdecode(b"kopi-\xff.sqlite")
    candidate.write_bytes(example_template.read_bytes())
    restore_backup(database, candidate)
    raw = sqlite3.connect(database)
    record = raw.execute("SELECT record FROM audit_entry WHERE action = 'restore-backup'").fetchone()[0]
    raw.close()
    assert record == "kopi-\ufffd.sqlite"


def test_a_restore_names_no_cpr_number_of_the_file_name_in_the_audit_trail(example_template, tmp_path):
    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    candidate = tmp_path / "Borger 020290-4321.sqlite"
    candidate.write_bytes(example_template.read_bytes())
    restore_backup(database, candidate)
    raw = sqlite3.connect(database)
    record = raw.execute("SELECT record FROM audit_entry WHERE action = 'restore-backup'").fetchone()[0]
    raw.close()
    assert record == "Borger 020290-XXXX.sqlite"


def test_stray_names_in_the_backup_folder_are_skipped(example_template, tmp_path):
    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    good = make_backup(database, "manual", now=dt.datetime(2026, 1, 1, 12, 0))
    folder = good.parent
    (folder / "data-20261399-120000-daily.sqlite").write_bytes(b"x")  # no such month
    (folder / "data-20260201-120000-daily.sqlite").symlink_to(tmp_path / "findes-ikke")  # a dangling link
    (folder / "data-20260301-120000-daily.sqlite").symlink_to(folder / "data-20260301-120000-daily.sqlite")
    assert [b.path for b in list_backups(database)] == [good]
    assert daily_backup_due(database)


def test_two_backups_in_one_second_are_ordered_by_their_number(example_template, tmp_path):
    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    now = dt.datetime(2026, 1, 1, 12, 0)
    made = [make_backup(database, "restore", now=now, prune_after=False) for _ in range(11)]
    assert list_backups(database)[0].path == made[-1]  # "-11" is the newest, not "-10" or "-2"


def test_a_prune_that_cannot_delete_does_not_turn_a_done_restore_into_a_failure(
    example_template, tmp_path, monkeypatch, capsys
):
    from pathlib import Path

    from desktop.cli import main

    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    for day in range(1, 20):
        make_backup(database, "daily", now=dt.datetime(2025, 1, day, 9, 0), prune_after=False)
    candidate = tmp_path / "kopi.sqlite"
    candidate.write_bytes(example_template.read_bytes())

    def refuse(self, missing_ok=False):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    assert main(["restore", str(candidate), "--database", str(database)]) == 0
    captured = capsys.readouterr()
    assert "er gendannet" in captured.out
    assert "Gamle sikkerhedskopier kunne ikke ryddes op (adgang nægtet)" in captured.err


def test_only_the_programs_own_temporary_files_are_removed(example_template, tmp_path):
    import subprocess
    import sys

    from models.backups import remove_orphans

    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    folder = tmp_path / "data-sikkerhedskopier"
    folder.mkdir()
    ours = [folder / f"data-20261127-101010-daily.{gone.pid}.tmp-journal", tmp_path / f"data.{gone.pid}.tmp"]
    users = [tmp_path / "data.tmp", tmp_path / "data-20200101-120000-noter.tmp", tmp_path / "data.1234567890123.tmp"]
    for path in [*ours, *users]:
        path.write_text("x", encoding="utf-8")
    assert sorted(remove_orphans(database)) == sorted(ours)
    assert all(path.exists() for path in users)


def test_a_backup_interrupted_by_ctrl_c_leaves_no_temporary_file(example_template, tmp_path, monkeypatch):
    from models import backups

    database = tmp_path / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    real_connect = sqlite3.connect

    class Interrupting:
        def __init__(self, connection):
            self.connection = connection

        def backup(self, target):
            self.connection.backup(target)
            raise KeyboardInterrupt

        def __getattr__(self, name):
            return getattr(self.connection, name)

    monkeypatch.setattr(
        backups.sqlite3,
        "connect",
        lambda *a, **k: Interrupting(real_connect(*a, **k)) if k.get("uri") else real_connect(*a, **k),
    )
    with pytest.raises(KeyboardInterrupt):
        make_backup(database, "manual")
    assert not list((tmp_path / "data-sikkerhedskopier").iterdir())


def test_a_backup_given_up_midway_leaves_nothing_behind(example_db, db_path):
    """The window closing during the day's backup: the copy stops at once, no file and no half-written copy."""
    from models.backups import BackupCancelled, backup_folder

    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first megabyte is copied, then the window closes

    Enterprise.insert_many([{"name": f"Fyld {i}", "address": "x" * 2000} for i in range(600)]).execute()
    with pytest.raises(BackupCancelled):
        make_backup(db_path, "daily", cancelled=cancelled)
    assert len(asked) >= 2
    assert list_backups(db_path) == []
    assert [p.name for p in backup_folder(db_path).iterdir()] == []  # no temporary copy left either


def test_the_start_gives_up_the_days_backup_when_the_window_closes(example_db, db_path, monkeypatch):
    from models import backups
    from models.start_checks import CheckCancelled, start_checks

    closing = []
    real = backups.make_backup

    def closes_during(*args, **kwargs):
        closing.append(True)  # the window closes as the backup begins
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "make_backup", closes_during)
    with pytest.raises(CheckCancelled):
        start_checks(db_path, cancelled=lambda: bool(closing))
    assert closing and list_backups(db_path) == []
