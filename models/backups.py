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
from dataclasses import dataclass
from pathlib import Path

from models.errors import StoreError
from models.i18n import _

KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_BEFORE_RESTORE = 3
DAMAGED_MARK = "beskadiget"
# a temporary file carries the number of the process writing it, so an orphan can be told from work in progress
_TEMPORARY = re.compile(r"^(?P<stem>.+?)(?:-\d{8}-\d{6}(?:-\d+)?-[a-z]+)?(?:\.(?P<pid>\d+))?\.tmp$")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z]+)\.sqlite$")
REASONS = {
    "daily": _("daglig"),
    "manual": _("manuel"),
    "migration": _("før opdatering"),
    "import": _("før import"),
    "restore": _("før gendannelse"),
}


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
    if pid <= 0:
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
        for path in folder.glob("*.tmp"):
            match = _TEMPORARY.match(path.name)
            if not match or match.group("stem") != database.stem:
                continue
            pid = match.group("pid")
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
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match.group("stem") != database.stem:
            continue
        stamp = match.group("stamp")[:15]
        found.append(
            Backup(
                path=path,
                made=dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S"),
                reason=match.group("reason"),
                size=path.stat().st_size,
            )
        )
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def make_backup(
    database: Path, reason: str = "manual", *, now: dt.datetime | None = None, prune_after: bool = True
) -> Path:
    """Copy ``database`` with the online backup API into the backup folder; return the new file's path.
    The copy is written under a temporary name and renamed when complete, then checked."""
    database = Path(database).resolve()
    if not database.exists():
        raise StoreError(_("Der er ingen database at tage sikkerhedskopi af: {path}").format(path=database))
    folder = backup_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _("Mappen til sikkerhedskopier kan ikke oprettes: {reason}").format(reason=error.strerror or error)
        ) from error
    now = now or dt.datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{database.stem}-{stamp}-{number}-{reason}.sqlite"
    temporary = _temporary_name(target)
    try:
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable read-only
                if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise StoreError(_("Sikkerhedskopien kunne ikke kontrolleres; databasen er måske beskadiget."))
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(temporary, target)
    except sqlite3.Error as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(_("Sikkerhedskopien kunne ikke laves: {reason}").format(reason=error)) from error
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(
            _("Sikkerhedskopien kunne ikke gemmes: {reason}").format(reason=error.strerror or error)
        ) from error
    if prune_after:
        prune(database, now=now)
    return target


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
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def daily_backup_due(database: Path, today: dt.date | None = None) -> bool:
    """True at the first start of a day: no backup made today yet."""
    today = today or dt.date.today()
    return database.exists() and not any(b.made.date() == today for b in list_backups(database))


def verify_backup(backup: Path) -> None:
    """Raise ``StoreError`` with a Danish message unless ``backup`` is a database of ours, of a schema this
    version can open, that passes SQLite's quick check. Reads only."""
    from models.store import APPLICATION_ID, SCHEMA_VERSION, SQLITE_HEADER

    backup = Path(backup)
    try:
        with backup.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(
            _("{name} kan ikke læses: {reason}").format(name=backup.name, reason=error.strerror or error)
        ) from error
    if header != SQLITE_HEADER:
        raise StoreError(_("{name} er ikke en sikkerhedskopi fra Socialøkonomi.").format(name=backup.name))
    try:
        check = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            version = check.execute("PRAGMA user_version").fetchone()[0]
            app_id = check.execute("PRAGMA application_id").fetchone()[0]
            tables = check.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.Error as error:
        if "malformed" in str(error) or "not a database" in str(error):
            raise StoreError(_("{name} er beskadiget og kan ikke gendannes.").format(name=backup.name)) from error
        raise StoreError(
            _("{name} er ikke en brugbar sikkerhedskopi: {reason}").format(name=backup.name, reason=error)
        ) from error
    if not ok:
        raise StoreError(_("{name} er beskadiget og kan ikke gendannes.").format(name=backup.name))
    if app_id != APPLICATION_ID or not tables or version < 1:
        raise StoreError(_("{name} er ikke en sikkerhedskopi fra Socialøkonomi.").format(name=backup.name))
    if version > SCHEMA_VERSION:
        raise StoreError(
            _(
                "{name} er lavet med en nyere udgave af Socialøkonomi (skemaversion {found}); opdatér programmet "
                "før du gendanner den."
            ).format(name=backup.name, found=version)
        )


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
    """True if the file at ``database`` cannot be read as an SQLite database: empty, its header gone, or
    failing SQLite's quick check. Reads only."""
    from models.store import SQLITE_HEADER

    try:
        with database.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return True
    except OSError:
        return False  # unreadable for another reason (permissions): not for us to move
    try:
        check = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return check.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            check.close()
    except sqlite3.DatabaseError as error:
        return "malformed" in str(error) or "not a database" in str(error)


def restore_backup(database: Path, backup: Path) -> Path | None:
    """Replace the store's contents with ``backup``, which is checked first (nothing is touched if it is not
    usable). The current state is backed up before; a file that cannot be backed up (damaged) is moved
    aside untouched instead. The database must be closed by the caller. Returns the backup made of the
    current state, or where the damaged file was moved, or None if there was no database."""
    database, backup = Path(database).resolve(), Path(backup)
    verify_backup(backup)
    if backup.resolve() == database:
        raise StoreError(_("{name} er selve databasen, ikke en sikkerhedskopi.").format(name=backup.name))
    before = None
    if database.exists() and is_damaged(database):
        before = move_aside(database)  # a damaged file cannot be backed up: keep it untouched instead
    elif database.exists():
        # not pruned now: the backup being restored may be one that the rotation would let go
        before = make_backup(database, "restore", prune_after=False)
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
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
        raise StoreError(_("Gendannelsen mislykkedes: {reason}. Databasen er uændret.").format(reason=error)) from error
    prune(database)
    return before


def _record_restore(connection: sqlite3.Connection, backup: Path) -> None:
    """One entry in the restored database's audit trail: which backup replaced the data, when and by whom."""
    import datetime as dt

    from models.history import current_user

    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_entry'").fetchone():
        return  # a backup from before the audit trail existed: it gets one when it is migrated
    from models.base import new_uid

    values = {
        "at": dt.datetime.now().isoformat(" "),
        "user": current_user(),
        "action": "restore-backup",
        "model": "",
        "record": backup.name[:300],
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
