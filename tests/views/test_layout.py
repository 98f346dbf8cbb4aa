"""At 1366×768 (a common municipal laptop) every table of every page shows its columns without sideways
scrolling."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget

from desktop.areas import AREAS


def _tables(page):
    return [t for t in page.findChildren(QAbstractItemView) if t.isVisible() and t.model() is not None]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_table_scrolls_sideways(qtbot, window, size):
    window.resize(*size)
    scrolling = []
    for area in AREAS:
        window.show_area(area.key)
        page = window.page(area.key)
        tabs = range(page.count()) if isinstance(page, QTabWidget) else [None]
        if area.key == "report_texts":  # every part: the settings, the foreword, each section, the lists
            tabs = range(page.parts.count())
        for tab in tabs:
            if area.key == "report_texts":
                page.parts.setCurrentRow(tab)
            elif tab is not None:
                page.setCurrentIndex(tab)
            QApplication.processEvents()
            for table in _tables(page):
                bar = table.horizontalScrollBar()
                if table.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and bar.maximum() > 0:
                    scrolling.append(f"{area.key}/{tab}: {table.objectName() or type(table).__name__}")
    assert scrolling == [], "\n".join(scrolling)
