"""The keyboard reproductions of issue 13, typed into the real window key by key (each key goes to the widget
that has the focus, as on a real keyboard) with the store checked afterwards."""

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.enterprises import Enterprise
from models.placements import JobPlacement

CTRL = Qt.KeyboardModifier.ControlModifier
KEYS = {"\t": Qt.Key.Key_Tab, "\n": Qt.Key.Key_Return, "\x1b": Qt.Key.Key_Escape}


def type_keys(qtbot, text: str) -> None:
    """Type ``text`` into whatever widget has the focus, one key at a time; \\t is Tab, \\n Enter, \\x1b Escape."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        if char in KEYS:
            qtbot.keyClick(widget, KEYS[char])
        else:
            qtbot.keyClicks(widget, char)
        QApplication.processEvents()  # what the event loop does between two real key presses


def _placement(day: dt.date, enterprise: str) -> JobPlacement:
    return (
        JobPlacement.select()
        .join(Enterprise)
        .where(JobPlacement.date == day, Enterprise.name == enterprise)
        .order_by(JobPlacement.id.desc())
        .get()
    )


def test_a_typed_value_stays_in_the_placement_it_was_typed_for(qtbot, window):
    """Blocker: the second new row's hours went into the first one after the table re-sorted under the cursor."""
    qtbot.keyClick(window, "5", CTRL)
    page = window.placements
    qtbot.keyClick(window, "n", CTRL)
    type_keys(qtbot, "14.12.2018\tSum\tF\t\t12,5\n")
    qtbot.keyClick(window, "n", CTRL)
    type_keys(qtbot, "03.03.2018\tMini\tD\t\t20\n")
    first = _placement(dt.date(2018, 12, 14), "Sumak")
    second = _placement(dt.date(2018, 3, 3), "Mini Houses")
    assert first.hours_per_week == Decimal("12.5")
    assert second.hours_per_week == Decimal("20")
    assert page.table.currentIndex().isValid()


def _placements_page(qtbot, window):
    qtbot.keyClick(window, "5", CTRL)
    assert window.current_area == "placements"
    return window.placements


def test_tab_from_the_last_cell_of_the_new_row_goes_to_the_next_new_row(qtbot, window):
    page = _placements_page(qtbot, window)
    qtbot.keyClick(window, "n", CTRL)
    type_keys(qtbot, "1.10.2018\tSum\tF\t\t10\t")
    stored = _placement(dt.date(2018, 10, 1), "Sumak")
    assert stored.hours_per_week == Decimal("10")
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (page.model.rowCount() - 1, 0)
    assert page.model.row_at(current.row()).id is None  # the new row, not row 1
    assert page.model.rows[current.row() - 1].id == stored.id  # the typed row stays where it was typed


def test_f2_edits_the_date_that_is_there_and_escape_cancels(qtbot, window):
    page = _placements_page(qtbot, window)
    record = JobPlacement.get_by_id(page.model.rows[0].id)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.text() == page.model.index(0, 0).data()
    assert editor.text() != ""
    type_keys(qtbot, "9\x1b")  # typing replaces the date; Escape throws the typing away
    assert JobPlacement.get_by_id(record.id).date == record.date
    assert page.table.currentIndex().row() == 0


def test_enter_in_the_hours_cell_stores_and_moves_down(qtbot, window):
    page = _placements_page(qtbot, window)
    first, second = page.model.rows[0].id, page.model.rows[1].id
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 4))
    type_keys(qtbot, "7\n33\n")  # typing replaces; Enter stores and goes down
    assert JobPlacement.get_by_id(first).hours_per_week == Decimal("7")
    assert JobPlacement.get_by_id(second).hours_per_week == Decimal("33")
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (2, 4)
