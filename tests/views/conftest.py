"""A main window on a private example database, and a stand-in for modal questions."""

import pytest
from PySide6.QtCore import QSettings

from desktop.main_window import MainWindow
from views import messages


class Answers:
    """Replaces views.messages: records every question and answers from a queue (default: no)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.queue: list[bool] = []
        self.problem_lines: list[str] = []

    def finished(self, _parent, title, text, *, details, open_label) -> bool:
        self.asked.append(f"{title}: {text} {details}")
        return self.queue.pop(0) if self.queue else False

    def problems(self, _parent, title, summary, lines) -> None:
        self.asked.append(f"{title}: {summary} " + "\n".join(lines))
        self.problem_lines = lines

    def confirm(self, _parent, title, text, *, yes, no) -> bool:
        self.asked.append(f"{title}: {text}")
        return self.queue.pop(0) if self.queue else False


@pytest.fixture
def answers(monkeypatch):
    stand_in = Answers()
    monkeypatch.setattr(messages, "confirm", stand_in.confirm)
    monkeypatch.setattr(messages, "info", lambda *_args: stand_in.asked.append("info"))
    monkeypatch.setattr(messages, "error", lambda _parent, title, text: stand_in.asked.append(f"{title}: {text}"))
    monkeypatch.setattr(messages, "finished", stand_in.finished)
    monkeypatch.setattr(messages, "problems", stand_in.problems)
    return stand_in


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_window(qtbot, db_path, settings) -> MainWindow:
    window = MainWindow(database_path=db_path, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def window(qtbot, example_db, db_path, settings, answers):
    return open_window(qtbot, db_path, settings)
