"""First paint first: the window's start paints it before SQLite's quick check of the whole file and the
daily backup, which run on a background thread; until the check has passed the window is read-only and says
so in the status bar."""

import threading

import pytest
from PySide6.QtCore import QSettings

from models.store import close_database, is_read_only

# The window checks before its first paint until the damaged-file paths of issue 12 wait for the check.
pytestmark = pytest.mark.skip(reason="the deferred start check is not wired into the window yet (issue 16)")


@pytest.fixture
def started(example_template, tmp_path, qtbot, monkeypatch):
    """A window started on a copy of the example with the check held until ``release`` is set."""
    from desktop import app
    from models import start_checks

    path = tmp_path / "data.sqlite"
    path.write_bytes(example_template.read_bytes())
    release, seen = threading.Event(), []
    real_check = start_checks.check_database

    def held_check(checked_path):
        seen.append(checked_path)
        release.wait(20)
        real_check(checked_path)

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
    assert "enterprises_active" not in window.overview.values  # a file not yet checked is not read for figures
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
    release.set()
    qtbot.waitUntil(lambda: not is_read_only(), timeout=10000)
