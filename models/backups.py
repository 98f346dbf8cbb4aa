"""Backups of the store, made with SQLite's online backup API (never a file copy of a live database), kept
in a rotating set beside the data: the newest of each of the last 14 days and of the last 12 months, plus
the backups made before a migration or an import, and the newest few made before a restore.

A backup is checked before it is offered or restored (``verify_backup``): an SQLite file of ours, of a
schema this version knows, that passes SQLite's quick check. A damaged database is never backed up or
written to: it is moved aside untouched (``move_aside``) before a backup takes its place.
"""

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.database_checks import (  # noqa: F401 - verify_backup and reason_text are used from here too
    contents_problem,
    damage_description,
    display_name,
    readable,
    reason_text,
    verify,
    verify_backup,
)
from models.errors import StoreError
from models.i18n import _

KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_BEFORE_RESTORE = 3
DAMAGED_MARK = "beskadiget"
# a temporary file carries the number of the process writing it, so an orphan can be told from work in progress
# (exactly the names ``_temporary_name`` gives, and the journal SQLite keeps beside one: nothing else is deleted)
_TEMPORARY = re.compile(
    r"^(?P<stem>.+?)(?:-\d{8}-\d{6}(?:-\d+)?-(?:daily|manual|migration|import|restore)(?:\.(?P<pid>[0-9]{1,10}))?"
    r"|\.(?P<pid2>[0-9]{1,10}))\.tmp(?:-journal)?$"
)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z]+)\.sqlite$")
REASONS = {
    "daily": _("daglig"),
    "manual": _("manuel"),
    "migration": _("før opdatering"),
    "import": _("før import"),
    "restore": _("før gendannelse"),
}


# what a prune after a successful backup or restore could not delete (shown as a note, never a failure)
last_prune_problem: str | None = None


@dataclass(frozen=True)
class Backup:
    path: Path
    made: dt.datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def backup_folder(database: Path) -> Path:
    """Backups live beside the data, in a folder of their own (beside the real file, if ``database`` is a
    symbolic link, so that every way of reaching the file shares one set of backups)."""
    database = Path(database).resolve()
    return database.parent / f"{database.stem}-sikkerhedskopier"


def _temporary_name(target: Path) -> Path:
    return target.with_name(f"{target.stem}.{os.getpid()}.tmp")


def process_alive(pid: int) -> bool:
    """True if a process with this number runs on this machine."""
    if not 0 < pid < 2**31:  # a garbled number names no process (os.kill would raise OverflowError)
        return False
    if os.name == "nt":  # pragma: no cover - Windows only; os.kill(pid, 0) would end the process there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans(database: Path) -> list[Path]:
    """Delete the temporary files that a killed backup, migration or move left beside the data or in the
    backup folder (those of a process still running are left alone). Returns what was deleted."""
    database = Path(database).resolve()
    removed = []
    for folder in (database.parent, backup_folder(database)):
        if not folder.is_dir():
            continue
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            match = _TEMPORARY.match(path.name)
            if not match or match.group("stem") != database.stem:
                continue
            pid = match.group("pid") or match.group("pid2")
            if pid is not None and (int(pid) == os.getpid() or process_alive(int(pid))):
                continue
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def list_backups(database: Path) -> list[Backup]:
    """The backups of ``database``, newest first."""
    database = Path(database).resolve()
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if not match or match.group("stem") != database.stem:
            continue
        stamp = match.group("stamp")
        try:  # a name that is not a real time, a dangling link, a loop: not a backup, and never a reason to stop
            made = dt.datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        number = int(stamp[16:]) if len(stamp) > 15 else 1
        found.append((made, number, Backup(path=path, made=made, reason=match.group("reason"), size=size)))
    # two backups in one second: "-2" is newer than none, "-10" newer than "-2"
    return [backup for _made, _number, backup in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


class BackupCancelled(Exception):
    """The backup was given up (``cancelled`` turned true): no copy was made, nothing is left behind."""


def make_backup(
    database: Path,
    reason: str = "manual",
    *,
    now: dt.datetime | None = None,
    prune_after: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Copy ``database`` with the online backup API into the backup folder; return the new file's path.
    The copy is written under a temporary name, checked (a database of ours, undamaged, every text readable)
    and renamed when complete. A file that is not a sound database of ours is refused, and no folder made.
    With ``cancelled`` (true when the backup is to be given up: the window is closing) the copy stops within
    milliseconds and raises ``BackupCancelled``."""
    from models.store import read_uri

    database = Path(database).resolve()
    if not database.exists():
        raise StoreError(_("Der er ingen database at tage sikkerhedskopi af: {path}").format(path=database))
    if not database.is_file():
        raise StoreError(_("{path} er ikke en databasefil; der er ikke taget en sikkerhedskopi.").format(path=database))
    problem = _file_problem(database)
    if problem:
        raise StoreError(problem)
    folder = backup_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _("Mappen til sikkerhedskopier kan ikke oprettes: {reason}").format(reason=reason_text(error))
        ) from error
    now = now or dt.datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{database.stem}-{stamp}-{number}-{reason}.sqlite"
    temporary = _temporary_name(target)
    done = False
    try:
        source = sqlite3.connect(read_uri(database), uri=True)
        try:
            copy = sqlite3.connect(temporary)
            try:
                if cancelled is None:
                    source.backup(copy)
                else:

                    def give_up(*_pages) -> None:
                        if cancelled():
                            raise BackupCancelled

                    source.backup(copy, pages=256, progress=give_up)  # a megabyte at a time
                    copy.set_progress_handler(lambda: 1 if cancelled() else 0, 1000)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable read-only
                problem = contents_problem(copy, check_personal_data=False)
                if cancelled is not None and cancelled():
                    raise BackupCancelled
            finally:
                copy.close()
        finally:
            source.close()
        if problem:
            raise StoreError(
                _("Databasen {path} kan ikke sikkerhedskopieres: {problem}").format(path=database, problem=problem)
            )
        os.replace(temporary, target)
        done = True
    except (sqlite3.Error, ValueError) as error:
        from models.store import is_damage

        if cancelled is not None and cancelled():
            raise BackupCancelled from error  # the check of the copy was interrupted

        if is_damage(error) or "not a database" in str(error).lower():
            raise StoreError(_damaged_text(database)) from error
        raise StoreError(_("Sikkerhedskopien kunne ikke laves: {reason}").format(reason=error)) from error
    except OSError as error:
        raise StoreError(_("Sikkerhedskopien kunne ikke gemmes: {reason}").format(reason=reason_text(error))) from error
    finally:
        if not done:  # also after Ctrl+C: no half-written copy is left behind
            for leftover in (temporary, Path(str(temporary) + "-journal")):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass
    if prune_after:
        _prune_quietly(database, now)
    return target


def _damaged_text(database: Path) -> str:
    return _(
        "Databasen {path} er beskadiget; der er ikke taget en sikkerhedskopi. Gendan en af de tidligere "
        "sikkerhedskopier (socialokonomi restore FIL)."
    ).format(path=database)


def _file_problem(database: Path) -> str | None:
    """Why the file at ``database`` cannot be backed up (empty, not an SQLite file, a damaged header), or
    None. The contents are checked on the copy."""
    from models.store import SQLITE_HEADER, header_problem

    try:
        with database.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return _("Databasen {path} kan ikke læses: {reason}").format(path=database, reason=reason_text(error))
    if not header:
        return _("Databasen {path} er beskadiget (filen er tom, 0 byte); der er ikke taget en sikkerhedskopi.").format(
            path=database
        )
    if header[: len(SQLITE_HEADER)] == SQLITE_HEADER and not header_problem(header):
        return None
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER and not list_backups(database):
        return _("Filen {path} er ikke en database fra Socialøkonomi; der er ikke taget en sikkerhedskopi.").format(
            path=database
        )
    return _damaged_text(database)  # a damaged header, or a file with backups beside it no longer SQLite


def _prune_quietly(database: Path, now: dt.datetime | None = None) -> None:
    """Prune after a backup or restore that succeeded: a file that cannot be deleted is a note, not a failure."""
    global last_prune_problem
    last_prune_problem = None
    try:
        prune(database, now=now)
    except (OSError, StoreError) as error:
        last_prune_problem = _(
            "Gamle sikkerhedskopier kunne ikke ryddes op ({reason}); det, du bad om, er gjort."
        ).format(reason=reason_text(error))


def prune(database: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Keep every backup of the last two days, the newest of each of the last 14 days and of the last 12
    months, every backup made before a migration or import within those months, and the newest
    ``KEEP_BEFORE_RESTORE`` made before a restore; delete the rest. Returns what was deleted."""
    backups = list_backups(database)
    now = now or dt.datetime.now()
    before_restore = [b.path for b in backups if b.reason == "restore"][:KEEP_BEFORE_RESTORE]
    keep: set[Path] = {b.path for b in backups if b.made >= now - dt.timedelta(days=2) and b.reason != "restore"}
    keep |= set(before_restore)
    days: dict[dt.date, Path] = {}
    months: dict[tuple[int, int], Path] = {}
    for backup in backups:  # newest first
        days.setdefault(backup.made.date(), backup.path)
        months.setdefault((backup.made.year, backup.made.month), backup.path)
    keep |= set(list(days.values())[:KEEP_DAILY])
    recent_months = list(months)[:KEEP_MONTHLY]
    keep |= {months[m] for m in recent_months}
    keep |= {
        b.path for b in backups if b.reason in ("migration", "import") and (b.made.year, b.made.month) in recent_months
    }
    deleted = []
    problem = None
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink(missing_ok=True)
            except OSError as error:
                problem = problem or error
                continue
            deleted.append(backup.path)
    if problem is not None:
        raise problem
    return deleted


def daily_backup_due(database: Path, today: dt.date | None = None) -> bool:
    """True at the first start of a day: no backup made today yet."""
    today = today or dt.date.today()
    return database.exists() and not any(b.made.date() == today for b in list_backups(database))


def usable_backups(database: Path) -> tuple[list[Backup], list[tuple[Backup, str]]]:
    """The backups of ``database`` that pass ``verify_backup``, newest first, and those that do not, each
    with the reason."""
    good, bad = [], []
    for backup in list_backups(database):
        try:
            verify_backup(backup.path)
        except StoreError as error:
            bad.append((backup, str(error)))
        else:
            good.append(backup)
    return good, bad


def move_aside(database: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Rename ``database`` (with its -wal and -shm files) to "<name>-beskadiget-<time>", untouched, and
    return its new path; None if there was nothing to move."""
    database = Path(database).resolve()
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.stem}-{DAMAGED_MARK}-{stamp}{database.suffix}")
    number = 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{database.stem}-{DAMAGED_MARK}-{stamp}-{number}{database.suffix}")
    moved = None
    try:
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(database) + suffix)
            if source.exists():
                os.replace(source, Path(str(aside) + suffix))
                moved = moved or aside
    except OSError as error:
        raise StoreError(
            _("Den beskadigede database kan ikke flyttes til side: {reason}. Intet er gendannet.").format(
                reason=error.strerror or error
            )
        ) from error
    return moved


def damaged_files(database: Path) -> list[Path]:
    """Files that a damaged ``database`` was moved aside to, newest first."""
    database = Path(database).resolve()
    pattern = f"{database.stem}-{DAMAGED_MARK}-*{database.suffix}"
    return sorted(database.parent.glob(pattern), reverse=True)


def is_damaged(database: Path) -> bool:
    """True if the file at ``database`` cannot be read as a sound database of ours (so it cannot be backed
    up and is moved aside instead): empty, its header gone or damaged, failing SQLite's quick check, of
    another program, or a text in it unreadable. Reads only."""
    from models.store import SQLITE_HEADER, file_uri, header_problem, is_damage

    try:
        with database.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False  # unreadable for another reason (permissions): not for us to move
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER or header_problem(header):
        return True
    try:
        check = sqlite3.connect(file_uri(database, "mode=ro&immutable=1"), uri=True)
        try:
            return contents_problem(check, check_personal_data=False) is not None
        finally:
            check.close()
    except (sqlite3.Error, ValueError) as error:
        return is_damage(error) or "not a database" in str(error).lower()


def restore_backup(database: Path, backup: Path) -> Path | None:
    """Replace the store's contents with ``backup``, which is checked first (nothing is touched if it is not
    usable). The current state is backed up before; a file that cannot be backed up (damaged) is moved
    aside untouched instead. The database must be closed by the caller. Returns the backup made of the
    current state, or where the damaged file was moved, or None if there was no database."""
    database, backup = Path(database).resolve(), Path(backup)
    with readable(backup) as source_uri:
        verify(backup, source_uri)
        if backup.resolve() == database:
            raise StoreError(_("{name} er selve databasen, ikke en sikkerhedskopi.").format(name=display_name(backup)))
        before = None
        if database.exists() and is_damaged(database):
            before = move_aside(database)  # a damaged file cannot be backed up: keep it untouched instead
        elif database.exists():
            # not pruned now: the backup being restored may be one that the rotation would let go
            before = make_backup(database, "restore", prune_after=False)
        try:
            source = sqlite3.connect(source_uri, uri=True)
            target = sqlite3.connect(database)
            try:
                source.backup(target)
                _record_restore(target, backup)
            finally:
                target.close()
                source.close()
        except sqlite3.Error as error:
            if before is not None and DAMAGED_MARK in before.name:
                raise StoreError(
                    _("Gendannelsen mislykkedes: {reason}. Den beskadigede database ligger urørt i {path}.").format(
                        reason=error, path=before
                    )
                ) from error
            raise StoreError(
                _("Gendannelsen mislykkedes: {reason}. Databasen er uændret.").format(reason=error)
            ) from error
    _prune_quietly(database)
    return before


def _record_restore(connection: sqlite3.Connection, backup: Path) -> None:
    """One entry in the restored database's audit trail: which backup replaced the data, when and by whom
    (the file name with any CPR-like number masked)."""
    import datetime as dt

    from models.history import current_user
    from models.personal_data import mask_cpr

    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_entry'").fetchone():
        return  # a backup from before the audit trail existed: it gets one when it is migrated
    from models.base import new_uid

    values = {
        "at": dt.datetime.now().isoformat(" "),
        "user": current_user(),
        "action": "restore-backup",
        "model": "",
        "record": mask_cpr(display_name(backup))[:300],
        "field": "",
        "uid": new_uid(),
    }
    columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_entry)")}
    values = {name: value for name, value in values.items() if name in columns}  # an older backup's schema
    with connection:
        connection.execute(
            f"INSERT INTO audit_entry ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )


def copy_database(source: Path, target: Path) -> None:
    """Copy a database with the online backup API to a new place (which must not hold a database yet)."""
    if target.exists():
        raise StoreError(_("Der ligger allerede en database i {path}.").format(path=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(target)
    try:
        origin = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(temporary)
        try:
            origin.backup(copy)
        finally:
            copy.close()
            origin.close()
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(_("Databasen kunne ikke flyttes: {reason}").format(reason=error)) from error
