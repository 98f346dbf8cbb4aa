"""One measurement in a fresh process, so start-up and peak memory are those of a real start:

    python -m benchmarks.probe floor                       a bare PySide6 window with one table
    python -m benchmarks.probe app DB                      the application's main window on DB
    python -m benchmarks.probe export-report DB YEAR OUT   the Word report
    python -m benchmarks.probe export-jobs DB DATE OUT     the Excel job status
    python -m benchmarks.probe cli ARGS...                 a command of the command line (export-data, ...)
    python -m benchmarks.probe phases DB                   where the start-up's time goes, step by step

Prints one line: ``<milliseconds> <peak memory in MB>``; for the windows, milliseconds from the start of the
interpreter's own code to the first paint of the window, then (the application's window only) the
milliseconds from its first paint to the overview's figures, and last the wall-clock time of the first paint
(the caller subtracts the time it launched the process: the application's window stays open after its paint
until the figures are shown).
"""

import os
import resource
import sys
import time

START = time.perf_counter()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(milliseconds: float) -> None:
    print(f"{milliseconds:.1f} {_peak_mb():.1f}", flush=True)


def _until_painted(window, then=None, on_paint=None) -> None:
    """Show ``window`` and report the milliseconds to its first paint; with ``then`` (a function that is true
    once what follows the paint is done) report also the milliseconds from the paint until it is true."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Painted(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                self.painted = time.perf_counter()
                self.painted_at = time.time()  # the caller measures from the launch of the process
                if on_paint is not None:
                    on_paint()
                    QTimer.singleShot(0, QApplication.instance().quit)
                elif then is None:
                    print(f"{(self.painted - START) * 1000:.1f} {_peak_mb():.1f} {self.painted_at:.4f}", flush=True)
                    QTimer.singleShot(0, QApplication.instance().quit)
                else:
                    QTimer.singleShot(1, self.poll)
            return False

        def poll(self) -> None:
            if not then():
                QTimer.singleShot(2, self.poll)
                return
            after = (time.perf_counter() - self.painted) * 1000
            print(f"{(self.painted - START) * 1000:.1f} {_peak_mb():.1f} {after:.1f} {self.painted_at:.4f}", flush=True)
            QApplication.instance().quit()

    watcher = Painted()
    window.installEventFilter(watcher)
    window.show()
    QApplication.instance().exec()


def floor() -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    model = QStandardItemModel(20, 5)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1200, 780)
    _until_painted(window)
    del app


def app(database: str) -> None:
    """The window's own start (desktop/app.py ``start_window``: the lock, the store opened, the window built
    and shown, the check and the daily backup after the first paint), on the overview."""
    from pathlib import Path

    from PySide6.QtCore import QSettings

    from desktop.app import make_application, start_window
    from models.server_address import is_server_address

    application = make_application()
    path = database if is_server_address(database) else Path(database)
    settings = QSettings(
        os.environ.get("SOCIALOKONOMI_BENCH_SETTINGS", "/tmp/socialokonomi-bench.ini"), QSettings.Format.IniFormat
    )
    settings.setValue("window/area", "overview")
    window, lock = start_window(path, settings=settings)
    if window is None:
        raise SystemExit(f"the window did not start on {database}")
    # shown, not yet painted (a paint needs the event loop): the watcher sees the first paint
    _until_painted(window, then=lambda: "enterprises_active" in window.overview.values)
    for task in (window.start_check, getattr(window, "figures_task", None)):  # the check started after the paint
        if task is not None:
            task.wait()
    if lock is not None:
        lock.unlock()
    del application


def phases(database: str) -> None:
    """Where the start-up's time goes: milliseconds from the start of the interpreter's own code to the end of
    each step of a start on the overview, printed one step a line (the profile behind the start-up ratio)."""
    marks = []

    def mark(step: str) -> None:
        marks.append((step, (time.perf_counter() - START) * 1000))

    from PySide6 import QtWidgets  # noqa: F401 - what the bare window imports too

    mark("PySide6 (QtCore, QtGui, QtWidgets) imported: the bare window's imports")
    import desktop.app

    mark("desktop.app imported (peewee, models, the lock and store code)")
    import desktop.main_window  # noqa: F401

    mark("desktop.main_window imported (the window, its menus, the figures, the editor)")
    from pathlib import Path

    from PySide6.QtCore import QSettings

    application = desktop.app.make_application()
    mark("QApplication made (translations, style)")
    settings = QSettings("/tmp/socialokonomi-bench-phases.ini", QSettings.Format.IniFormat)
    settings.setValue("window/area", "overview")
    window, lock = desktop.app.start_window(Path(database), settings=settings)
    mark("start_window returned (lock, store opened, window and overview built)")

    def painted() -> None:
        mark("first paint")
        for step, at in marks:
            print(f"{at:.1f} {step}", flush=True)

    _until_painted(window, then=None, on_paint=painted)
    for task in (window.start_check, getattr(window, "figures_task", None)):  # begun after the paint
        if task is not None:
            task.wait()
    if lock is not None:
        lock.unlock()
    del application


def cli(*args: str) -> None:
    """A command of the command line (its output discarded), timed inside the process."""
    import contextlib

    from desktop.cli import main

    started = time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        code = main(list(args))
    if code != 0:
        raise SystemExit(f"{args[0]} ended with {code}")
    _report((time.perf_counter() - started) * 1000)


def export(kind: str, database: str, when: str, output: str) -> None:
    import datetime as dt
    from pathlib import Path

    from desktop.exports import export_jobs, export_report
    from models.store import open_database

    open_database(database)  # a file path or a server address
    started = time.perf_counter()
    if kind == "export-report":
        export_report(int(when), Path(output))
    else:
        export_jobs(dt.date.fromisoformat(when), Path(output))
    _report((time.perf_counter() - started) * 1000)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = sys.argv[1]
    if command == "floor":
        floor()
    elif command == "app":
        app(sys.argv[2])
    elif command == "phases":
        phases(sys.argv[2])
    elif command == "cli":
        cli(*sys.argv[2:])
    else:
        export(command, *sys.argv[2:5])
