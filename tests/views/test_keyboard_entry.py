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


def _enterprise_place_field(qtbot, window):
    qtbot.keyClick(window, "2", CTRL)
    page = window.enterprises
    record = Enterprise.get_by_id(page.form.enterprise_id)
    page.form.place_edit.setFocus()
    qtbot.waitUntil(page.form.place_edit.hasFocus)
    return page, record


def test_ctrl_z_in_a_field_after_enter_undoes_the_saved_edit(qtbot, window):
    """Ctrl+Z after Enter only cleared the field, and the next Tab stored the empty value."""
    page, record = _enterprise_place_field(qtbot, window)
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Vejle\n")
    assert Enterprise.get_by_id(record.id).place == "Vejle"
    qtbot.keyClick(QApplication.focusWidget(), "z", CTRL)
    assert Enterprise.get_by_id(record.id).place == record.place
    assert page.form.place_edit.text() == (record.place or "")
    type_keys(qtbot, "\t")
    assert Enterprise.get_by_id(record.id).place == record.place


def test_ctrl_z_in_a_field_undoes_the_typing_first_then_the_saved_edit(qtbot, window):
    page, record = _enterprise_place_field(qtbot, window)
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Vejle\n")
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Kolding")
    qtbot.keyClick(QApplication.focusWidget(), "z", CTRL)  # the typing goes ...
    assert page.form.place_edit.text() == "Vejle"
    assert Enterprise.get_by_id(record.id).place == "Vejle"
    qtbot.keyClick(QApplication.focusWidget(), "z", CTRL)  # ... then the saved edit
    assert Enterprise.get_by_id(record.id).place == record.place
    assert page.form.place_edit.text() == (record.place or "")


def test_escape_in_a_field_reverts_it(qtbot, window):
    page, record = _enterprise_place_field(qtbot, window)
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Kolding\x1b\t")
    assert page.form.place_edit.text() == (record.place or "")
    assert Enterprise.get_by_id(record.id).place == record.place


def test_tab_leaves_the_enterprise_list_for_the_form(qtbot, window):
    qtbot.keyClick(window, "2", CTRL)
    page = window.enterprises
    page.table.setFocus()
    type_keys(qtbot, "\t")
    assert page.form.isAncestorOf(QApplication.focusWidget())


def test_tab_and_enter_on_the_grant_list_reach_the_form(qtbot, window):
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    page.table.setFocus()
    type_keys(qtbot, "\t")
    assert not page.table.hasFocus()
    page.table.setFocus()
    type_keys(qtbot, "\n")
    assert QApplication.focusWidget() in (page.enterprise_box, page.enterprise_box.lineEdit())


def test_grants_ask_before_throwing_invalid_typing_away(qtbot, window, answers):
    from models.grants import Grant

    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    first, second = page.table_model.rows[0].id, page.table_model.rows[1].id
    page.show_grant(first)
    stored = Grant.get_by_id(first).amount_dkk
    page.amount_edit.setFocus()
    page.amount_edit.selectAll()
    type_keys(qtbot, "15o.000\t")
    assert page.binder.invalid_fields()
    rect = page.table.visualRect(page.table_model.index(page.table_model.row_of(second), 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Ugyldig værdi" in answers.asked[-1]  # asked, answered "Bliv"
    assert page.grant_id == first and page.amount_edit.text() == "15o.000"
    assert Grant.get_by_id(first).amount_dkk == stored
    answers.queue.append(True)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.grant_id == second


def test_counts_typed_down_the_outcome_grid_keep_the_cursor(qtbot, window):
    """After `7` Enter the grid had no current cell; now Enter stores the count and moves down."""
    from models.agreements import EvaluationOutcome

    qtbot.keyClick(window, "4", CTRL)
    page = window.agreements
    page.agreement_view.setCurrentIndex(page.agreements.index(0, 0))
    evaluation = page.evaluation.id
    page.outcome_view.setFocus()
    page.outcome_view.setCurrentIndex(page.outcomes.index(0, 1))
    type_keys(qtbot, "7\n3\n")
    current = page.outcome_view.currentIndex()
    assert (current.row(), current.column()) == (2, 1)
    counts = {
        o.category_id: o.count for o in EvaluationOutcome.select().where(EvaluationOutcome.evaluation == evaluation)
    }
    assert counts[page.outcomes.rows[0].category_id] == 7
    assert counts[page.outcomes.rows[1].category_id] == 3


def test_enter_after_a_run_of_tabs_goes_to_the_next_row_where_the_run_began(qtbot, window):
    """As in Excel; a Shift press for a capital letter (as a real keyboard sends it) does not end the run."""
    page = _placements_page(qtbot, window)
    qtbot.keyClick(window, "n", CTRL)
    type_keys(qtbot, "2.10.2018\tSum\t")
    qtbot.keyPress(page.table, Qt.Key.Key_Shift)
    qtbot.keyRelease(page.table, Qt.Key.Key_Shift)
    type_keys(qtbot, "F\t\t8\n")
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (page.model.rowCount() - 1, 0)
    assert _placement(dt.date(2018, 10, 2), "Sumak").hours_per_week == Decimal("8")


def test_ctrl_z_in_another_field_after_a_saved_edit_undoes_it(qtbot, window):
    """Ctrl+Z with the cursor in a text field after a saved edit did nothing (the field kept Ctrl+Z)."""
    page, record = _enterprise_place_field(qtbot, window)
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Vejle\t")  # stored on leaving the field; the cursor is now in the next field
    assert Enterprise.get_by_id(record.id).place == "Vejle"
    assert QApplication.focusWidget() is not page.form.place_edit
    qtbot.keyClick(QApplication.focusWidget(), "z", CTRL)
    assert Enterprise.get_by_id(record.id).place == record.place


def test_tab_leaves_the_agreement_list_for_the_form_and_enter_opens_it(qtbot, window):
    qtbot.keyClick(window, "4", CTRL)
    page = window.agreements
    page.agreement_view.setFocus()
    type_keys(qtbot, "\t")
    assert not page.agreement_view.hasFocus()
    page.agreement_view.setFocus()
    type_keys(qtbot, "\n")
    assert page.agreement_form.isAncestorOf(QApplication.focusWidget())


def test_ctrl_y_in_a_field_redoes_the_undone_edit(qtbot, window):
    page, record = _enterprise_place_field(qtbot, window)
    page.form.place_edit.selectAll()
    type_keys(qtbot, "Vejle\n")
    qtbot.keyClick(QApplication.focusWidget(), "z", CTRL)
    assert Enterprise.get_by_id(record.id).place == record.place
    qtbot.keyClick(QApplication.focusWidget(), "y", CTRL)
    assert Enterprise.get_by_id(record.id).place == "Vejle"
    assert page.form.place_edit.text() == "Vejle"


def test_clicking_away_from_a_cell_being_edited_stores_it_and_leaves_the_focus_where_clicked(qtbot, window):
    page = _placements_page(qtbot, window)
    first = page.model.rows[0].id
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 4))
    type_keys(qtbot, "9")  # the cell's editor is open
    window.year_box.setFocus()  # as a click on another widget does
    QApplication.processEvents()
    assert JobPlacement.get_by_id(first).hours_per_week == Decimal("9")
    assert window.year_box.hasFocus()
