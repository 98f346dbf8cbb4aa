"""The start's check after the window's first paint (issue 16): SQLite's quick check of the whole file and the
daily backup on a background thread (models/start_checks.py), the window read-only until the check has passed,
and a damaged file met then handled as at the start (desktop/app.py ``_offer_backup``)."""

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from models.errors import DamagedDatabaseError, StoreError
from models.i18n import _

UNPAINTED_CHECK_MS = 1500  # the check begins after the first paint, or after this long without one


def _start_checks_task(path: Path, parent):
    """The check and the daily backup as a background task whose result says what the check found:
    ``("passed", notes)``, ``("damaged", message)`` or ``("unreadable", message)``. Closing the window
    cancels it within milliseconds, even in the middle of the check."""
    from desktop.tasks import BackgroundTask
    from models.errors import DatabaseOpenError
    from models.report_blocks import Cancelled
    from models.start_checks import CheckCancelled, start_checks

    def run_checks(progress):
        try:
            return "passed", start_checks(path, progress, cancelled=lambda: task.cancel_requested)
        except CheckCancelled:
            raise Cancelled from None
        except DamagedDatabaseError as error:
            return "damaged", str(error)
        except DatabaseOpenError as error:
            return "unreadable", str(error)

    task = BackgroundTask(run_checks, parent)
    return task


def check_after_first_paint(window, path: Path, notes: tuple[str, ...] | list[str] = ()) -> None:
    """Run the integrity check and the daily backup after the window's first paint, on a background thread.
    Until the check has passed the store is read-only (an edit is refused with a message) and the status bar
    says so; a damaged file is handled as at the start (the newest usable backup offered, the file moved
    aside, the restored file checked in turn), and without a backup the window closes after saying why.
    A check that cannot read the file, or fails for another reason, leaves the window read-only and says so.
    What the start had to say (``notes``) is said again once the check has passed."""
    from models.base import database_proxy

    db = database_proxy.obj
    if db is None or db.read_only or isinstance(path, str):
        return  # a read-only file was checked as it opened; a server checks itself
    db.read_only = db.checking = True
    checking = _("Databasen kontrolleres. Indtil kontrollen er færdig, kan du se, men ikke ændre.")
    earlier = [note for note in notes if note]
    window.statusBar().showMessage(checking)

    def gone() -> bool:  # closed meanwhile: nothing more is shown, started or changed
        return getattr(window, "closed", False)

    def passed(_percent: int, text: str) -> None:
        if gone() or database_proxy.obj is not db:
            return
        db.read_only = db.checking = False
        window.check_passed()
        if window.statusBar().currentMessage() == checking:
            window.statusBar().showMessage(" ".join(earlier) or text, 30000 if earlier else 5000)
        window.warn_about_synced_folder()  # never a move of a file that has not passed its check

    def still_read_only(message: str) -> None:
        QMessageBox.warning(window, _("Databasen kunne ikke kontrolleres"), message)
        window.statusBar().showMessage(_("Databasen kunne ikke kontrolleres; du kan se, men ikke ændre."))

    def ended(result) -> None:
        if gone() or database_proxy.obj is not db:
            return
        found, said = result
        if found == "passed":
            if said:
                window.statusBar().showMessage(" ".join(earlier + said), 30000)
        elif found == "unreadable":
            still_read_only(said)
        else:
            damaged(said)

    def damaged(message: str) -> None:
        from desktop.app import _offer_backup
        from models.store import close_database, open_database

        figures = getattr(window, "figures_task", None)
        if figures is not None:
            figures.wait()  # its reading connection closed before the file is moved aside (Windows keeps it)
        close_database()
        failed_restore = False
        try:
            note = _offer_backup(path, message)
        except StoreError as error:  # the restore failed: the message says where the damaged file lies
            note, message, failed_restore = None, str(error), True
        if gone():
            return
        if note is not None:
            try:
                open_database(path, check=False)
            except StoreError as error:
                note, message, failed_restore = None, str(error), True
        if note is None:
            if failed_restore:  # else the offer has said it already (no usable backup, or the user said no)
                QMessageBox.critical(window, _("Databasen kan ikke åbnes"), message)
            window.exit_code = 2  # as a start refused before the window: the file cannot be used
            window.close()
            return
        window.data_replaced()
        check_after_first_paint(window, path, [note])  # the restored file is checked and backed up in turn

    def failed(message: str) -> None:  # a bug in the check (logged): say so, and stay read-only
        if not gone() and database_proxy.obj is db:
            still_read_only(message)

    def start() -> None:  # the task's code too is loaded after the paint
        if gone() or window.start_check is not None and window.start_check.check_of is db:
            return  # closed, or started already
        task = _start_checks_task(path, window)
        task.check_of = db
        window.start_check = task
        task.progressed.connect(passed)
        task.succeeded.connect(ended)
        task.failed.connect(failed)
        task.start()

    window.after_first_paint(start)
    # a window that is not painted (started minimized, on another desktop) is not left read-only for ever
    QTimer.singleShot(UNPAINTED_CHECK_MS, window, start)
