"""Typing that is not stored never survives onto another record: every way to show another record (the filter,
the year, a new record, an undo from the tool bar) stores valid typing and asks about invalid typing first.
Driven with keys and clicks in the real window; the store checked after each step."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from models.enterprises import Enterprise
from models.formatting import format_dkk
from models.grants import Grant

CTRL = Qt.KeyboardModifier.ControlModifier


def _type(qtbot, widget, text: str, *, enter: bool = True) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def _tool(window, name: str):
    """The tool bar's button for the window's action ``name`` ("new", "undo")."""
    toolbar = window.findChild(QToolBar, "mainToolbar")
    return toolbar.widgetForAction(getattr(window, f"action_{name}"))


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _amounts() -> dict[int, int | None]:
    return {g.id: g.amount_dkk for g in Grant.select()}


def test_the_filter_never_carries_an_invalid_amount_onto_another_grant(qtbot, window, answers):
    """Blocker: «15o.000» typed on one grant was shown (and then stored) on the grant the filter showed next."""
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    first = page.record.id
    before = _amounts()
    _type(qtbot, page.amount_edit, "15o.000")
    assert page.binder.invalid_fields() == ["Beløb (kr.)"]
    sumak = Enterprise.get(Enterprise.name == "Sumak").id

    answers.queue.append(False)  # Bliv
    page.filter_box.setFocus()
    page.filter_box.setCurrentIndex(page.filter_box.findData(sumak))
    assert "«Beløb (kr.)»" in answers.asked[-1]
    assert page.filter_box.currentData() is None and page.record.id == first
    assert page.amount_edit.text() == "15o.000"

    answers.queue.append(True)  # Kassér
    page.filter_box.setCurrentIndex(page.filter_box.findData(sumak))
    shown = Grant.get_by_id(page.record.id)
    assert shown.enterprise_id == sumak and shown.id != first
    assert page.amount_edit.text() == format_dkk(shown.amount_dkk).removesuffix("\xa0kr.")
    assert not page.binder.invalid_fields()
    _type(qtbot, page.amount_edit, "150.000")  # stored on the grant the user sees, and only there
    assert _amounts() == {**before, shown.id: 150_000}


def test_the_year_change_asks_and_never_carries_invalid_typing(qtbot, window, answers):
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    first = page.record.id
    before = _amounts()
    _type(qtbot, page.amount_edit, "15o.000")
    answers.queue.append(False)
    window.year_box.setFocus()
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert "skifte år" in answers.asked[-1]
    assert window.year == 2018 and page.year == 2018 and page.record.id == first
    assert page.amount_edit.text() == "15o.000"

    answers.queue.append(True)
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert window.year == 2019 and page.year == 2019
    assert page.amount_edit.text() != "15o.000" and not page.binder.invalid_fields()
    assert _amounts() == before


def test_the_year_change_asks_on_virksomheder_and_report_texts(qtbot, window, answers):
    qtbot.keyClick(window, "2", CTRL)
    form = window.enterprises.form
    _type(qtbot, form.cvr_edit, "123")
    answers.queue.append(False)
    window.year_box.setFocus()
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert "«CVR-nummer»" in answers.asked[-1] and window.year == 2018
    assert form.cvr_edit.text() == "123"
    answers.queue.append(True)
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert window.year == 2019 and form.cvr_edit.text() == "" and not form.binder.invalid_fields()
    assert Enterprise.get_by_id(form.enterprise_id).cvr in (None, "")


def test_ctrl_n_stores_valid_typing_and_asks_about_invalid(qtbot, window, answers):
    qtbot.keyClick(window, "2", CTRL)
    page = window.enterprises
    shown = page.form.enterprise_id
    count = Enterprise.select().count()
    _type(qtbot, page.form.place_edit, "Korsør", enter=False)
    qtbot.keyClick(page.form.place_edit, "n", CTRL)
    assert Enterprise.get_by_id(shown).place == "Korsør"
    assert Enterprise.select().count() == count + 1

    qtbot.keyClick(window, "3", CTRL)
    grants = window.grants
    grant = grants.record.id
    _type(qtbot, grants.amount_edit, "200.000", enter=False)
    _click(qtbot, _tool(window, "new"))  # a tool button takes no focus: the field never finishes editing itself
    assert Grant.get_by_id(grant).amount_dkk == 200_000

    number = Grant.select().count()
    shown = grants.record.id
    _type(qtbot, grants.amount_edit, "15o.000")
    answers.queue.append(False)
    qtbot.keyClick(grants.amount_edit, "n", CTRL)
    assert "«Beløb (kr.)»" in answers.asked[-1]
    assert Grant.select().count() == number and grants.record.id == shown
    assert grants.amount_edit.text() == "15o.000"
    qtbot.keyClick(grants.amount_edit, Qt.Key.Key_Escape)  # nothing left to ask about when the window closes
    assert not grants.binder.invalid_fields()


def test_toolbar_undo_undoes_the_fields_typing_first(qtbot, window, answers):
    qtbot.keyClick(window, "2", CTRL)
    form = window.enterprises.form
    shown = form.enterprise_id
    _type(qtbot, form.address_edit, "Ny adresse 1")
    assert Enterprise.get_by_id(shown).address == "Ny adresse 1"
    _type(qtbot, form.place_edit, "Korsør", enter=False)
    stored_place = Enterprise.get_by_id(shown).place
    _click(qtbot, _tool(window, "undo"))
    assert Enterprise.get_by_id(shown).address == "Ny adresse 1"  # the saved edit is still in force
    assert form.place_edit.text() == (stored_place or "")
    _click(qtbot, _tool(window, "undo"))
    assert Enterprise.get_by_id(shown).address != "Ny adresse 1"


def test_toolbar_undo_after_ctrl_n_never_leaves_typing_on_another_grant(qtbot, window, answers):
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    before = _amounts()
    qtbot.keyClick(page.amount_edit, "n", CTRL)
    new = page.record.id
    _type(qtbot, page.amount_edit, "15o.000")
    _click(qtbot, _tool(window, "undo"))  # first the field's typing
    assert Grant.get_or_none(Grant.id == new) is not None and page.amount_edit.text() == ""
    _click(qtbot, _tool(window, "undo"))  # then the new grant
    assert Grant.get_or_none(Grant.id == new) is None
    assert page.amount_edit.text() != "15o.000" and not page.binder.invalid_fields()
    _type(qtbot, page.amount_edit, "1")
    shown = page.record.id
    assert _amounts() == {**before, shown: 1}
    assert not answers.asked


def test_toolbar_undo_goes_through_the_editor_and_reports_a_refusal(qtbot, window, answers):
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert window.action_undo in toolbar.actions() and window.action_redo in toolbar.actions()
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    grant = page.record.id
    _type(qtbot, page.amount_edit, "7")
    assert Grant.get_by_id(grant).amount_dkk == 7
    page.table.setFocus()
    answers.queue.append(True)
    window.action_lock_year.trigger()
    stack = window.editor.undo_stack
    index = stack.index()
    _click(qtbot, _tool(window, "undo"))
    assert any("Kan ikke fortrydes" in a for a in answers.asked)
    assert stack.index() == index and not stack.canRedo()
    assert Grant.get_by_id(grant).amount_dkk == 7


def test_tab_leaves_an_editable_table_from_its_last_cell_and_ctrl_tab_from_any(qtbot, window, answers):
    """Keyboard trap: Tab in the grant's funders table never reached the fields and buttons after it."""
    qtbot.keyClick(window, "3", CTRL)
    view = window.grants.funders_view
    model = view.model()
    assert model.rowCount() >= 1
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.hasFocus() and view.currentIndex().column() == 1  # inside the table Tab moves right
    view.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab, CTRL)
    assert not view.hasFocus()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not view.hasFocus()


def test_an_empty_amount_shows_no_zero_that_looks_stored(qtbot, window, answers):
    """The disabled form (no grant for the chosen enterprise) showed the placeholder «0» as if 0 were stored."""
    qtbot.keyClick(window, "3", CTRL)
    page = window.grants
    qtbot.keyClick(page.amount_edit, "n", CTRL)
    assert page.amount_edit.text() == "" and page.amount_edit.placeholderText() == ""


def test_ctrl_n_makes_a_new_agreement(qtbot, window, answers):
    from models.agreements import Agreement

    qtbot.keyClick(window, "4", CTRL)
    assert window.current_area == "agreements" and window.action_new.isEnabled()
    before = Agreement.select().count()
    qtbot.keyClick(window, "n", CTRL)
    assert Agreement.select().count() == before + 1
