"""Long work off the GUI thread: a task runs a function in a QThread, reports progress through signals,
and can be cancelled; the function never touches a widget (it gets a progress callback only)."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal

from models.base import database_proxy
from models.errors import StoreError
from models.i18n import _
from models.report_blocks import Cancelled


def _unexpected(error: BaseException) -> str:
    """Log a bug met in a task; return the Danish message for the user."""
    from desktop.error_log import write_log

    try:
        path = write_log(error)
    except Exception:  # noqa: BLE001 - logging must not be what keeps the task from ending
        return _("Der skete en uventet fejl. Intet er gemt.")
    return _(
        "Der skete en uventet fejl. Intet er gemt, og dine data er i behold.\n\nEn beskrivelse til fejlfinding "
        "er skrevet i {path}."
    ).format(path=path)


class _Worker(QObject):
    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, function: Callable, task: "BackgroundTask") -> None:
        super().__init__()
        self.function = function
        self.task = task

    def run(self) -> None:
        def progress(percent: int, text: str) -> None:
            if self.task.cancel_requested:
                raise Cancelled
            self.progressed.emit(percent, text)

        bound = database_proxy.obj  # the store may be closed or replaced meanwhile: close this thread's link to it
        try:
            result = self.function(progress)
        except Cancelled:
            self.cancelled.emit()
        except StoreError as error:
            self.failed.emit(str(error))
        except BaseException as error:  # noqa: BLE001 - a bug must still end the task, or the dialog waits for ever
            self.failed.emit(_unexpected(error))
        else:
            self.succeeded.emit(result)
        finally:
            for db in {id(d): d for d in (bound, database_proxy.obj) if d is not None}.values():
                db.close()  # this thread's connection only; peewee keeps one per thread
            # ended here, not through a queued signal: a GUI thread that waits for the task (a window
            # closing) cannot deliver one, and would wait out the whole timeout
            self.task.thread.quit()


class BackgroundTask(QObject):
    """Runs ``function(progress)`` in a thread. Exactly one of succeeded/failed/cancelled is emitted, then
    finished. Keep a reference until finished (a QThread destroyed while running aborts the process)."""

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, function: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = False
        self.thread = QThread()
        self.worker = _Worker(function, self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        for signal in (self.worker.succeeded, self.worker.failed, self.worker.cancelled):
            # directly, in the worker's thread (QThread.quit is thread-safe): queued, it would wait for the GUI
            # thread, which may itself be waiting for this thread (closing the window)
            signal.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.failed.connect(self.failed)
        self.worker.cancelled.connect(self.cancelled)
        self.thread.finished.connect(self.finished)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_requested = True

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self.thread.wait(milliseconds)

    def is_running(self) -> bool:
        return self.thread.isRunning()
