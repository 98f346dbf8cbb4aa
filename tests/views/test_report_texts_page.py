"""Årsrapport-tekster driven as a person would: edit texts with a live preview, insert fields, settings,
sections, stories, and "Opret næste år"."""

from PySide6.QtCore import Qt

from models.enterprises import EnterpriseText
from models.report_texts import ReportSection, ReportYear, Story

CTRL = Qt.KeyboardModifier.ControlModifier


def _go(qtbot, window):
    qtbot.keyClick(window, "0", CTRL)
    assert window.current_area == "report_texts"
    return window.report_texts


def _choose(page, label_start: str) -> None:
    labels = [page.parts.item(i).text() for i in range(page.parts.count())]
    page.parts.setCurrentRow(next(i for i, t in enumerate(labels) if t.startswith(label_start)))


def test_section_text_edit_with_field_and_preview(qtbot, window):
    page = _go(qtbot, window)
    _choose(page, "6.8 ")
    assert "ansat 35 personer" in page.preview.toPlainText()
    assert "Beslutning i BIU" in page.preview.toPlainText()
    body = page.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Samlet: ")
    action = next(a for a in page.insert_button.menu().actions() if a.text().endswith("{{job_egne_kanaler}}"))
    action.trigger()
    qtbot.waitUntil(lambda: "Samlet: 29" in page.preview.toPlainText())
    page.title_edit.setFocus()  # leaving the text stores it
    section = ReportSection.get(ReportSection.number == "6.8")
    assert section.body.endswith("Samlet: {{job_egne_kanaler}}")


def test_foreword_and_settings(qtbot, window):
    page = _go(qtbot, window)
    _choose(page, "Forord")
    assert not page.number_edit.isVisible() and page.body_edit.toPlainText().startswith("I 2017 vedtog")
    _choose(page, "Forside")
    edit = page.settings_panel.findChild(type(page.number_edit), "national_registered")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "mange")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ReportYear.get(ReportYear.year == 2018).national_registered == 283
    edit.selectAll()
    qtbot.keyClicks(edit, "300")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ReportYear.get(ReportYear.year == 2018).national_registered == 300


def test_add_and_delete_a_section_with_undo(qtbot, window, answers):
    page = _go(qtbot, window)
    before = ReportSection.select().count()
    qtbot.mouseClick(page.add_section_button, Qt.MouseButton.LeftButton)
    assert ReportSection.select().count() == before + 1
    new = ReportSection.select().order_by(ReportSection.id.desc()).first()
    assert new.number == "8" and page.section.id == new.id
    qtbot.keyClicks(page.title_edit, "Perspektiver")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert ReportSection.get_by_id(new.id).title == "Perspektiver"  # typed over the selected "Nyt afsnit"
    answers.queue.append(True)
    qtbot.mouseClick(page.remove_section_button, Qt.MouseButton.LeftButton)
    assert ReportSection.get_or_none(ReportSection.id == new.id) is None
    window.action_undo.trigger()
    assert ReportSection.get_by_id(new.id).title == "Perspektiver"


def test_stories_can_be_added_and_removed(qtbot, window):
    page = _go(qtbot, window)
    _choose(page, "Positive historier")
    before = Story.select().count()
    qtbot.mouseClick(page.stories.add_button, Qt.MouseButton.LeftButton)
    assert Story.select().count() == before + 1
    model = page.stories.model
    assert model.setData(model.index(model.rowCount() - 1, 0), "Ny café åbnet i Korsør")
    assert Story.select().order_by(Story.id.desc()).first().text == "Ny café åbnet i Korsør"


def test_create_next_year_switches_to_it(qtbot, window):
    page = _go(qtbot, window)
    assert page.next_year_button.isVisible()
    qtbot.mouseClick(page.next_year_button, Qt.MouseButton.LeftButton)
    target = ReportYear.get(ReportYear.year == 2019)
    assert not target.revised
    assert window.year == 2019 and page.year == 2019
    assert not page.revised_box.isChecked()
    assert EnterpriseText.select().where(EnterpriseText.year == 2019).count() == 20
    qtbot.mouseClick(page.revised_box, Qt.MouseButton.LeftButton)
    assert ReportYear.get(ReportYear.year == 2019).revised


def test_a_year_without_texts_offers_to_start_one(qtbot, window):
    page = _go(qtbot, window)
    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    assert page.stack.currentWidget() is page.empty_panel
    assert "Opret 2019 ud fra 2018" == page.create_button.text()
    window.year_box.setCurrentIndex(window.year_box.findData(2021))
    assert "tom årsrapport" in page.create_button.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert ReportYear.get(ReportYear.year == 2021).title == "Den Socialøkonomiske Årsrapport"
