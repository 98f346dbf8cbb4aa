"""Årsrapport-tekster: "Opret en tom årsrapport" gives the standard structure to write in, not a bare year."""

from PySide6.QtCore import Qt

from models.enterprises import EnterpriseText
from models.report_texts import ReportSection, ReportYear

CTRL = Qt.KeyboardModifier.ControlModifier


def test_create_an_empty_report_year_gives_the_standard_structure(qtbot, window):
    qtbot.keyClick(window, "0", CTRL)
    page = window.report_texts
    window.year_box.setCurrentIndex(window.year_box.findData(2021))
    assert page.stack.currentWidget() is page.empty_panel
    assert "tom årsrapport" in page.create_button.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    created = ReportYear.get(ReportYear.year == 2021)
    numbers = [s.number for s in created.sections.order_by(ReportSection.position)]
    assert numbers[:3] == ["1", "2", "2.1"] and "6.3" in numbers and numbers[-1] == "7"
    assert created.municipality == "Slagelse Kommune"  # the municipality's own names are taken over
    assert created.foreword.startswith("[Pladsholder]")
    assert EnterpriseText.select().where(EnterpriseText.year == 2021).count() > 0
    assert page.stack.currentWidget() is not page.empty_panel
    labels = [page.parts.item(i).text() for i in range(page.parts.count())]
    assert any(label.startswith("2.1") for label in labels)
