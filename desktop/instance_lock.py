"""One program at a time on a database: a lock file beside it (Qt's QLockFile, which recognises and clears
the stale lock a crashed process leaves behind)."""

import contextlib
from pathlib import Path

from PySide6.QtCore import QLockFile

from models.errors import StoreError
from models.i18n import _


class DatabaseInUse(StoreError):
    """Another running program has the database open."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def acquire(database: Path) -> QLockFile:
    """Take the database's lock or raise ``DatabaseInUse`` with a Danish message. Keep the returned object
    for as long as the database is open; ``unlock()`` it when done."""
    lock = QLockFile(str(lock_path(database)))
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, however old it is
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            info = lock.getLockInfo()  # (pid, host, app), with a leading success flag in some versions
            pid, host = info[-3], info[-2]
            raise DatabaseInUse(
                _(
                    "Databasen {name} er allerede åben i et andet vindue (proces {pid} på {host}). Luk det først."
                ).format(name=database.name, pid=pid, host=host or "?")
            )
        raise DatabaseInUse(
            _("Låsefilen ved {name} kan ikke oprettes; mappen er måske skrivebeskyttet.").format(name=database.name)
        )
    return lock


@contextlib.contextmanager
def database_lock(database: Path):
    lock = acquire(database)
    try:
        yield lock
    finally:
        lock.unlock()
