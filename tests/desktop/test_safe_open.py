"""Opening a database safely: read-only files, one program at a time (a crashed one's lock is cleared),
and the command line's backup and restore."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

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


def _answer_boxes(answer, seen):
    """Answer every recovery message box the start-up shows, by clicking its button as a user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def click():
        if not timer.isActive():
            return  # stopped: a retry left waiting must not answer the next test's boxes
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text() + "\n" + box.informativeText())
            button = box.button(answer) or box.button(QMessageBox.StandardButton.Ok)
            button.click()
        else:
            QTimer.singleShot(20, click)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(click)
    timer.start()
    return timer


def _damage(path):
    damaged = bytearray(path.read_bytes())
    damaged[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_damaged_database_is_moved_aside_and_the_newest_backup_offered(example_template, tmp_path, qapp):
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import make_backup

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    make_backup(path, "daily")
    damaged = _damage(path)
    asked = []
    timer = _answer_boxes(QMessageBox.StandardButton.Yes, asked)
    try:
        notes = app.open_store(path)
    finally:
        timer.stop()
    try:
        assert "beskadiget" in asked[0] and "sikkerhedskopi" in asked[0]
        assert Enterprise.select().count() == 20
        aside = [p for p in tmp_path.iterdir() if "beskadiget" in p.name and p.suffix == ".sqlite"]
        assert len(aside) == 1 and aside[0].read_bytes() == damaged  # moved aside, never written to
        assert str(aside[0]) in notes[0]
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


def test_start_up_skips_a_damaged_newest_backup_and_restores_the_good_older_one(
    example_template, tmp_path, qtbot, monkeypatch
):
    """The window's start on a damaged database whose newest backup is damaged too: the newest backup that
    passes its check is offered (the damaged one named), restored, and opened; both damaged files are kept."""
    import datetime as dt

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import backup_folder, list_backups, make_backup

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    open_database(path)
    Enterprise.create(name="Café Fælles", opened=dt.date(2018, 2, 1))
    close_database()
    good = make_backup(path, "daily", now=dt.datetime(2026, 11, 20, 9, 0))
    newest = make_backup(path, "manual", now=dt.datetime(2026, 11, 26, 9, 0))
    damaged_backup = _damage(newest)
    damaged_database = _damage(path)

    asked = []
    timer = _answer_boxes(QMessageBox.StandardButton.Yes, asked)
    try:
        # the window is painted first, read-only while the file is checked; the damage is found after it
        window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        assert window is not None
        qtbot.addWidget(window)
        assert "kontrolleres" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    finally:
        timer.stop()
    try:
        qtbot.waitUntil(lambda: "gendannet" in window.statusBar().currentMessage(), timeout=20000)
        assert len(asked) == 1
        assert "20.11.2026 09:00" in asked[0] and "26.11.2026 09:00" in asked[0]  # offered, and skipped with reason
        assert "beskadiget" in asked[0].split("26.11.2026 09:00")[1]
        # the good data is open, in the window too
        assert Enterprise.get_or_none(Enterprise.name == "Café Fælles") is not None
        qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values)
        assert window.overview.plain("enterprises_active") == "20"
        # the damaged files are kept, byte for byte
        aside = [p for p in tmp_path.iterdir() if "beskadiget" in p.name and p.suffix == ".sqlite"]
        assert len(aside) == 1 and aside[0].read_bytes() == damaged_database
        assert newest.read_bytes() == damaged_backup and good.exists()
        assert (
            "beskadiget" in window.statusBar().currentMessage() and str(aside[0]) in window.statusBar().currentMessage()
        )
        assert {b.path for b in list_backups(path)} >= {good, newest}
        assert backup_folder(path).is_dir()
    finally:
        window.close()
        close_database()
        lock.unlock()


def test_start_up_never_opens_an_empty_database_silently_where_one_was_moved_aside(example_template, tmp_path, qapp):
    """The newest and only backup is damaged: nothing is restored, the damaged file stays where it is, and no
    empty database takes its place."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import make_backup
    from models.errors import DamagedDatabaseError

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    backup = make_backup(path, "daily")
    _damage(backup)
    damaged = _damage(path)
    shown = []
    timer = _answer_boxes(QMessageBox.StandardButton.Yes, shown)
    try:
        with pytest.raises(DamagedDatabaseError):
            app.open_store(path)
    finally:
        timer.stop()
    assert "ingen brugbar sikkerhedskopi" in shown[0]
    assert path.read_bytes() == damaged


def test_a_missing_database_with_a_damaged_file_aside_is_not_replaced_silently(example_template, tmp_path, qapp):
    """The restore failed at the last start after the damaged file was moved aside: this start says so and
    where the file lies before it creates anything."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import move_aside

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    aside = move_aside(path)
    shown = []
    timer = _answer_boxes(QMessageBox.StandardButton.No, shown)
    try:
        notes = app.open_store(path)
    finally:
        timer.stop()
    try:
        assert "findes ikke" in shown[0] and "ny, tom database" in shown[0] and str(aside) in shown[0]
        assert any(str(aside) in note for note in notes)
    finally:
        close_database()


@pytest.mark.parametrize("content", [b"", b"\x00\x00\x00\x00", b"\xff\xfe garbage\n", b"abc\nx\ny\n", b"0\n\n\n"])
def test_an_empty_or_garbled_lock_file_does_not_lock_the_user_out(tmp_path, content):
    """After a power loss while the lock was written: a lock that names no live process is stale."""
    path = tmp_path / "data.sqlite"
    (tmp_path / "data.sqlite.lock").write_bytes(content)
    os.utime(tmp_path / "data.sqlite.lock", (1_700_000_000, 1_700_000_000))  # written before the power loss
    lock = acquire(path)
    try:
        assert lock.isLocked()
        assert (tmp_path / "data.sqlite.lock").read_bytes().split(b"\n")[0] == str(os.getpid()).encode()
    finally:
        lock.unlock()


def test_a_lock_naming_a_process_that_is_gone_is_stale(tmp_path):
    from PySide6.QtCore import QSysInfo

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    path = tmp_path / "data.sqlite"
    (tmp_path / "data.sqlite.lock").write_text(f"{gone.pid}\npython\n{QSysInfo.machineHostName()}\n")
    lock = acquire(path)
    assert lock.isLocked()
    lock.unlock()


def test_a_database_reached_through_a_symbolic_link_shares_the_lock_and_the_backups(example_template, tmp_path):
    from models.backups import backup_folder, make_backup

    real = tmp_path / "rigtig" / "data.sqlite"
    real.parent.mkdir()
    real.write_bytes(example_template.read_bytes())
    link = tmp_path / "genvej.sqlite"
    link.symlink_to(real)
    holder = _hold_lock(real)
    try:
        with pytest.raises(DatabaseInUse, match="allerede åben"):
            acquire(link)
    finally:
        holder.kill()
        holder.wait()
    assert backup_folder(link) == backup_folder(real)
    make_backup(link, "manual")
    assert [p.name for p in (tmp_path / "rigtig").iterdir() if p.is_dir()] == ["data-sikkerhedskopier"]
    assert not (tmp_path / "genvej-sikkerhedskopier").exists()


def _leftover_wal(template, folder, added=5):
    """A database whose last commits are still in its -wal file (the program was killed before closing)."""
    import datetime as dt
    import shutil

    work = folder.parent / "arbejde"
    work.mkdir()
    source = work / "data.sqlite"
    source.write_bytes(template.read_bytes())
    open_database(source)
    for n in range(added):
        Enterprise.create(name=f"Ny virksomhed {n}", opened=dt.date(2018, 3, 1))
    shutil.copyfile(source, folder / "data.sqlite")  # copied while open: the commits are only in the -wal
    shutil.copyfile(str(source) + "-wal", str(folder / "data.sqlite") + "-wal")
    close_database()
    assert (folder / "data.sqlite-wal").stat().st_size > 0
    return folder / "data.sqlite"


def test_a_leftover_wal_in_a_read_only_folder_is_read(example_template, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir()
    path = _leftover_wal(example_template, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_access = os.access
    monkeypatch.setattr(store.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    assert main(["status", "--year", "2018", "--database", str(path)]) == 0
    assert "Aktive virksomheder og initiativer: 24" in capsys.readouterr().out  # not 19
    open_database(path)
    try:
        assert is_read_only() and Enterprise.select().count() == 25
        private = store.database_proxy.obj.private_copy
        assert private is not None and private.parent != folder
    finally:
        close_database()
    assert not private.exists()  # the private copy goes when the store closes
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_leftover_wal_that_cannot_be_copied_is_said_clearly(example_template, tmp_path, monkeypatch):
    import shutil

    from models.errors import DatabaseOpenError

    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir()
    path = _leftover_wal(example_template, folder)
    real_access = os.access
    monkeypatch.setattr(store.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(DatabaseOpenError, match="de seneste ændringer"):
        open_database(path)


def test_an_orphan_export_temporary_goes_at_the_next_export_and_the_next_start(example_template, tmp_path, qtbot):
    import datetime as dt

    from PySide6.QtCore import QSettings

    from desktop import app
    from desktop.exports import export_jobs

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    exports = tmp_path / "eksport"
    exports.mkdir()
    killed = exports / f".jobstatus.{gone.pid}.k1l2e3d4.xlsx.tmp"
    other = exports / f".aftaler.{gone.pid}.a1b2c3d4.xlsx.tmp"
    running = exports / f".jobstatus.{os.getpid()}.r1u2n3n4.xlsx.tmp"
    for path in (killed, other, running):
        path.write_bytes(b"x" * 1000)
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    open_database(path)
    try:
        export_jobs(dt.date(2018, 12, 31), exports / "jobstatus.xlsx")
    finally:
        close_database()
    assert not killed.exists() and other.exists() and running.exists()  # only the same file's, only orphans

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("export/folder", str(exports))
    window, lock = app.start_window(path, settings=settings)
    qtbot.addWidget(window)
    try:
        assert not other.exists() and running.exists()
    finally:
        window.close()
        close_database()
        lock.unlock()


@pytest.mark.sqlite_only  # backups beside a file
def test_the_window_refuses_to_restore_a_file_that_is_not_a_usable_backup(
    example_db, db_path, tmp_path, qtbot, monkeypatch
):
    """Another program's SQLite file under a backup's name: refused with a message before anything is
    touched, and the next edit goes into the real store, which still opens."""
    import sqlite3

    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from models.backups import backup_folder, list_backups
    from views import messages

    folder = backup_folder(db_path)
    folder.mkdir()
    foreign = folder / "socialokonomi-20261126-090000-manual.sqlite"
    raw = sqlite3.connect(foreign)
    raw.execute("CREATE TABLE noter (tekst TEXT)")
    raw.commit()
    raw.close()
    errors = []
    monkeypatch.setattr(messages, "confirm", lambda *args, **kwargs: True)
    monkeypatch.setattr(messages, "error", lambda _parent, title, text: errors.append(text))
    window = MainWindow(database_path=db_path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.restore_backup(list_backups(db_path)[0]) is False
    assert "ikke en sikkerhedskopi fra Socialøkonomi" in errors[0]
    Enterprise.create(name="Efter forsøget")
    close_database()
    open_database(db_path)
    assert Enterprise.get_or_none(Enterprise.name == "Efter forsøget") is not None
    assert [b.reason for b in list_backups(db_path)] == ["manual"]  # no before-restore backup was made


def test_an_empty_lock_file_just_being_written_is_respected(tmp_path):
    """Another program has just created its lock and not yet written its number: not stale."""
    path = tmp_path / "data.sqlite"
    (tmp_path / "data.sqlite.lock").write_bytes(b"")
    with pytest.raises(DatabaseInUse, match="allerede åben"):
        acquire(path)
    assert (tmp_path / "data.sqlite.lock").exists()


# --- the adversarial review of issue 12 -------------------------------------------------------------------


def _damaged_by(how):
    def damage(path):
        how(path)
        return path.read_bytes()

    return damage


def _review_damage():
    from tests.test_bad_input_catalogue import _header_byte, _schema_byte, _text_byte

    return {
        "schema byte not UTF-8": _damaged_by(_schema_byte),
        "page size": _damaged_by(_header_byte(16, b"\x03\x00")),
        "schema format": _damaged_by(_header_byte(44, b"\x00\x00\x00\x09")),
        "write version": _damaged_by(_header_byte(18, b"\x03")),
        "unreadable text": _damaged_by(_text_byte),
        "pages": _damage,
    }


@pytest.mark.parametrize("database_damage", ["schema byte not UTF-8", "page size", "schema format", "pages"])
@pytest.mark.parametrize("backup_damage", ["schema byte not UTF-8", "unreadable text", "write version"])
def test_start_up_offers_the_good_backup_whatever_the_damage(
    example_template, tmp_path, qtbot, database_damage, backup_damage
):
    """Damage that SQLite reports in other words (or in bytes that are not UTF-8), or not at all, is damage:
    the window offers the newest good backup, skipping a newer damaged one, and keeps the damaged file."""
    import datetime as dt

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop import app
    from models.backups import make_backup

    damage = _review_damage()
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    make_backup(path, "daily", now=dt.datetime(2026, 11, 20, 9, 0))
    newest = make_backup(path, "manual", now=dt.datetime(2026, 11, 26, 9, 0))
    damage[backup_damage](newest)
    damaged_database = damage[database_damage](path)
    asked = []
    timer = _answer_boxes(QMessageBox.StandardButton.Yes, asked)
    try:
        window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        assert window is not None, asked
        qtbot.addWidget(window)
        # damage that keeps the file from opening is met before the window; the rest by the check after its paint
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    finally:
        timer.stop()
    try:
        qtbot.waitUntil(lambda: "gendannet" in window.statusBar().currentMessage(), timeout=20000)
        assert "20.11.2026 09:00" in asked[0] and "beskadiget" in asked[0].split("26.11.2026 09:00")[1]
        assert Enterprise.select().count() == 20
        aside = [p for p in tmp_path.iterdir() if "beskadiget" in p.name and p.suffix == ".sqlite"]
        assert len(aside) == 1 and aside[0].read_bytes() == damaged_database
    finally:
        window.close()
        close_database()
        lock.unlock()


def test_a_wal_of_another_database_is_refused_and_nothing_is_folded_in(example_template, tmp_path, capsys):
    import shutil
    import sqlite3

    other = tmp_path / "andet.sqlite"
    raw = sqlite3.connect(other)
    raw.execute("PRAGMA journal_mode=wal")
    raw.execute("PRAGMA wal_autocheckpoint=0")
    raw.execute("CREATE TABLE t (x)")
    raw.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(2000)])
    raw.commit()
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    shutil.copyfile(f"{other}-wal", f"{path}-wal")
    raw.close()
    before, wal = path.read_bytes(), (tmp_path / "data.sqlite-wal").read_bytes()
    for argv in (["status", "--year", "2018"], ["export-data", "--output", str(tmp_path / "d.json")]):
        assert main([*argv, "--database", str(path)]) == 2
        assert "data.sqlite-wal ved siden af databasen" in capsys.readouterr().err
        assert path.read_bytes() == before and (tmp_path / "data.sqlite-wal").read_bytes() == wal
    assert not (tmp_path / "d.json").exists()


def test_a_stale_wal_of_an_older_state_is_refused(example_template, tmp_path, capsys):
    """IT's usual "restore": a backup copied over the file by hand, the -wal of the later state left beside
    it. Mixed, the two give references to nothing: refused, the file unchanged."""
    import shutil
    import sqlite3

    work = tmp_path / "arbejde.sqlite"
    work.write_bytes(example_template.read_bytes())
    raw = sqlite3.connect(work)
    raw.execute("PRAGMA journal_mode=wal")
    raw.execute("PRAGMA wal_autocheckpoint=0")
    raw.execute("PRAGMA foreign_keys=off")
    raw.execute("DELETE FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM grant)")
    raw.commit()
    path = tmp_path / "data.sqlite"
    shutil.copyfile(work, path)  # the main file as it was before: still every enterprise
    shutil.copyfile(f"{work}-wal", f"{path}-wal")
    raw.close()
    before = path.read_bytes()
    code = main(["status", "--year", "2018", "--database", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "hører ikke til" in err, err
    assert path.read_bytes() == before


def test_status_on_a_file_whose_wal_belongs_to_it_reads_the_wal(example_template, tmp_path, capsys):
    folder = tmp_path / "mappe"
    folder.mkdir()
    path = _leftover_wal(example_template, folder)
    assert main(["status", "--year", "2018", "--database", str(path)]) == 0
    assert "Aktive virksomheder og initiativer: 24" in capsys.readouterr().out


def test_a_lock_left_before_a_reboot_by_a_number_now_used_by_another_program_is_stale(tmp_path):
    from PySide6.QtCore import QSysInfo

    other = subprocess.Popen(["sleep", "60"])
    try:
        path = tmp_path / "data.sqlite"
        host = QSysInfo.machineHostName()
        lock_file = tmp_path / "data.sqlite.lock"
        for boot in ("00000000-0000-0000-0000-000000000000", Path("/proc/sys/kernel/random/boot_id").read_text()):
            # another boot, or this boot but a process that runs another program than the lock's
            lock_file.write_text(f"{other.pid}\npython3.11\n{host}\n{'0' * 32}\n{boot.strip()}\n")
            lock = acquire(path)
            assert lock.isLocked()
            lock.unlock()
    finally:
        other.kill()
        other.wait()


def test_a_lock_naming_this_process_from_before_a_reboot_is_stale(tmp_path):
    from PySide6.QtCore import QSysInfo

    path = tmp_path / "data.sqlite"
    (tmp_path / "data.sqlite.lock").write_text(f"{os.getpid()}\npython3.11\n{QSysInfo.machineHostName()}\n")
    lock = acquire(path)
    assert lock.isLocked()
    lock.unlock()


@pytest.mark.parametrize(
    "argv", [["new-report-year", "--year", "2019"], ["load-example"]], ids=["new-report-year", "load-example"]
)
def test_writing_commands_respect_the_windows_lock(example_template, tmp_path, capsys, argv):
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    before = path.read_bytes()
    holder = _hold_lock(path)
    try:
        assert main([*argv, "--database", str(path)]) == 2
        assert "allerede åben" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert path.read_bytes() == before


def test_ctrl_c_ends_a_command_without_a_traceback(example_template, tmp_path, monkeypatch, capsys):
    from models import backups

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "make_backup", interrupted)
    assert main(["backup", "--database", str(path)]) == 130
    err = capsys.readouterr().err
    assert "afbrudt" in err and "Traceback" not in err


def test_the_window_opens_beside_stray_backup_names_and_a_prune_that_fails(
    example_template, tmp_path, qtbot, monkeypatch
):
    from PySide6.QtCore import QSettings

    from desktop import app
    from models import backups

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    folder = backups.backup_folder(path)
    folder.mkdir()
    (folder / "data-20261399-120000-daily.sqlite").write_bytes(example_template.read_bytes())  # no such month
    (folder / "data-20260201-120000-daily.sqlite").symlink_to(tmp_path / "findes-ikke")  # a moved drive

    def read_only_folder(database, now=None):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(backups, "prune", read_only_folder)
    window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert window is not None
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: "drevet er skrivebeskyttet" in window.statusBar().currentMessage(), timeout=20000)
        assert len(backups.list_backups(path)) == 1  # today's backup was made
    finally:
        window.close()
        close_database()
        lock.unlock()
