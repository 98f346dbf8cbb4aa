"""Opening a database safely: read-only files, one program at a time (a crashed one's lock is cleared),
and the command line's backup and restore."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from desktop.cli import main
from desktop.instance_lock import DatabaseInUse, acquire
from models import store
from models.editing import create
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.store import close_database, is_read_only, open_database

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.instance_lock import acquire
    lock = acquire(Path(sys.argv[1]))
    print("locked", flush=True)
    time.sleep(60)
""")


def _hold_lock(path):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    line = process.stdout.readline().strip()
    process.stdout.close()
    assert line == "locked"
    return process


def test_a_read_only_file_opens_read_only_and_refuses_edits(example_template, tmp_path, monkeypatch):
    path = tmp_path / "skrivebeskyttet.sqlite"
    path.write_bytes(example_template.read_bytes())
    real_access = os.access
    monkeypatch.setattr(store.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    open_database(path)
    try:
        assert is_read_only()
        assert Enterprise.select().count() == 20
        with pytest.raises(ValidationError, match="skrivebeskyttet"):
            create(Enterprise, name="Café Fælles")
    finally:
        close_database()


def test_a_second_program_on_the_same_database_is_refused(tmp_path):
    path = tmp_path / "delt.sqlite"
    holder = _hold_lock(path)
    try:
        with pytest.raises(DatabaseInUse, match="allerede åben"):
            acquire(path)
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_of_a_crashed_program_is_cleared(tmp_path):
    path = tmp_path / "delt.sqlite"
    holder = _hold_lock(path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (tmp_path / "delt.sqlite.lock").exists()
    lock = acquire(path)  # stale: its owner is gone
    assert lock.isLocked()
    lock.unlock()


@pytest.mark.sqlite_only
def test_command_line_backup_and_restore(example_db, db_path, capsys):
    close_database()
    assert main(["backup", "--database", str(db_path)]) == 0
    backup = capsys.readouterr().out.split(" i ")[-1].strip().rstrip(".")
    open_database(db_path)
    Enterprise.create(name="Café Fælles")
    close_database()
    assert main(["restore", backup, "--database", str(db_path)]) == 0
    assert "gendannet" in capsys.readouterr().out
    open_database(db_path)
    assert Enterprise.get_or_none(Enterprise.name == "Café Fælles") is None


@pytest.mark.sqlite_only
def test_backup_is_refused_while_another_program_has_the_database(example_db, db_path, capsys):
    holder = _hold_lock(db_path)
    try:
        assert main(["backup", "--database", str(db_path)]) == 2
        assert "allerede åben" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


def test_the_window_refuses_a_database_another_window_has_open(tmp_path, qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop import app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(text))
    path = tmp_path / "delt.sqlite"
    holder = _hold_lock(path)
    try:
        assert app.run(path) == 2
    finally:
        holder.kill()
        holder.wait()
    assert "allerede åben" in shown[0]


def test_a_damaged_database_is_moved_aside_and_the_newest_backup_offered(example_template, tmp_path, qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import make_backup

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    make_backup(path, "daily")
    damaged = bytearray(path.read_bytes())
    damaged[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(damaged))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, title, text: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    app.open_store(path)
    try:
        assert "beskadiget" in asked[0] and "sikkerhedskopi" in asked[0]
        assert Enterprise.select().count() == 20
        aside = [p for p in tmp_path.iterdir() if "beskadiget" in p.name and p.suffix == ".sqlite"]
        assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)  # moved aside, never written to
    finally:
        close_database()


def test_a_database_in_a_synced_folder_is_moved_to_the_local_data_folder(
    example_template, tmp_path, qtbot, monkeypatch
):
    from PySide6.QtCore import QSettings

    from desktop import main_window as module
    from views import messages

    synced = tmp_path / "OneDrive - Slagelse Kommune" / "data.sqlite"
    synced.parent.mkdir()
    synced.write_bytes(example_template.read_bytes())
    local = tmp_path / "lokal" / "socialokonomi.sqlite"
    monkeypatch.setattr(module, "default_database_path", lambda: local)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *args, **kwargs: asked.append(args[2]) or True)
    open_database(synced)
    window = module.MainWindow(
        database_path=synced, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    try:
        window.warn_about_synced_folder()
        assert "OneDrive" in asked[0]
        assert window.database_path == local and local.exists()
        assert Enterprise.select().count() == 20
        Enterprise.create(name="Efter flytningen")
        assert synced.exists()  # the old file is left untouched
        window.warn_about_synced_folder()
        assert len(asked) == 1  # warned once
    finally:
        close_database()
