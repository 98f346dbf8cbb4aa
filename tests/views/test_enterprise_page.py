"""The enterprise register driven as a person would: shortcuts, typing, clicking; the store checked after
each step and after closing and reopening the window."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.enterprises import (
    Enterprise,
    EnterpriseTargetGroup,
    EnterpriseText,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.grants import Grant, GrantFunder
from models.store import close_database, open_database
from tests.views.conftest import open_window
from views.enterprise_table import COLUMNS

CTRL = Qt.KeyboardModifier.ControlModifier


def _names(page) -> list[str]:
    model = page.table_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def _go_to_enterprises(qtbot, window):
    qtbot.keyClick(window, "2", CTRL)
    assert window.current_area == "enterprises"
    return window.enterprises


def _select(qtbot, page, name: str) -> None:
    row = _names(page).index(name)
    rect = page.table.visualRect(page.table_model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.form.record.name == name


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_lists_the_example_in_report_order(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    expected = [e.name for e in Enterprise.select().order_by(Enterprise.report_order)]
    assert len(expected) == 20
    assert _names(page) == expected


def test_search_as_you_type_across_name_cvr_place_and_target_groups(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    Enterprise.update(cvr="10150817").where(Enterprise.name == "Musholm").execute()
    page.reload()
    qtbot.keyClick(window, "f", CTRL)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "veteran")
    assert _names(page) == ["VeteranHaven", "Sund og Bælt"]  # Sund og Bælt's target group is veterans
    for text, expected in (
        ("Slotsbjergby", ["VeteranHaven"]),
        ("10150817", ["Musholm"]),
        ("blinde", ["Blindes Arbejde"]),
        ("ingen sådan", []),
    ):
        page.search_edit.clear()
        qtbot.keyClicks(page.search_edit, text)
        assert _names(page) == expected
    assert page.list_stack.currentWidget() is page.no_match_label
    page.search_edit.clear()
    assert len(_names(page)) == 20


def test_sort_by_clicking_a_column_header(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    header = page.table.horizontalHeader()
    name_column = [key for key, _label in COLUMNS].index("name")
    x = header.sectionViewportPosition(name_column) + header.sectionSize(name_column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    names = _names(page)
    assert names == sorted(names, key=str.casefold)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    assert _names(page) == sorted(names, key=str.casefold, reverse=True)


def test_status_filter_reads_the_selected_year(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    page.status_box.setFocus()
    qtbot.keyClick(page.status_box, Qt.Key.Key_Down)  # Alle -> Aktive
    assert len(_names(page)) == 19 and "BEVAR" not in _names(page)
    qtbot.keyClick(page.status_box, Qt.Key.Key_Down)  # -> Lukkede
    assert _names(page) == ["BEVAR"]


def test_create_edit_validate_undo_and_redo(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    qtbot.keyClick(window, "n", CTRL)
    created = Enterprise.get(Enterprise.name == "Ny virksomhed")
    assert page.form.enterprise_id == created.id and page.form.name_edit.hasFocus()
    assert created.report_order == 21

    qtbot.keyClicks(page.form.name_edit, "Kaffe Fælles")
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_Tab)
    assert Enterprise.get_by_id(created.id).name == "Kaffe Fælles"
    assert "Kaffe Fælles" in _names(page)

    _type_into(qtbot, page.form.cvr_edit, "12345678")
    error = page.form.findChild(type(page.form.title), "cvr_error")
    assert error.isVisible() and "kontrolcifferet" in error.text()
    assert Enterprise.get_by_id(created.id).cvr is None
    assert page.form.cvr_edit.text() == "12345678"  # kept for the user to fix, never silently dropped

    _type_into(qtbot, page.form.cvr_edit, "10150817")
    assert not error.isVisible()
    assert Enterprise.get_by_id(created.id).cvr == "10150817"

    _type_into(qtbot, page.form.opened_edit, "1.3.2019")
    _type_into(qtbot, page.form.closed_edit, "1.2.2019")
    assert "før startdatoen" in page.form.findChild(type(page.form.title), "closed_error").text()
    assert Enterprise.get_by_id(created.id).closed is None
    _type_into(qtbot, page.form.closed_edit, "")
    assert Enterprise.get_by_id(created.id).opened == dt.date(2019, 3, 1)

    assert "åbnet" in window.action_undo.text().lower()
    page.table.setFocus()
    qtbot.keyClick(page.table, "z", CTRL)
    assert Enterprise.get_by_id(created.id).opened is None
    qtbot.keyClick(page.table, "z", CTRL)
    assert Enterprise.get_by_id(created.id).cvr is None
    assert page.form.cvr_edit.text() == ""
    qtbot.keyClick(page.table, "z", CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert Enterprise.get_by_id(created.id).cvr == "10150817"
    for _ in range(3):
        qtbot.keyClick(page.table, "z", CTRL)
    assert Enterprise.get_or_none(Enterprise.id == created.id) is None
    assert len(_names(page)) == 20
    qtbot.keyClick(page.table, "y", CTRL)
    assert Enterprise.get_by_id(created.id).name == "Ny virksomhed"


def test_duplicate_name_is_refused_beside_the_field(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "BEVAR")
    _type_into(qtbot, page.form.name_edit, "sumak")
    error = page.form.findChild(type(page.form.title), "name_error")
    assert "allerede brugt" in error.text()
    assert Enterprise.get_or_none(Enterprise.name == "BEVAR") is not None
    _type_into(qtbot, page.form.name_edit, "   ")
    assert "skal udfyldes" in error.text()


def test_delete_asks_says_what_goes_with_it_and_can_be_undone(qtbot, window, answers):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "VeteranHaven")
    veteran = page.form.enterprise_id
    grant = Grant.get(Grant.enterprise == veteran)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "VeteranHaven" in answers.asked[-1] and "1 tilskud" in answers.asked[-1]
    assert Enterprise.get_or_none(Enterprise.id == veteran) is not None  # answered no

    answers.queue.append(True)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert Enterprise.get_or_none(Enterprise.id == veteran) is None
    assert Grant.get_or_none(Grant.id == grant.id) is None
    assert "VeteranHaven" not in _names(page)
    assert page.form.record is not None and page.form.record.name == "Magleby Skolecenter"

    qtbot.keyClick(page.table, "z", CTRL)
    assert Enterprise.get_by_id(veteran).name == "VeteranHaven"
    assert GrantFunder.select().where(GrantFunder.grant == grant.id).count() == 13


def test_texts_belong_to_the_selected_year(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "Sumak")
    sumak = page.form.enterprise_id
    plans = page.form.text_edits["plans"]
    plans.setFocus()
    plans.selectAll()
    qtbot.keyClicks(plans, "I 2019 åbner Sumak en ny cafe.")
    page.form.name_edit.setFocus()
    assert EnterpriseText.get(enterprise=sumak, year=2018).plans == "I 2019 åbner Sumak en ny cafe."

    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    assert page.form.text_edits["plans"].toPlainText() == ""
    assert page.form.copy_texts_button.isVisible()
    qtbot.mouseClick(page.form.copy_texts_button, Qt.MouseButton.LeftButton)
    copy = EnterpriseText.get(enterprise=sumak, year=2019)
    assert copy.plans == "I 2019 åbner Sumak en ny cafe." and not copy.revised
    assert "ikke revideret" in page.form.texts_note.text()
    assert EnterpriseText.get(enterprise=sumak, year=2018).revised


def test_target_groups_initiatives_and_registration(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "Mini Houses")
    mini = page.form.enterprise_id
    _type_into(qtbot, page.form.new_group_edit, "Seniorer")
    group = TargetGroup.get(TargetGroup.name == "Seniorer")
    assert EnterpriseTargetGroup.get_or_none(enterprise=mini, target_group=group) is not None
    item = page.form.groups_list.findItems("Seniorer", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked)
    assert EnterpriseTargetGroup.get_or_none(enterprise=mini, target_group=group) is None

    initiative = page.form.initiatives_list.item(0)
    initiative.setCheckState(Qt.CheckState.Checked)
    assert InitiativeMembership.select().where(InitiativeMembership.enterprise == mini).count() == 1

    qtbot.mouseClick(page.form.add_registration_button, Qt.MouseButton.LeftButton)
    registration = Registration.get(Registration.enterprise == mini)
    assert registration.status == "working"
    model = page.form.registrations
    assert model.setData(model.index(0, 0), "30.2.2019") is False
    assert "findes ikke" in page.form.registration_error.text()
    assert model.setData(model.index(0, 0), "1.3.2019") is True
    assert Registration.get_by_id(registration.id).date == dt.date(2019, 3, 1)
    assert model.setData(model.index(0, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert Registration.get_by_id(registration.id).annual_report_submitted is True


def test_edits_survive_closing_and_reopening(qtbot, window, db_path, settings):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "Liselund")
    _type_into(qtbot, page.form.place_edit, "Slagelse")
    window.close()
    close_database()
    open_database(db_path)
    again = open_window(qtbot, db_path, settings)
    assert again.current_area == "enterprises"
    assert Enterprise.get(Enterprise.name == "Liselund").place == "Slagelse"
    row = [
        again.enterprises.table_model.index(r, 1).data() for r in range(again.enterprises.table_model.rowCount())
    ].index("Liselund")
    assert again.enterprises.table_model.index(row, 3).data() == "Slagelse"


def test_closing_with_an_invalid_value_asks(qtbot, window, answers):
    page = _go_to_enterprises(qtbot, window)
    page.form.employees_edit.setFocus()
    qtbot.keyClicks(page.form.employees_edit, "mange")
    window.close()
    assert window.isVisible() and "Ansatte" in answers.asked[-1]
    answers.queue.append(True)
    window.close()
    assert not window.isVisible()
    assert Enterprise.select().where(Enterprise.employees.is_null(False)).count() == 2


def test_closing_stores_a_valid_edit_still_in_its_field(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "Pixibixen")
    page.form.contact_edit.setFocus()
    qtbot.keyClicks(page.form.contact_edit, "kontakt@example.dk")
    window.close()
    assert Enterprise.get(Enterprise.name == "Pixibixen").contact == "kontakt@example.dk"


def test_enter_in_the_table_opens_the_record(qtbot, window):
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, "Musholm")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.form.name_edit


def test_empty_register_says_what_to_do(qtbot, db, db_path, settings, answers):
    window = open_window(qtbot, db_path, settings)
    page = _go_to_enterprises(qtbot, window)
    assert page.list_stack.currentWidget() is page.empty_label and "Ctrl+N" in page.empty_label.text()
    qtbot.keyClick(window, "n", CTRL)
    assert page.list_stack.currentWidget() is page.table and Enterprise.select().count() == 1
