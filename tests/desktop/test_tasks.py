"""Background tasks: whatever happens inside, the task ends, the GUI thread hears of it, and a bug is logged."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import error_log
from desktop.tasks import BackgroundTask


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = tmp_path / "log" / "socialokonomi.log"
    monkeypatch.setattr(error_log, "log_file", lambda: path)
    return path


def _boom(progress):
    progress(10, "Begynder")
    return {}["findes ikke"]


def test_a_bug_in_a_task_reaches_the_gui_thread_is_logged_and_ends_the_task(qtbot, log):
    task = BackgroundTask(_boom)
    failures = []
    task.failed.connect(failures.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert task.wait(5000) and not task.is_running()
    assert len(failures) == 1 and "uventet fejl" in failures[0] and str(log) in failures[0]
    assert "KeyError" in log.read_text(encoding="utf-8") and "findes ikke" in log.read_text(encoding="utf-8")


def test_an_export_that_meets_a_bug_closes_its_progress_dialog_and_says_so(
    qtbot, example_db, db_path, tmp_path, log, monkeypatch
):
    from desktop.main_window import MainWindow
    from views import messages

    shown = []
    monkeypatch.setattr(messages, "error", lambda _parent, title, text: shown.append((title, text)))
    window = MainWindow(database_path=db_path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    task = window.start_export(
        _boom, output=Path(tmp_path / "x.xlsx"), title="Eksport", working="Arbejder", done="Færdig", open_label="Åbn"
    )
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)
    assert not task.is_running()
    assert not window.progress_dialog.isVisible()
    assert shown and shown[0][0] == "Filen blev ikke gemt" and "uventet fejl" in shown[0][1]
    assert not (tmp_path / "x.xlsx").exists()
    window.close()  # returns at once: no thread left running


def test_a_bug_in_a_command_is_logged_not_shown_as_a_traceback(log, monkeypatch, capsys):
    from desktop import cli

    monkeypatch.setitem(cli.COMMANDS, "status", lambda args: {}["findes ikke"])
    assert cli.main(["status", "--year", "2018"]) == 1
    captured = capsys.readouterr()
    assert "uventet fejl" in captured.err and str(log) in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "KeyError" in log.read_text(encoding="utf-8")


def test_an_os_error_in_a_command_is_a_danish_message_with_exit_code_2(monkeypatch, capsys):
    from desktop import cli

    def denied(args):
        raise PermissionError(13, "Permission denied", "/et/sted/data.sqlite")

    monkeypatch.setitem(cli.COMMANDS, "status", denied)
    assert cli.main(["status", "--year", "2018"]) == 2
    err = capsys.readouterr().err
    assert "kan ikke bruges (/et/sted/data.sqlite)" in err and "Traceback" not in err
