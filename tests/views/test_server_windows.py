"""Two windows on the same server database editing one enterprise (issue 17's Done-when): the second save is
refused with the first user's name, the form shows the stored value, and no value is lost. A window shows
colleagues' changes when it is activated again."""

import pytest
from PySide6.QtWidgets import QApplication

from models.enterprises import Enterprise
from models.history import AuditEntry
from models.store import close_database, open_database
from tests.views.conftest import open_window
from tests.views.test_enterprise_page import CTRL, _go_to_enterprises, _select, _type_into


def _as_colleague(db, name: str, save) -> None:
    """Run ``save`` as another user would (the audit trail's user is the connection's), then be oneself again."""
    own = getattr(db, "user_name", None)
    db.user_name = name
    try:
        save()
    finally:
        db.user_name = own


def _show_enterprise(qtbot, window, name: str):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = _go_to_enterprises(qtbot, window)
    _select(qtbot, page, name)
    return page


def test_two_windows_editing_one_enterprise_lose_no_value(qtbot, server_database, settings, answers):
    address = server_database("tpl_example")
    db = open_database(address)
    try:
        first, second = open_window(qtbot, address, settings), open_window(qtbot, address, settings)
        name = Enterprise.select().order_by(Enterprise.id).first().name
        page1 = _show_enterprise(qtbot, first, name)
        page2 = _show_enterprise(qtbot, second, name)  # both show the same version of the record

        db.user_name = "anne"  # the first window's user saves first
        _type_into(qtbot, page1.form.place_edit, "Korsør")
        assert Enterprise.get(Enterprise.name == name).place == "Korsør"

        db.user_name = "bo"  # the second window still shows what it read before
        _type_into(qtbot, page2.form.place_edit, "Skælskør")
        error = page2.form.findChild(type(page2.form.title), "place_error")
        assert error.isVisible() and "ændret af anne" in error.text() and "ikke gemt" in error.text()
        assert page2.form.place_edit.text() == "Korsør"  # the form shows the stored value
        assert Enterprise.get(Enterprise.name == name).place == "Korsør"  # anne's value is not lost

        _type_into(qtbot, page2.form.place_edit, "Skælskør")  # bo, having seen anne's value, saves his own
        assert Enterprise.get(Enterprise.name == name).place == "Skælskør"
        trail = [
            (e.user, e.old, e.new)
            for e in AuditEntry.select().where(AuditEntry.field == "place").order_by(AuditEntry.id)
        ]
        assert trail[-2:] == [("anne", trail[-2][1], "Korsør"), ("bo", "Korsør", "Skælskør")]
    finally:
        QApplication.closeAllWindows()  # before the store closes: an activated window reads from it
        close_database()


def test_a_window_shows_a_colleagues_change_when_it_is_activated_again(qtbot, server_database, settings, answers):
    address = server_database("tpl_example")
    open_database(address)
    try:
        first = open_window(qtbot, address, settings)
        second = open_window(qtbot, address, settings)
        name = Enterprise.select().order_by(Enterprise.id).first().name
        page1 = _show_enterprise(qtbot, first, name)
        page2 = _show_enterprise(qtbot, second, name)
        _type_into(qtbot, page2.form.address_edit, "Havnegade 1")
        assert page1.form.address_edit.text() != "Havnegade 1"  # not active: not read again yet
        first.activateWindow()
        qtbot.waitUntil(first.isActiveWindow)
        qtbot.waitUntil(lambda: page1.form.address_edit.text() == "Havnegade 1")
    finally:
        QApplication.closeAllWindows()  # before the store closes: an activated window reads from it
        close_database()


def test_a_read_only_role_gets_a_read_only_window_with_a_banner(qtbot, server_roles, settings, answers):
    address = server_roles.address("socialokonomi", "bo")
    open_database(address)
    try:
        window = open_window(qtbot, address, settings)
        assert window.banner.isVisible() and "må kun læse" in window.banner.text()
        assert not window.action_backups.isEnabled()  # the server's backups are its administrator's
        name = Enterprise.select().order_by(Enterprise.id).first().name
        page = _show_enterprise(qtbot, window, name)
        # nothing offers what the role may not do (Ny, Slet, the year's lock)
        assert not any(a.isEnabled() for a in (window.action_new, window.action_delete, window.action_lock_year))
        before = Enterprise.get(Enterprise.name == name).place
        _type_into(qtbot, page.form.place_edit, "Bos egen by")
        error = page.form.findChild(type(page.form.title), "place_error")
        assert error.isVisible() and "kun læse" in error.text()
        assert Enterprise.get(Enterprise.name == name).place == before
        answers.queue.append(True)  # closing: discard the refused value
    finally:
        QApplication.closeAllWindows()  # before the store closes: an activated window reads from it
        close_database()


@pytest.mark.sqlite_only  # the colleague is simulated in-process; the server is covered by test_concurrency
def test_undo_does_not_overwrite_a_colleagues_later_save(qtbot, window, answers, example_db):
    from models import editing

    name = Enterprise.select().order_by(Enterprise.id).first().name
    page = _show_enterprise(qtbot, window, name)
    _type_into(qtbot, page.form.place_edit, "Korsør")
    _as_colleague(example_db, "anne", lambda: editing.update(Enterprise, page.form.record.id, {"place": "Skælskør"}))
    page.table.setFocus()
    qtbot.keyClick(page.table, "z", CTRL)
    assert Enterprise.get(Enterprise.name == name).place == "Skælskør"
    assert any("Fortryd" in text and "ændret af anne" in text for text in answers.asked)


@pytest.mark.sqlite_only  # starts on a file
def test_filer_aabn_database_moves_the_window_to_a_server_and_remembers_it(
    qtbot, window, answers, server_database, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from desktop.switch_store import SETTING, remembered_store

    address = server_database("tpl_example")
    name = Enterprise.select().order_by(Enterprise.id).first().name
    page = _show_enterprise(qtbot, window, name)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: ("postgresql://anne@server:x/db", True))
    window.action_open_store.trigger()
    assert any("kan ikke læses" in text for text in answers.asked)  # a bad address changes nothing
    assert not window.on_server and Enterprise.select().count() == 20
    assert remembered_store(window.settings) is None

    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: (address, True))
    window.action_open_store.trigger()
    assert window.on_server and address in window.windowTitle()
    assert window.settings.value(SETTING) == address
    assert not window.action_backups.isEnabled()
    page = _show_enterprise(qtbot, window, name)
    _type_into(qtbot, page.form.place_edit, "Serverby")
    assert Enterprise.get(Enterprise.name == name).place == "Serverby"
    from models.engine import is_server

    assert is_server()
    QApplication.closeAllWindows()
    close_database()


def test_a_table_row_a_colleague_saved_since_is_not_overwritten(qtbot, window, answers, example_db):
    """The editable tables (partnerships, meetings, progression, goals) pass the version of the row they show."""
    from models import editing
    from models.activities import Partnership
    from tests.views.test_activity_pages import _edit_cell, _go

    page = _go(qtbot, window, "6", "partnerships")
    row = 0
    shown = page.table.model.records[row]
    _as_colleague(example_db, "anne", lambda: editing.update(Partnership, shown.id, {"note": "Annes bemærkning"}))
    note_column = [c.field for c in page.table.model.columns].index("note")
    _edit_cell(qtbot, page.table, row, note_column, "Min bemærkning")
    qtbot.waitUntil(lambda: "ændret af anne" in page.table.error.text())
    assert Partnership.get_by_id(shown.id).note == "Annes bemærkning"
    assert page.table.model.records[row].note == "Annes bemærkning"  # the table shows the stored value
    _edit_cell(qtbot, page.table, row, note_column, "Min bemærkning")  # seen it: saved now
    qtbot.waitUntil(lambda: Partnership.get_by_id(shown.id).note == "Min bemærkning")


def test_a_placement_a_colleague_saved_since_is_not_overwritten(qtbot, window, answers, example_db):
    from decimal import Decimal

    from models import editing
    from models.placements import JobPlacement
    from tests.views.test_placement_page import _go as go_to_placements
    from views.placement_table import COLUMNS

    page = go_to_placements(qtbot, window)
    row = page.model.rows[0]
    hours_column = [key for key, _label in COLUMNS].index("hours_per_week")
    shown = page.model.index(0, hours_column).data()  # the row is on screen: its values and version are read
    _as_colleague(example_db, "anne", lambda: editing.update(JobPlacement, row.id, {"hours_per_week": "12.5"}))
    errors = []
    page.model.error_occurred.connect(errors.append)
    assert not page.model.setData(page.model.index(0, hours_column), "30")
    assert any("ændret af anne" in text for text in errors)
    assert JobPlacement.get_by_id(row.id).hours_per_week == Decimal("12.5")  # the colleague's value stays
    assert page.model.index(0, hours_column).data() != shown  # and the sheet shows it now


def test_a_grant_a_colleague_saved_since_is_not_overwritten(qtbot, window, answers, example_db):
    from models import editing
    from models.grants import Grant
    from tests.views.test_grant_page import _go_to_grants
    from tests.views.test_grant_page import _select as select_grant

    page = _go_to_grants(qtbot, window)
    select_grant(qtbot, page, "MinaGroup")
    grant_id = page.record.id
    _as_colleague(example_db, "anne", lambda: editing.update(Grant, grant_id, {"amount_dkk": 123_000}))
    _type_into(qtbot, page.amount_edit, "50.000")
    error = page.findChild(type(page.heading), "amount_dkk_error")
    assert error.isVisible() and "ændret af anne" in error.text()
    assert Grant.get_by_id(grant_id).amount_dkk == 123_000  # anne's value is not lost
    assert page.amount_edit.text() == "123.000"  # the form shows the stored value
    _type_into(qtbot, page.amount_edit, "50.000")  # seen it: saved now
    assert Grant.get_by_id(grant_id).amount_dkk == 50_000


def test_the_reports_settings_and_sections_a_colleague_saved_since_are_not_overwritten(
    qtbot, window, answers, example_db
):
    from models import editing
    from models.report_texts import ReportSection, ReportYear
    from tests.views.test_report_texts_page import _choose
    from tests.views.test_report_texts_page import _go as go_to_texts

    page = go_to_texts(qtbot, window)
    _choose(page, "Forside")
    report_year = ReportYear.get(ReportYear.year == 2018)
    _as_colleague(example_db, "anne", lambda: editing.update(ReportYear, report_year.id, {"national_registered": 290}))
    edit = page.settings_panel.findChild(type(page.number_edit), "national_registered")
    _type_into(qtbot, edit, "300")
    assert ReportYear.get_by_id(report_year.id).national_registered == 290
    assert edit.text() == "290"
    assert any("ændret af anne" in label.text() for label in page.settings_panel.findChildren(type(page.heading)))

    _choose(page, "6.8 ")
    section = ReportSection.get(ReportSection.number == "6.8")
    _as_colleague(example_db, "anne", lambda: editing.update(ReportSection, section.id, {"title": "Annes titel"}))
    _type_into(qtbot, page.title_edit, "Min titel")
    assert ReportSection.get_by_id(section.id).title == "Annes titel"
    assert page.title_edit.text() == "Annes titel"


def test_an_agreement_and_its_evaluation_a_colleague_saved_since_are_not_overwritten(
    qtbot, window, answers, example_db
):
    from models import editing
    from models.agreements import Agreement, Evaluation, EvaluationOutcome
    from tests.views.test_agreement_page import _go as go_to_agreements
    from tests.views.test_agreement_page import _outcome_row, _select_agreement

    page = go_to_agreements(qtbot, window)
    _select_agreement(page, 1)
    form = page.agreement_form
    agreement_id, evaluation_id = form.record.id, page.evaluation.id
    _as_colleague(example_db, "anne", lambda: editing.update(Agreement, agreement_id, {"target_group": "Annes"}))
    _type_into(qtbot, form.target_group_edit, "Mine")
    assert Agreement.get_by_id(agreement_id).target_group == "Annes"
    assert form.target_group_edit.text() == "Annes"

    _as_colleague(example_db, "anne", lambda: editing.update(Evaluation, evaluation_id, {"places_in_use": 7}))
    _type_into(qtbot, page.count_edits["places_in_use"], "6")
    assert Evaluation.get_by_id(evaluation_id).places_in_use == 7
    assert page.count_edits["places_in_use"].text() == "7"

    row = next(r for r in page.outcomes.rows if r.outcome_id is not None)
    _as_colleague(example_db, "anne", lambda: editing.update(EvaluationOutcome, row.outcome_id, {"count": 99}))
    errors = []
    page.outcomes.error_occurred.connect(errors.append)
    assert not page.outcomes.setData(page.outcomes.index(_outcome_row(page, row.name), 1), "1")
    assert any("ændret af anne" in text for text in errors)
    assert EvaluationOutcome.get_by_id(row.outcome_id).count == 99
