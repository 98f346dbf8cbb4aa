"""Hjælp → Om: the version and the paths of the database, the backups and the log, driven from the menu."""

import tomllib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.error_log import log_file
from desktop.main_window import MainWindow
from models.backups import backup_folder
from views import about_dialog
from views.about_dialog import AboutDialog, AboutFacts

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _facts(tmp_path: Path) -> AboutFacts:
    database = tmp_path / "data" / "socialokonomi.sqlite"
    return AboutFacts(
        version="1.2.3",
        database=database,
        backups=tmp_path / "data" / "socialokonomi-sikkerhedskopier",
        log=tmp_path / "logs" / "socialokonomi.log",
        runtime="Qt x, Python y",
    )


def test_the_dialog_shows_every_fact_and_copies_them(qtbot, tmp_path):
    facts = _facts(tmp_path)
    dialog = AboutDialog(facts=facts)
    qtbot.addWidget(dialog)
    shown = {key: label.text() for key, label in dialog.values.items()}
    assert shown == {
        "version": "1.2.3",
        "database": str(facts.database),
        "backups": str(facts.backups),
        "log": str(facts.log),
        "runtime": "Qt x, Python y",
    }
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == "Socialøkonomi 1.2.3"
    for path in (facts.database, facts.backups, facts.log):
        assert str(path) in copied


def test_open_folder_opens_the_nearest_folder_that_exists(qtbot, tmp_path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(about_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    facts = _facts(tmp_path)
    (tmp_path / "data").mkdir()
    dialog = AboutDialog(facts=facts)
    qtbot.addWidget(dialog)
    for key in ("database", "backups", "log"):
        qtbot.mouseClick(dialog.findChild(QPushButton, f"open_{key}"), Qt.MouseButton.LeftButton)
    # the backup folder and the log folder are not made yet: their nearest existing parent opens instead
    assert [Path(url.toLocalFile()) for url in opened] == [tmp_path / "data", tmp_path / "data", tmp_path]


def test_help_about_shows_the_version_from_pyproject_and_the_real_paths(qtbot, example_db, db_path, tmp_path):
    window = MainWindow(database_path=db_path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, AboutDialog):
            seen.update({key: label.text() for key, label in dialog.values.items()})
        dialog.reject()  # whatever opened, so that a failure ends the test instead of blocking it

    QTimer.singleShot(0, read_and_close)
    window.action_about.trigger()  # modal: returns once read_and_close has closed it
    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert seen["version"] == version
    assert seen["database"] == str(db_path)
    if isinstance(db_path, str):  # a server: its backups are its administrator's (no folder to open)
        assert "administrator" in seen["backups"]
    else:
        assert seen["backups"] == str(backup_folder(db_path))
    assert seen["log"] == str(log_file())
    assert "Qt " in seen["runtime"] and "Python " in seen["runtime"]


def test_a_long_path_is_shown_whole_on_one_line(qtbot, tmp_path):
    deep = tmp_path.joinpath(*["en-meget-lang-mappe-i-kommunens-netvaerk"] * 4)
    facts = AboutFacts(
        version="1.2.3",
        database=deep / "socialokonomi.sqlite",
        backups=deep / "socialokonomi-sikkerhedskopier",
        log=deep / "Logs" / "socialokonomi.log",
    )
    dialog = AboutDialog(facts=facts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for key in ("database", "backups", "log"):
        label = dialog.values[key]
        # the whole path fits on the one line the label has: neither cut off nor wrapped out of sight
        assert label.contentsRect().width() >= label.fontMetrics().horizontalAdvance(label.text()), key
        assert label.contentsRect().height() >= label.fontMetrics().height(), key
