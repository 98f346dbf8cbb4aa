"""Start-up problems, each a Danish message and nothing made: a home folder where the data folder cannot be made
(read-only, missing, or a file in the way), named in the window and on the command line; no screen for the
window; and what the bundle passes on to the programs it opens."""

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.app import restore_environment_for_children, start_window
from desktop.cli import main
from models.store import close_database


def _blocked_folder(tmp_path):
    (tmp_path / "home").write_text("a file where the folder should be", encoding="utf-8")
    return tmp_path / "home" / "Socialokonomi"


def test_the_command_line_names_the_folder_that_cannot_be_made(tmp_path, capsys):
    folder = _blocked_folder(tmp_path)
    assert main(["load-example", "--database", str(folder / "socialokonomi.sqlite")]) == 2
    err = capsys.readouterr().err
    # the lock beside the database is taken first, so the command names the folder from there
    assert f"Mappen {folder}" in err and ("kan ikke oprettes" in err or "findes ikke" in err)
    assert "Traceback" not in err and "Errno" not in err


def test_the_window_names_the_folder_that_cannot_be_made_in_danish(qapp, tmp_path, monkeypatch):
    folder = _blocked_folder(tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    try:
        window, lock = start_window(folder / "socialokonomi.sqlite")
    finally:
        close_database()
    assert (window, lock) == (None, None)
    [(title, text)] = shown
    assert title == "Databasen kan ikke åbnes"
    assert text.startswith(f"Mappen {folder} til databasen kan ikke oprettes") and "--database" in text
    assert "Errno" not in text
    assert (tmp_path / "home").is_file()


def test_programs_started_by_the_bundle_get_the_environment_it_was_started_with():
    # as PyInstaller's start and packaging/rthook_qt_paths.py leave it (checked in the bundle by test_bundle.py)
    environ = {
        "LD_LIBRARY_PATH": "/opt/socialokonomi/_internal",
        "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
        "QT_PLUGIN_PATH": "/opt/socialokonomi/_internal/PySide6/Qt/plugins",
        "PATH": r"C:\Socialokonomi\_internal;C:\Windows",
        "PATH_ORIG": r"C:\Windows",
        "_PYI_APPLICATION_HOME_DIR": "/opt/socialokonomi/_internal",
        "_PYI_PARENT_PROCESS_LEVEL": "0",
        "HOME": "/home/a",
    }
    restore_environment_for_children(environ)
    assert environ == {"LD_LIBRARY_PATH": "/usr/local/lib", "PATH": r"C:\Windows", "HOME": "/home/a"}
    environ = {"LD_LIBRARY_PATH": "/opt/s/_internal", "QT_PLUGIN_PATH": "/opt/s/plugins", "PATH": "/usr/bin"}
    restore_environment_for_children(environ)
    assert environ == {"PATH": "/usr/bin"}


def test_without_a_screen_the_window_is_refused_in_danish_with_exit_2(tmp_path, monkeypatch, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("DISPLAY and WAYLAND_DISPLAY are Linux's")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--database", str(tmp_path / "db.sqlite")]) == 2
    assert "ingen skærm" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
