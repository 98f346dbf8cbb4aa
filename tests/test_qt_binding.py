"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call until the process aborts
(../shared/PITFALLS.md). This keeps an upgrade from bringing it back unnoticed."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(5000):
        label.setText(str(i))
        label.resize(100 + i % 7, 20)
    after = sys.getrefcount(None)
    # Python 3.12+ makes None immortal with a huge fixed count; on 3.11 a leak shows as a drop of ~10,000.
    assert abs(after - before) < 1000
