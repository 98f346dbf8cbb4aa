"""Ansættelser driven as a person would: keyboard entry in the new row, pasting from Excel, the running
count against the target, editing and deleting; the store checked after each step."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from models.enterprises import Enterprise
from models.placements import JobPlacement
from views import messages

CTRL = Qt.KeyboardModifier.ControlModifier


def _go(qtbot, window):
    qtbot.keyClick(window, "5", CTRL)
    assert window.current_area == "placements"
    return window.placements


def _count_2018() -> int:
    return JobPlacement.select().where(JobPlacement.date.year == 2018).count()


def _total(page, name: str) -> str:
    return page.counts_box.findChild(QLabel, name).text()


def test_a_new_row_with_the_keyboard_alone(qtbot, window):
    page = _go(qtbot, window)
    before = _count_2018()
    assert "<b>35</b>" == _total(page, "jobcenterTotal")
    qtbot.keyClick(window, "n", CTRL)
    assert page.table.currentIndex().row() == page.model.rowCount() - 1
    qtbot.keyClicks(page.table, "1")  # typing starts editing the date cell ...
    qtbot.keyClicks(QApplication.focusWidget(), ".7.2018")  # ... and goes on in its editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == 1)
    enterprise_editor = QApplication.focusWidget()
    qtbot.keyClicks(enterprise_editor, "Suma")  # type-ahead completes "Sumak"
    qtbot.keyClick(enterprise_editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == 2)
    type_editor = QApplication.focusWidget()
    qtbot.keyClicks(type_editor, "Del")  # picks Deltidsjob
    qtbot.keyClick(type_editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _count_2018() == before + 1)
    added = JobPlacement.select().order_by(JobPlacement.id.desc()).first()
    assert (added.date, added.enterprise.name, added.type.name, added.channel) == (
        dt.date(2018, 7, 1),
        "Sumak",
        "Deltidsjob",
        "jobcenter",
    )
    qtbot.waitUntil(lambda: _total(page, "jobcenterTotal") == "<b>36</b>")  # counted once the typing is stored
    assert "36 af årets mål på 30" in page.target_label.text()


def test_pasting_ten_rows_adds_ten(qtbot, window):
    page = _go(qtbot, window)
    before = _count_2018()
    names = [e.name for e in Enterprise.select().order_by(Enterprise.report_order).limit(10)]
    text = (
        "\n".join(
            f"{day}.8.2018\t{name}\tFleksjob\tJobcenteret\t{10 + day},5" for day, name in enumerate(names, start=1)
        )
        + "\n"
    )
    QGuiApplication.clipboard().setText(text)
    page.table.setFocus()
    qtbot.keyClick(page.table, "v", CTRL)
    assert _count_2018() == before + 10
    window.action_undo.trigger()  # one step for the whole paste
    assert _count_2018() == before


def test_a_bad_row_is_named_and_the_good_rows_kept(qtbot, window, answers):
    page = _go(qtbot, window)
    before = _count_2018()
    rows = [f"{day}.9.2018\tSumak\tFleksjob\tJobcenteret" for day in range(1, 11)]
    rows[6] = "7.9.2018\tSumak\tPraktik\tJobcenteret"
    page.paste("\n".join(rows))
    assert _count_2018() == before + 9
    assert "Række 7, type" in answers.asked[-1] and "Praktik" in answers.asked[-1]
    assert "9 ansættelser er indsat" in answers.asked[-1]


def test_edit_delete_and_a_refused_value(qtbot, window, answers):
    page = _go(qtbot, window)
    model = page.model
    first = model.rows[0].id
    assert not model.setData(model.index(0, 0), "31.2.2018")
    assert "findes ikke" in page.error.text()
    assert not model.setData(model.index(0, 0), "1.1.2019")
    assert "ligger ikke i 2018" in page.error.text()
    assert model.setData(model.index(0, 4), "7,5")
    assert float(JobPlacement.get_by_id(first).hours_per_week) == 7.5
    answers.queue.append(True)
    page.table.setCurrentIndex(model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert JobPlacement.get_or_none(JobPlacement.id == first) is None


def test_no_field_for_a_citizens_name():
    from models.placements import JobPlacement as Model

    fields = set(Model._meta.fields)
    assert not fields & {"name", "citizen", "cpr", "person"}


def test_a_paste_with_hundreds_of_bad_rows_stays_within_the_screen(qtbot, window, answers):
    """500 pasted rows of which 270 are bad: the good ones are stored; the message and the red line under the
    table name the first problems and how many more there are (all of them in the message's details), and the
    window never grows taller than a 768-pixel screen."""
    page = _go(qtbot, window)
    window.resize(1366, 700)
    before = _count_2018()
    rows = [
        f"{1 + n % 28}.{1 + n % 12}.2018\tSumak\t{'Praktik' if n % 50 < 27 else 'Fleksjob'}\tJobcenteret"
        for n in range(500)
    ]
    QGuiApplication.clipboard().setText("\n".join(rows))
    page.table.setFocus()
    qtbot.keyClick(page.table, "v", CTRL)
    assert _count_2018() == before + 230
    assert len(answers.problem_lines) == 270 and "Række 1, type" in answers.problem_lines[0]
    assert "… og 267 flere" in page.error.text() and page.error.text().count("\n") == 3
    assert window.minimumSizeHint().height() < 768 and window.height() < 768
    assert "… og 260 flere" in messages.first_lines(answers.problem_lines)


def test_the_paste_message_box_keeps_its_details_scrollable(qtbot):
    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen["text"], seen["details"] = box.text(), box.detailedText()
        box.accept()

    seen: dict[str, str] = {}
    QTimer.singleShot(0, read_and_close)
    messages.problems(
        None, "Nogle rækker blev ikke indsat", "2 ansættelser er indsat.", [f"Række {n}" for n in range(40)]
    )
    assert seen["text"].count("\n") < 15 and "… og 30 flere" in seen["text"]
    assert seen["details"].count("\n") == 39


def test_a_half_typed_new_row_is_kept_or_asked_about_when_the_year_changes(qtbot, window, answers):
    page = _go(qtbot, window)
    qtbot.keyClick(window, "n", CTRL)
    qtbot.keyClicks(page.table, "1")
    qtbot.keyClicks(QApplication.focusWidget(), ".7.2018")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == 1)
    qtbot.keyClicks(QApplication.focusWidget(), "Suma")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == 2)
    new_row = page.model.rowCount() - 1
    assert page.model.index(new_row, 1).data() == "Sumak"

    answers.queue.append(False)  # Bliv
    window.year_box.setFocus()
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert "ny ansættelse" in answers.asked[-1] and window.year == 2018
    assert page.model.index(new_row, 1).data() == "Sumak"

    answers.queue.append(True)  # Kassér
    qtbot.keyClick(window.year_box, Qt.Key.Key_Down)
    assert window.year == 2019 and not page.pending_invalid()
