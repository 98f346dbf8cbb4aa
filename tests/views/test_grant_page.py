"""The grants page driven as a person would; the store checked after each step."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from models.enterprises import Enterprise
from models.grants import Grant, GrantFunder
from models.report_texts import ReportYear

CTRL = Qt.KeyboardModifier.ControlModifier


def _go_to_grants(qtbot, window):
    qtbot.keyClick(window, "3", CTRL)
    assert window.current_area == "grants"
    return window.grants


def _cells(page, column: int) -> list[str]:
    model = page.table_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _select(qtbot, page, enterprise: str) -> None:
    row = _cells(page, 0).index(enterprise)
    rect = page.table.visualRect(page.table_model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert Grant.get_by_id(page.record.id).enterprise.name == enterprise


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_years_grants_with_their_funders(qtbot, window):
    page = _go_to_grants(qtbot, window)
    assert window.year == 2018
    assert _cells(page, 0) == ["MinaGroup", "Sumak", "VeteranHaven", "Danmarks Busmuseum"]
    assert [c.replace("\u00a0", " ") for c in _cells(page, 2)] == [
        "150.000 kr.",
        "475.000 kr.",
        "412.000 kr.",
        "ca. 650.000 kr.",
    ]
    _select(qtbot, page, "VeteranHaven")
    assert page.funders.rowCount() == 13
    assert (
        page.funders.index(0, 0).data()
        == GrantFunder.select().where(GrantFunder.grant == page.record.id).order_by(GrantFunder.position).first().name
    )
    assert "ca. 1.687.000" in page.total_label.text().replace("\u00a0", " ")


def test_amount_gets_thousands_separators_while_typing(qtbot, window):
    page = _go_to_grants(qtbot, window)
    _select(qtbot, page, "MinaGroup")
    page.amount_edit.setFocus()
    page.amount_edit.selectAll()
    qtbot.keyClicks(page.amount_edit, "1500000")
    assert page.amount_edit.text() == "1.500.000"
    qtbot.keyClick(page.amount_edit, Qt.Key.Key_Return)
    assert Grant.get_by_id(page.record.id).amount_dkk == 1_500_000

    _type_into(qtbot, page.amount_edit, "1.5")
    error = page.findChild(type(page.heading), "amount_dkk_error")
    assert error.isVisible() and "ikke et beløb" in error.text()
    assert Grant.get_by_id(page.record.id).amount_dkk == 1_500_000

    _type_into(qtbot, page.amount_edit, "ca. 200.000")
    grant = Grant.get_by_id(page.record.id)
    assert (grant.amount_dkk, grant.approximate) == (200_000, True)
    assert page.approximate_box.isChecked()
    box = page.approximate_box  # clicked on its check mark: the widget may be wider than its text
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not Grant.get_by_id(page.record.id).approximate


def test_funders_add_edit_remove_and_warning(qtbot, window):
    page = _go_to_grants(qtbot, window)
    _select(qtbot, page, "MinaGroup")
    grant_id = page.record.id
    qtbot.mouseClick(page.add_funder_button, Qt.MouseButton.LeftButton)
    assert GrantFunder.select().where(GrantFunder.grant == grant_id).count() == 2
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Lokal Fond")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop

    def newest():
        return GrantFunder.select().where(GrantFunder.grant == grant_id).order_by(GrantFunder.id.desc()).first()

    qtbot.waitUntil(lambda: newest().name == "Lokal Fond")
    added = newest()

    amount = page.funders.index(1, 2)
    assert page.funders.setData(amount, "50.000")
    assert GrantFunder.get_by_id(added.id).amount_dkk == 50_000
    assert page.funder_warning.isVisible() and "mere end" in page.funder_warning.text()
    assert not page.funders.setData(amount, "-5")
    assert page.funder_error.text()

    page.funders_view.setCurrentIndex(page.funders.index(1, 0))
    qtbot.mouseClick(page.remove_funder_button, Qt.MouseButton.LeftButton)
    assert GrantFunder.get_or_none(GrantFunder.id == added.id) is None
    assert not page.funder_warning.isVisible()


def test_new_grant_delete_and_undo_across_pages(qtbot, window, answers):
    page = _go_to_grants(qtbot, window)
    before = Grant.select().count()
    qtbot.keyClick(window, "n", CTRL)
    assert Grant.select().count() == before + 1
    new_id = page.record.id
    assert Grant.get_by_id(new_id).year == 2018
    _type_into(qtbot, page.amount_edit, "25000")

    qtbot.keyClick(window, "2", CTRL)
    enterprises = window.enterprises
    enterprises.form.place_edit.setFocus()
    enterprises.form.place_edit.selectAll()
    qtbot.keyClicks(enterprises.form.place_edit, "Xby")
    qtbot.keyClick(enterprises.form.place_edit, Qt.Key.Key_Return)
    edited = enterprises.form.enterprise_id
    assert Enterprise.get_by_id(edited).place == "Xby"

    window.action_undo.trigger()
    assert Enterprise.get_by_id(edited).place != "Xby"
    window.action_undo.trigger()
    assert Grant.get_by_id(new_id).amount_dkk is None
    window.action_undo.trigger()
    assert Grant.get_or_none(Grant.id == new_id) is None

    qtbot.keyClick(window, "3", CTRL)
    _select(qtbot, page, "Sumak")
    sumak_grant = page.record.id
    answers.queue.append(True)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "1 bevillingsgivere" in answers.asked[-1]
    assert Grant.get_or_none(Grant.id == sumak_grant) is None
    window.action_undo.trigger()
    assert GrantFunder.select().where(GrantFunder.grant == sumak_grant).count() == 1


def test_the_yearly_counts_are_kept_with_the_report_texts_not_the_grants(qtbot, window):
    """The municipality's yearly contribution (co-signed applications, pool mails) belongs to the report year:
    it is entered once, under Årsrapport-tekster."""
    page = _go_to_grants(qtbot, window)
    assert not hasattr(page, "cosigned_edit")
    window.show_area("report_texts")
    texts = window.report_texts
    cosigned = texts.findChild(QLineEdit, "cosigned_applications")
    pool_mails = texts.findChild(QLineEdit, "pool_mails")
    assert cosigned.text() == "3" and pool_mails.text() == "4"
    _type_into(qtbot, pool_mails, "5")
    assert ReportYear.get(ReportYear.year == 2018).pool_mails == 5
    _type_into(qtbot, pool_mails, "fem")
    assert ReportYear.get(ReportYear.year == 2018).pool_mails == 5


def test_one_enterprises_grants_over_all_years(qtbot, window):
    page = _go_to_grants(qtbot, window)
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    Grant.create(enterprise=sumak, year=2016, amount_dkk=100_000)
    page.filter_box.setCurrentIndex(page.filter_box.findData(sumak.id))
    assert _cells(page, 1) == ["2016", "2018–2019"]


def test_amount_edit_never_moves_a_dot_the_user_typed(qtbot):
    from views.fields import AmountEdit

    edit = AmountEdit()
    qtbot.addWidget(edit)
    for typed, shown in (
        ("1500000", "1.500.000"),
        ("1.5", "1.5"),
        ("150.000", "150.000"),
        ("ca. 650.000", "ca. 650.000"),
        ("0012", "0012"),
    ):
        edit.clear()
        qtbot.keyClicks(edit, typed)
        assert edit.text() == shown, typed
