"""First paint first: the window's start paints it before SQLite's quick check of the whole file and the
daily backup, which run on a background thread; until the check has passed the window is read-only and says
so in the status bar."""

import threading

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from models.store import close_database, is_read_only


@pytest.fixture
def started(example_template, tmp_path, qtbot, monkeypatch):
    """A window started on a copy of the example with the check held until ``release`` is set."""
    from desktop import app
    from models import start_checks

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    release, seen = threading.Event(), []
    real_check = start_checks.check_database

    def held_check(checked_path, cancelled=None):
        seen.append(checked_path)
        while not release.wait(0.01):  # held, as a slow disk would, until released or given up
            if cancelled is not None and cancelled():
                break
        real_check(checked_path, cancelled)

    monkeypatch.setattr(start_checks, "check_database", held_check)
    window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    yield window, path, release, seen
    release.set()
    window.close()
    close_database()
    lock.unlock()


def test_the_check_runs_after_the_first_paint_and_the_window_is_read_only_until_it_passes(started, qtbot):
    from models.backups import list_backups
    from models.editing import ValidationError, ensure_writable

    window, path, release, seen = started
    assert seen == []  # nothing checked before the window was shown
    assert "kontrolleres" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: seen == [path], timeout=10000)
    assert window._painted  # the check began after the first paint
    assert is_read_only()
    with pytest.raises(ValidationError, match="kontrolleres"):
        ensure_writable()
    # the figures are read beside the check (both only read) and shown while the window is still read-only
    qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values, timeout=10000)
    assert is_read_only() and seen == [path]
    assert not [b for b in list_backups(path) if b.reason == "daily"]  # no backup of an unchecked file
    release.set()
    qtbot.waitUntil(lambda: not is_read_only(), timeout=10000)
    ensure_writable()
    qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values, timeout=10000)
    assert window.overview.plain("enterprises_active").isdigit()
    qtbot.waitUntil(lambda: any(b.reason == "daily" for b in list_backups(path)), timeout=10000)
    assert "kontrolleres" not in window.statusBar().currentMessage()


def test_an_edit_during_the_check_is_refused_and_the_store_unchanged(started, qtbot):
    from models.enterprises import Enterprise

    window, _path, release, seen = started
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    page = window.page("enterprises")
    window.show_area("enterprises")
    form = page.form
    before = Enterprise.get_by_id(form.enterprise_id).place
    form.place_edit.setText("Korsør under kontrol")
    form.binder.commit_all()
    assert Enterprise.get_by_id(form.enterprise_id).place == before
    message = form.findChild(QLabel, "place_error")
    assert "kontrolleres" in message.text()  # said beside the field, in Danish; the typing is kept
    assert form.place_edit.text() == "Korsør under kontrol"
    release.set()
    qtbot.waitUntil(lambda: not is_read_only(), timeout=10000)
    assert Enterprise.get_by_id(form.enterprise_id).place == before  # nothing was written meanwhile
    form.binder.commit_all()  # the user tries again once the check has passed
    assert Enterprise.get_by_id(form.enterprise_id).place == "Korsør under kontrol"


def test_closing_the_window_during_the_check_gives_it_up_without_a_backup_or_a_message(started, qtbot, monkeypatch):
    from models.backups import list_backups

    window, path, _release, seen = started
    shown = _record_boxes(monkeypatch)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    before = path.read_bytes()
    window.close()  # the check is held: closing gives it up rather than waiting for it
    assert window.closed and not window.start_check.is_running()
    qtbot.wait(50)
    assert shown == []
    assert not [b for b in list_backups(path) if b.reason == "daily"]
    assert path.read_bytes() == before


def test_a_check_that_fails_unexpectedly_leaves_the_window_read_only_and_says_so(
    example_template, tmp_path, qtbot, monkeypatch
):
    from desktop import app
    from models import start_checks
    from models.backups import list_backups
    from models.editing import ValidationError, ensure_writable

    def broken(_path, _cancelled=None):
        raise RuntimeError("a bug in the check")

    monkeypatch.setattr(start_checks, "check_database", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the bug's log
    shown = _record_boxes(monkeypatch)
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert shown[0][0] == "warning" and "uventet fejl" in shown[0][2] and "Traceback" not in shown[0][2]
        assert "kunne ikke kontrolleres" in window.statusBar().currentMessage()
        assert is_read_only()
        with pytest.raises(ValidationError):
            ensure_writable()
        assert not [b for b in list_backups(path) if b.reason == "daily"]  # no backup of an unchecked file
        assert window.isVisible()  # the data stays readable: the file was not found damaged
    finally:
        window.close()
        close_database()
        lock.unlock()


def test_a_file_the_check_cannot_read_is_not_taken_for_damaged(example_template, tmp_path, qtbot, monkeypatch):
    """A locked or unreadable file is not damage: no backup is offered, nothing is moved aside."""
    import sqlite3

    from desktop import app
    from models import start_checks

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    shown = _record_boxes(monkeypatch)
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(start_checks.sqlite3, "connect", locked)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert [kind for kind, _title, _text in shown] == ["warning"] and "i brug" in shown[0][2]
        assert is_read_only() and window.isVisible()
        assert sorted(p.name for p in tmp_path.iterdir() if "beskadiget" in p.name) == []
    finally:
        window.close()
        close_database()
        lock.unlock()


def test_damage_found_after_the_paint_without_a_backup_closes_the_window_and_keeps_the_file(
    example_template, tmp_path, qtbot, monkeypatch
):
    from desktop import app
    from tests.desktop.test_safe_open import _damage

    shown = _record_boxes(monkeypatch)
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    damaged = _damage(path)
    window, lock = app.start_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert window is not None  # painted first: the damage is in pages the first page does not read
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.closed, timeout=10000)
        assert [kind for kind, _title, _text in shown] == ["notice"]  # said once, not again as "cannot open"
        assert "ingen brugbar sikkerhedskopi" in shown[0][2] and "beskadiget" in shown[0][2]
        assert window.exit_code == 2  # the program ends as a start refused before the window would
        assert path.read_bytes() == damaged  # never written to
    finally:
        close_database()
        lock.unlock()


def test_the_quick_check_stops_when_it_is_given_up(example_template, tmp_path):
    from models.start_checks import CheckCancelled, check_database

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    check_database(path, cancelled=lambda: False)
    with pytest.raises(CheckCancelled):
        check_database(path, cancelled=lambda: True)


def _record_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Record the message boxes the start shows (kind, title, text), answering them as their default."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import app

    shown = []
    for kind in ("warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _parent, title, text, *args, kind=kind: shown.append((kind, title, text))
        )

    def ask(title, text, details, *, question):
        shown.append(("question" if question else "notice", title, text + "\n" + details))
        return False

    monkeypatch.setattr(app, "_ask", ask)
    return shown


def test_damage_met_while_reading_before_the_check_is_said_in_danish_not_as_a_bug(
    example_db, qapp, tmp_path, monkeypatch
):
    """A page that reads a damaged part of the file before the check has found it: a plain message that the
    database is damaged (the check then offers the backup), not the message for a bug."""
    import sys

    import peewee

    from desktop import app

    shown = _record_boxes(monkeypatch)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_exception_hook()
    error = peewee.DatabaseError("database disk image is malformed")
    sys.excepthook(type(error), error, None)
    bug = RuntimeError("a bug")
    sys.excepthook(type(bug), bug, None)
    example_db.checking = True  # met while the start's check reads the file: the check says it, with its offer
    try:
        sys.excepthook(type(error), error, None)
    finally:
        example_db.checking = False
    assert [kind for kind, _title, _text in shown] == ["warning", "critical"]
    assert "beskadiget" in shown[0][2] and "uventet" not in shown[0][2].lower()
    assert "uventet fejl" in shown[1][2]


def test_a_window_that_is_never_painted_is_still_checked_and_becomes_writable(
    example_template, tmp_path, qtbot, monkeypatch
):
    """Started minimized or on another desktop, the window may not be painted: the check begins anyway."""
    from desktop import app, start_check
    from desktop.main_window import MainWindow
    from models.backups import list_backups

    monkeypatch.setattr(start_check, "UNPAINTED_CHECK_MS", 50)
    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    app.open_store(path, deferred=True)
    window = MainWindow(database_path=path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        start_check.check_after_first_paint(window, path)  # never shown, so never painted
        assert is_read_only()
        qtbot.waitUntil(lambda: not is_read_only(), timeout=10000)
        assert not getattr(window, "_painted", False)
        qtbot.waitUntil(lambda: any(b.reason == "daily" for b in list_backups(path)), timeout=10000)
    finally:
        window.close()
        close_database()


def test_a_damaged_page_met_while_showing_the_figures_beside_the_check_is_left_to_the_check(
    started, qtbot, monkeypatch
):
    """The figures were read (their pages are sound), but showing them reads a damaged page: the check, still
    running, will say it with its offer; nothing is raised in the event loop, and the figures are read again
    once the check has passed."""
    import sqlite3

    from views import overview_page

    window, _path, release, seen = started
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    real = overview_page.store_is_empty

    def damaged():
        if is_read_only():  # while the check runs
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real()

    monkeypatch.setattr(overview_page, "store_is_empty", damaged)
    window._figures_in_background()
    qtbot.waitUntil(lambda: getattr(window, "_figures_again", False), timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: not is_read_only(), timeout=10000)
    qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values, timeout=10000)
