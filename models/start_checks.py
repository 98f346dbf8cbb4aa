"""What a start of the window runs after its first paint, off the GUI thread: SQLite's quick check of the
whole file (a read of every page: about 0.2 s at national size) and, at the first start of a day, the daily
backup. Neither touches the bound store: each opens its own connection, so the window can read meanwhile."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from models.errors import DamagedDatabaseError, DatabaseOpenError, StoreError
from models.i18n import _


class CheckCancelled(Exception):
    """The check was given up (the window closed during it): nothing is known about the file."""


def check_database(path: Path, cancelled: Callable[[], bool] | None = None) -> None:
    """Raise ``DamagedDatabaseError`` (with the store's Danish message) unless the file passes the quick check;
    another problem reading it (locked, unreadable) is a ``DatabaseOpenError``, not damage. With ``cancelled``
    (a function that turns true when the check is to be given up) the check stops within milliseconds and
    raises ``CheckCancelled``."""
    from models.store import _describe, is_damage

    path = Path(path)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if cancelled is not None:
                connection.set_progress_handler(lambda: 1 if cancelled() else 0, 1000)
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if cancelled is not None and cancelled() and "interrupt" in str(error).lower():
            raise CheckCancelled from error
        if is_damage(error):
            raise DamagedDatabaseError(_describe(error, path)) from error
        raise DatabaseOpenError(_describe(error, path)) from error
    if rows != [("ok",)]:
        raise DamagedDatabaseError(_describe(sqlite3.DatabaseError("database disk image is malformed"), path))


def start_checks(path: Path, progress=None, cancelled: Callable[[], bool] | None = None) -> list[str]:
    """The check, then the day's first backup (never of a file that failed its check). ``progress(50, ...)``
    says the check has passed, before the backup is made. Returns notes for the status bar; raises
    ``DamagedDatabaseError`` (the file is damaged), ``DatabaseOpenError`` (it could not be read) or
    ``CheckCancelled``."""
    from models.backups import daily_backup_due, make_backup

    check_database(path, cancelled)
    if progress is not None:
        progress(50, _("Databasen er kontrolleret."))
    from models.indexes import ensure_indexes_in_file

    ensure_indexes_in_file(Path(path))  # what a file made before an index was declared lacks (once)
    notes = []
    if (cancelled is None or not cancelled()) and daily_backup_due(Path(path)):
        from models.backups import BackupCancelled

        try:
            make_backup(Path(path), "daily", cancelled=cancelled)
        except BackupCancelled:
            raise CheckCancelled from None  # the window is closing: no backup today yet, nothing left behind
        except StoreError as error:
            notes.append(_("Dagens sikkerhedskopi kunne ikke laves: {error}").format(error=error))
        else:
            from models import backups

            if backups.last_prune_problem:
                notes.append(backups.last_prune_problem)
    return notes
