"""What a start of the window runs after its first paint, off the GUI thread: SQLite's quick check of the
whole file (a read of every page: about 0.2 s at national size) and, at the first start of a day, the daily
backup. Neither touches the bound store: each opens its own connection, so the window can read meanwhile."""

import sqlite3
from pathlib import Path

from models.errors import DamagedDatabaseError, StoreError
from models.i18n import _


def check_database(path: Path) -> None:
    """Raise ``DamagedDatabaseError`` (with the store's Danish message) unless the file passes the quick check."""
    from models.store import _describe

    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(_describe(error, Path(path))) from error
    if rows != [("ok",)]:
        raise DamagedDatabaseError(_describe(sqlite3.DatabaseError("database disk image is malformed"), Path(path)))


def start_checks(path: Path, progress=None) -> list[str]:
    """The check, then the day's first backup (never of a file that failed its check). ``progress(50, ...)``
    says the check has passed, before the backup is made. Returns notes for the status bar; raises
    ``DamagedDatabaseError``."""
    from models.backups import daily_backup_due, make_backup

    check_database(path)
    if progress is not None:
        progress(50, _("Databasen er kontrolleret."))
    from models.indexes import ensure_indexes_in_file

    ensure_indexes_in_file(Path(path))  # what a file made before an index was declared lacks (once)
    notes = []
    if daily_backup_due(Path(path)):
        try:
            make_backup(Path(path), "daily")
        except StoreError as error:
            notes.append(_("Dagens sikkerhedskopi kunne ikke laves: {error}").format(error=error))
    return notes
