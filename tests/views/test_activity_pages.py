"""CSR-samarbejder, Netværk, Progression and Mål driven as a person would; the store checked after each step."""

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.activities import Goal, NetworkMeeting, NetworkTheme, Partnership, ProgressionCase, ProgressionStep

CTRL = Qt.KeyboardModifier.ControlModifier


def _go(qtbot, window, key: str, area: str):
    qtbot.keyClick(window, key, CTRL)
    assert window.current_area == area
    return window.page_for[area]


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Type into a cell as a person would: select it, type (which opens the editor), press Enter."""
    index = table.model.index(row, column)
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    qtbot.keyClicks(table.view, text[0])
    editor = QApplication.focusWidget()
    if hasattr(editor, "selectAll"):
        editor.selectAll()
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_partnerships(qtbot, window, answers):
    page = _go(qtbot, window, "6", "partnerships")
    assert "Startet i 2018: 2" == page.summary.text()
    before = Partnership.select().count()
    qtbot.mouseClick(page.table.add_button, Qt.MouseButton.LeftButton)
    assert Partnership.select().count() == before + 1
    added = Partnership.select().order_by(Partnership.id.desc()).first()
    row = [p.id for p in page.table.model.records].index(added.id)
    _edit_cell(qtbot, page.table, row, 1, "Storebælt Fonden")
    qtbot.waitUntil(lambda: Partnership.get_by_id(added.id).partner_name == "Storebælt Fonden")
    _edit_cell(qtbot, page.table, row, 3, "1.5.2018")
    qtbot.waitUntil(lambda: Partnership.get_by_id(added.id).started == dt.date(2018, 5, 1))
    assert "Startet i 2018: 3" == page.summary.text()
    _edit_cell(qtbot, page.table, row, 4, "1.4.2018")  # ended before started
    qtbot.waitUntil(lambda: "før startdatoen" in page.table.error.text())
    assert Partnership.get_by_id(added.id).ended is None
    answers.queue.append(True)
    page.table.view.setCurrentIndex(page.table.model.index(row, 0))
    qtbot.mouseClick(page.table.remove_button, Qt.MouseButton.LeftButton)
    assert Partnership.get_or_none(Partnership.id == added.id) is None


def test_network_meetings_and_themes(qtbot, window):
    page = _go(qtbot, window, "7", "network")
    assert page.summary.text() == "Afholdt i 2018: 4. Planlagt i 2019: 6."
    assert page.themes.model.rowCount() == 8
    qtbot.mouseClick(page.themes.add_button, Qt.MouseButton.LeftButton)
    assert NetworkTheme.select().where(NetworkTheme.year == 2019).count() == 9
    qtbot.mouseClick(page.meetings.add_button, Qt.MouseButton.LeftButton)
    new = NetworkMeeting.select().order_by(NetworkMeeting.id.desc()).first()
    assert new.status == "held" and new.date.year == 2018
    assert page.summary.text() == "Afholdt i 2018: 5. Planlagt i 2019: 6."
    row = [m.id for m in page.meetings.model.records].index(new.id)
    assert page.meetings.model.setData(page.meetings.model.index(row, 1), "planned")
    assert NetworkMeeting.get_by_id(new.id).status == "planned"


def test_progression_steps_and_effective_hours(qtbot, window):
    page = _go(qtbot, window, "8", "progression")
    assert page.cases.model.records[0].pseudonym == "Victor"
    steps = page.steps.model
    assert [steps.index(r, 3).data() for r in range(steps.rowCount())] == ["3,6", "15"]
    assert not page.chart.pixmap().isNull()
    qtbot.mouseClick(page.steps.add_button, Qt.MouseButton.LeftButton)
    victor = ProgressionCase.get(ProgressionCase.pseudonym == "Victor")
    assert ProgressionStep.select().where(ProgressionStep.case == victor).count() == 3
    new_row = [s.date for s in steps.records].index(dt.date(2018, 12, 31))
    assert steps.setData(steps.index(new_row, 1), "12,5")
    assert steps.setData(steps.index(new_row, 2), "90")
    step = ProgressionStep.select().where(ProgressionStep.date == dt.date(2018, 12, 31)).get()
    assert (step.hours_per_week, step.intensity_pct) == (Decimal("12.5"), 90)
    assert steps.index(new_row, 3).data() == "11,3"  # 12,5 timer x 90 %
    assert not steps.setData(steps.index(new_row, 2), "150")
    assert "mellem 1 og 100" in page.steps.error.text()


def test_goals_measured_from_data_and_by_hand(qtbot, window):
    page = _go(qtbot, window, "9", "goals")
    model = page.table.model
    statuses = {g.short_name: model.index(r, 7).data() for r, g in enumerate(model.records)}
    assert statuses["virksomheder"] == "19 af 25"
    assert statuses["job"] == "35 af 30 – nået"
    assert statuses["aarspris"] == "Nået 15.06.2018"  # a table shows dates as its date cells do
    row = [g.short_name for g in model.records].index("virksomheder")
    assert model.setData(model.index(row, 3), "18")
    assert Goal.get(Goal.short_name == "virksomheder").target == 18
    assert model.index(row, 7).data() == "19 af 18 – nået"
    assert not model.setData(model.index(row, 2), "gæt")
    assert Goal.get(Goal.short_name == "virksomheder").measure == "enterprises_active"


def test_a_meeting_moved_out_of_the_shown_years_is_refused_not_hidden(qtbot, window):
    """A date typed outside 2018–2019 made the meeting vanish under the cursor; it is refused as on Ansættelser."""
    page = _go(qtbot, window, "7", "network")
    first = page.meetings.model.records[0]
    rows = page.meetings.model.rowCount()
    _edit_cell(qtbot, page.meetings, 0, 0, "01.01.2017")
    qtbot.waitUntil(lambda: "ligger ikke i 2018 eller 2019" in page.meetings.error.text())
    assert NetworkMeeting.get_by_id(first.id).date == first.date
    assert page.meetings.model.rowCount() == rows and page.meetings.model.records[0].id == first.id
    _edit_cell(qtbot, page.meetings, 0, 0, "02.01.2019")  # within the shown years: stored
    qtbot.waitUntil(lambda: NetworkMeeting.get_by_id(first.id).date == dt.date(2019, 1, 2))


def test_ctrl_n_adds_in_the_table_with_the_focus(qtbot, window):
    """Ctrl+N was disabled on the pages with «Tilføj …» buttons."""
    page = _go(qtbot, window, "7", "network")
    meetings, themes = NetworkMeeting.select().count(), NetworkTheme.select().count()
    page.themes.view.setFocus()
    qtbot.keyClick(page.themes.view, "n", CTRL)
    assert NetworkTheme.select().count() == themes + 1 and NetworkMeeting.select().count() == meetings
    page.meetings.view.setFocus()
    qtbot.keyClick(page.meetings.view, "n", CTRL)
    assert NetworkMeeting.select().count() == meetings + 1
    progression = _go(qtbot, window, "8", "progression")
    cases = ProgressionCase.select().count()
    qtbot.keyClick(progression, "n", CTRL)
    assert ProgressionCase.select().count() == cases + 1
