"""One measurement in a fresh process, so start-up and peak memory are those of a real start:

    python -m benchmarks.probe floor                       a bare PySide6 window with one table
    python -m benchmarks.probe app DB                      the application's main window on DB
    python -m benchmarks.probe export-report DB YEAR OUT   the Word report
    python -m benchmarks.probe export-jobs DB DATE OUT     the Excel job status

Prints one line: ``<milliseconds> <peak memory in MB>``; for the windows, milliseconds from the start of the
interpreter's own code to the first paint of the window (the caller adds the process start it measured).
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


def _until_painted(window) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Painted(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                _report((time.perf_counter() - START) * 1000)
                QTimer.singleShot(0, QApplication.instance().quit)
            return False

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
    from pathlib import Path

    from PySide6.QtCore import QSettings

    from desktop.app import make_application, open_store
    from desktop.main_window import MainWindow
    from models.server_address import is_server_address

    application = make_application()
    path = database if is_server_address(database) else Path(database)
    open_store(path)
    settings = QSettings(
        os.environ.get("SOCIALOKONOMI_BENCH_SETTINGS", "/tmp/socialokonomi-bench.ini"), QSettings.Format.IniFormat
    )
    window = MainWindow(database_path=path, settings=settings)
    _until_painted(window)
    del application


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
    else:
        export(command, *sys.argv[2:5])
