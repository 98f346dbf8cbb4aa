"""One program at a time on a database: a lock file beside it (Qt's QLockFile, which recognises and clears
the stale lock a crashed process leaves behind)."""

import contextlib
import os
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


def _lines(path: Path) -> list[str]:
    """The lines Qt writes: process number, program name, host, machine id, boot id."""
    try:
        return path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def _owner(path: Path) -> tuple[int, str] | None:
    """The process number and host written in a lock file, or None if the file is empty or garbled (a power
    loss while it was written, a number that is no process number)."""
    lines = _lines(path)
    first = lines[0].strip() if lines else ""
    if not (first.isascii() and first.isdigit() and len(first) <= 10):
        return None
    return int(first), (lines[2].strip() if len(lines) > 2 else "")


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def _program_of(pid: int) -> str | None:
    """The program file's name of a running process (as Qt writes it in its lock), or None if unknown."""
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe"))
    except (OSError, ValueError):
        return None


def _left_before(lines: list[str], pid: int) -> bool:
    """True if the lock was written before this machine's last start (another boot id), or the process with
    its number now runs another program: after a reboot the number may belong to anything."""
    boot = _boot_id()
    if boot and len(lines) > 4 and lines[4].strip() and lines[4].strip() != boot:
        return True
    if pid == os.getpid():  # this process takes the lock once: a lock naming it is from before a reboot
        return True
    program = _program_of(pid)
    return bool(program and len(lines) > 1 and lines[1].strip() and program != lines[1].strip())


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
    return not process_alive(pid) or _left_before(_lines(path), pid)


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
        if path.is_dir() or path.is_symlink():
            raise DatabaseInUse(
                _("Låsefilen {path} er en mappe eller en genvej; flyt den væk, og prøv igen.").format(path=path)
            )
        if lock.error() == QLockFile.LockError.LockFailedError:
            owner = _owner(path)
            pid, host = owner if owner else ("?", "")
            raise DatabaseInUse(
                _(
                    "Databasen {name} er allerede åben i et andet vindue eller en anden kommando (proces {pid} på "
                    "{host}). Luk det først."
                ).format(name=database.name, pid=pid, host=host or "?")
            )
        if not database.parent.is_dir():
            raise DatabaseInUse(_("Mappen {folder} findes ikke.").format(folder=database.parent))
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
