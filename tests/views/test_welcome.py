"""A first start on an empty database: a welcome with three ways in, each of which works."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from models.enterprises import Enterprise
from models.example_data import is_empty
from tests.views.conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier


def _welcome(qtbot, db_path, settings):
    window = open_window(qtbot, db_path, settings)
    window.show_area("overview")
    overview = window.overview
    qtbot.waitUntil(overview.welcome.isVisible)
    assert not overview.figures.isVisible()  # no "0 af –" and no empty chart
    return window, overview.welcome


def test_the_welcome_creates_the_first_enterprise(qtbot, db, db_path, settings, answers):
    window, welcome = _welcome(qtbot, db_path, settings)
    qtbot.mouseClick(welcome.buttons["create"], Qt.MouseButton.LeftButton)
    assert window.current_area == "enterprises"
    assert Enterprise.select().count() == 1 and window.enterprises.form.name_edit.hasFocus()


def test_the_welcome_loads_the_example(qtbot, db, db_path, settings, answers):
    window, welcome = _welcome(qtbot, db_path, settings)
    qtbot.mouseClick(welcome.buttons["example"], Qt.MouseButton.LeftButton)
    assert Enterprise.select().count() == 20
    qtbot.waitUntil(lambda: not window.overview.welcome.isVisible())
    assert window.overview.figures.isVisible()


def test_the_welcome_imports_a_file(qtbot, db, db_path, settings, answers, monkeypatch):
    window, welcome = _welcome(qtbot, db_path, settings)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: asked.append(args) or ("", ""))
    qtbot.mouseClick(welcome.buttons["import"], Qt.MouseButton.LeftButton)
    assert asked  # the import's file dialog opened; cancelled, nothing changes
    assert is_empty()


def test_no_welcome_once_there_is_data(qtbot, window):
    window.show_area("overview")
    assert not window.overview.welcome.isVisible()
