"""Aftaler og evalueringer driven as a person would; the store checked after each step."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)

CTRL = Qt.KeyboardModifier.ControlModifier


def _go(qtbot, window):
    qtbot.keyClick(window, "4", CTRL)
    assert window.current_area == "agreements"
    return window.agreements


def _select_agreement(page, number: int) -> None:
    row = [a.number for a in page.agreements.records].index(number)
    page.agreement_view.setCurrentIndex(page.agreements.index(row, 0))


def _outcome_row(page, name: str) -> int:
    return [r.name for r in page.outcomes.rows].index(name)


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_live_figures_and_the_warning_of_the_example(qtbot, window):
    page = _go(qtbot, window)
    _select_agreement(page, 1)
    text = page.live.text().replace("\u00a0", " ")
    assert "Afsluttede:</b> 25" in text and "Gode udfald:</b> 10" in text and "40 %" in text
    assert not page.warning.isVisible()
    _select_agreement(page, 2)
    assert "64,7" in page.live.text() and "Udfald i alt:</b> 36" in page.live.text()
    assert page.warning.isVisible() and "summer til 36" in page.warning.text()


def test_editing_the_grid_updates_the_store_and_the_figures(qtbot, window):
    page = _go(qtbot, window)
    _select_agreement(page, 2)
    evaluation = page.evaluation.id
    row = _outcome_row(page, "Afventer rehabiliteringsteam")
    index = page.outcomes.index(row, 1)
    page.outcome_view.setCurrentIndex(index)
    page.outcome_view.setFocus()
    qtbot.keyClicks(page.outcome_view, "5")
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    category = OutcomeCategory.get(OutcomeCategory.name == "Afventer rehabiliteringsteam")
    qtbot.waitUntil(lambda: EvaluationOutcome.get(evaluation=evaluation, category=category).count == 5)
    assert not page.warning.isVisible()  # 34 = 34 now
    assert not page.outcomes.setData(page.outcomes.index(row, 1), "mange")
    assert page.outcome_error.text()
    assert page.outcomes.setData(page.outcomes.index(_outcome_row(page, "Jobsøgende"), 1), "2")
    assert "Udfald i alt:</b> 36" in page.live.text() and page.warning.isVisible()


def test_counts_and_answers_are_stored(qtbot, window):
    page = _go(qtbot, window)
    _select_agreement(page, 1)
    evaluation_id = page.evaluation.id
    _type_into(qtbot, page.count_edits["places_in_use"], "mange")
    assert Evaluation.get_by_id(evaluation_id).places_in_use == 4
    _type_into(qtbot, page.count_edits["places_in_use"], "6")
    assert Evaluation.get_by_id(evaluation_id).places_in_use == 6
    edit = page.answers_box.findChild(QPlainTextEdit, "answer:0")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Alle 8 forløb er i brug.")
    page.date_edit.setFocus()
    first = (
        EvaluationAnswer.select()
        .join(ParadigmQuestion)
        .where((EvaluationAnswer.evaluation == evaluation_id) & (ParadigmQuestion.position == 0))
        .get()
    )
    assert first.answer == "Alle 8 forløb er i brug."


def test_new_agreement_and_evaluation_then_delete_and_undo(qtbot, window, answers):
    page = _go(qtbot, window)
    page.new_agreement()
    created = Agreement.get(Agreement.number == 3)
    assert page.agreement.id == created.id
    places = page.agreement_form.edits["places"]
    places.setFocus()
    places.selectAll()
    qtbot.keyClicks(places, "10")
    qtbot.keyClick(places, Qt.Key.Key_Return)
    assert Agreement.get_by_id(created.id).places == 10
    page.new_evaluation()
    evaluation = Evaluation.get(Evaluation.agreement == created)
    assert evaluation.paradigm == Paradigm.select().order_by(Paradigm.version.desc()).first()
    _type_into(qtbot, page.date_edit, "15.5.2018")
    assert Evaluation.get_by_id(evaluation.id).date == dt.date(2018, 5, 15)
    answers.queue.append(True)
    page.delete_agreement()
    assert Agreement.get_or_none(Agreement.id == created.id) is None
    assert "1 evalueringer" in answers.asked[-1]
    window.action_undo.trigger()
    assert Evaluation.get_by_id(evaluation.id).agreement_id == created.id


def test_comparison_shows_the_agreements_side_by_side(qtbot, window):
    page = _go(qtbot, window)
    Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
    page.reload()
    qtbot.keyClick(page.tabBar(), Qt.Key.Key_Right)  # to the Sammenligning tab
    assert page.currentWidget() is page.comparison_tab
    rows = page.comparison.rows
    assert rows[0][0] == "1: VeteranHaven" and rows[0][3] == "25" and rows[0][4] == "10"
    assert rows[0][5].replace("\u00a0", " ") == "40 %" and rows[0][7].replace("\u00a0", " ") == "40.000 kr."
    assert rows[1][0] == "2: Sumak" and rows[1][3] == "34" and "64,7" in rows[1][5] and rows[1][7] == "–"


def test_a_paradigm_in_use_is_locked_and_a_new_version_can_change(qtbot, window):
    page = _go(qtbot, window).paradigm_tab
    window.agreements.setCurrentIndex(2)
    old = Paradigm.get()
    index = page.categories.index(0, 1)
    assert not page.categories.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert "kan derfor ikke ændres" in page.paradigm_note.text()
    qtbot.mouseClick(page.new_version_button, Qt.MouseButton.LeftButton)
    new = Paradigm.select().order_by(Paradigm.version.desc()).first()
    assert new.version == 2 and page.paradigm_box.currentData() == new.id
    row = [c.name for c in page.categories.records].index("Jobsøgende")
    assert page.categories.setData(
        page.categories.index(row, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert OutcomeCategory.get(paradigm=new, name="Jobsøgende").is_good
    assert not OutcomeCategory.get(paradigm=old, name="Jobsøgende").is_good


def test_a_warning_on_the_overview_opens_its_own_agreement(qtbot, window):
    import re

    window.show_area("overview")
    overview = window.overview
    qtbot.waitUntil(lambda: overview.warnings.text() != "")
    link = re.search(r'href="([^"]+)"', overview.warnings.text()).group(1)
    overview.warnings.linkActivated.emit(link)  # what a click on the warning does
    page = window.agreements
    assert window.current_area == "agreements"
    assert page.agreement.number == 2  # the warning is about aftale 2 (its outcomes add up to 36, not 34)
    assert page.warning.isVisible() and "summer til 36" in page.warning.text()


def test_price_period_and_target_group_are_edited_in_the_form_beside_the_list(qtbot, window):
    page = _go(qtbot, window)
    _select_agreement(page, 1)
    form = page.agreement_form
    agreement_id = form.record.id
    _type_into(qtbot, form.price_edit, "400000")
    _type_into(qtbot, form.edits["start"], "1.2.2018")
    _type_into(qtbot, form.edits["end"], "31.1.2019")
    _type_into(qtbot, form.target_group_edit, "Veteraner")
    stored = Agreement.get_by_id(agreement_id)
    assert (stored.price_dkk, stored.start, stored.end, stored.target_group) == (
        400_000,
        dt.date(2018, 2, 1),
        dt.date(2019, 1, 31),
        "Veteraner",
    )
    assert form.edits["start"].text() == "01.02.2018"
    assert page.agreements.index(0, 3).data() == "400.000"  # the list row follows
    assert page.agreements.index(0, 1).data() == "VeteranHaven"
    assert form.enterprise_box.currentText() == "VeteranHaven"
    assert Agreement.get_by_id(agreement_id).enterprise.name == "VeteranHaven"


def test_switching_agreements_asks_before_throwing_invalid_typing_away(qtbot, window, answers):
    page = _go(qtbot, window)
    _select_agreement(page, 1)
    form = page.agreement_form
    first = form.record.id
    _type_into(qtbot, form.edits["places"], "otte")
    assert form.binder.invalid_fields()
    _select_agreement(page, 2)
    assert "Ugyldig værdi" in answers.asked[-1]  # answered "Bliv"
    assert page.agreement.id == first and form.edits["places"].text() == "otte"
    answers.queue.append(True)
    _select_agreement(page, 2)
    assert page.agreement.number == 2 and not form.binder.invalid_fields()
