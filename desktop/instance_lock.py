"""One program at a time on a database: a lock file beside it (Qt's QLockFile, which recognises and clears
the stale lock a crashed process leaves behind)."""

import contextlib
import time
from pathlib import Path

from PySide6.QtCore import QLockFile

from models.errors import StoreError
from models.i18n import _

WRITING_GRACE_SECONDS = 5


class DatabaseInUse(StoreError):
    """Another running program has the database open."""


def lock_path(database: Path) -> Path:
    """The lock beside the real file: a database reached through a symbolic link shares its lock."""
    database = Path(database).resolve()
    return database.with_name(database.name + ".lock")


def _owner(path: Path) -> tuple[int, str] | None:
    """The process number and host written in a lock file, or None if the file is empty or garbled (a power
    loss while it was written)."""
    try:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    return int(lines[0].strip()), (lines[2].strip() if len(lines) > 2 else "")


def _is_stale(path: Path) -> bool:
    """A lock that names no live process on this machine is stale, whatever else it holds. A lock taken on
    another machine (a shared folder) is respected."""
    from PySide6.QtCore import QSysInfo

    from models.backups import process_alive

    owner = _owner(path)
    if owner is None:
        # empty or garbled: stale, unless it is so new that its owner may still be writing it
        try:
            return time.time() - path.stat().st_mtime > WRITING_GRACE_SECONDS
        except OSError:
            return False
    pid, host = owner
    if pid <= 0:
        return True
    if host and host != QSysInfo.machineHostName():
        return False
    return not process_alive(pid)


def acquire(database: Path) -> QLockFile:
    """Take the database's lock or raise ``DatabaseInUse`` with a Danish message. Keep the returned object
    for as long as the database is open; ``unlock()`` it when done."""
    database = Path(database).resolve()
    path = lock_path(database)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, however old it is
    locked = lock.tryLock(200)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError and _is_stale(path):
        # Qt never calls an unreadable lock file stale: remove it ourselves, then try once more
        try:
            path.unlink()
        except OSError:
            pass
        locked = lock.tryLock(200)
    if not locked:
        if lock.error() == QLockFile.LockError.LockFailedError:
            owner = _owner(path)
            pid, host = owner if owner else ("?", "")
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
