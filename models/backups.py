"""Backups of the store, made with SQLite's online backup API (never a file copy of a live database), kept
in a rotating set beside the data: the newest of each of the last 14 days and of the last 12 months, plus
the backups made before a migration, an import or a restore."""

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
    """Backups live beside the data, in a folder of their own."""
    return database.parent / f"{database.stem}-sikkerhedskopier"


def list_backups(database: Path) -> list[Backup]:
    """The backups of ``database``, newest first."""
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
    database = Path(database)
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
    temporary = target.with_suffix(".tmp")
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
    months, and every backup made before a migration, import or restore within those months; delete the
    rest. Returns what was deleted."""
    backups = list_backups(database)
    now = now or dt.datetime.now()
    keep: set[Path] = {b.path for b in backups if b.made >= now - dt.timedelta(days=2)}
    days: dict[dt.date, Path] = {}
    months: dict[tuple[int, int], Path] = {}
    for backup in backups:  # newest first
        days.setdefault(backup.made.date(), backup.path)
        months.setdefault((backup.made.year, backup.made.month), backup.path)
    keep |= set(list(days.values())[:KEEP_DAILY])
    recent_months = list(months)[:KEEP_MONTHLY]
    keep |= {months[m] for m in recent_months}
    keep |= {
        b.path
        for b in backups
        if b.reason in ("migration", "import", "restore") and (b.made.year, b.made.month) in recent_months
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


def restore_backup(database: Path, backup: Path) -> Path:
    """Replace the store's contents with ``backup`` (checked first); the current state is backed up before.
    The database must be closed by the caller. Returns the backup made of the current state."""
    backup = Path(backup)
    try:
        check = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.Error as error:
        raise StoreError(
            _("{name} er ikke en brugbar sikkerhedskopi: {reason}").format(name=backup.name, reason=error)
        ) from error
    if not ok:
        raise StoreError(_("{name} er beskadiget og kan ikke gendannes.").format(name=backup.name))
    # not pruned now: the backup being restored may be one that the rotation would let go
    before = make_backup(database, "restore", prune_after=False) if Path(database).exists() else None
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        target = sqlite3.connect(database)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    except sqlite3.Error as error:
        raise StoreError(_("Gendannelsen mislykkedes: {reason}. Databasen er uændret.").format(reason=error)) from error
    prune(database)
    return before


def copy_database(source: Path, target: Path) -> None:
    """Copy a database with the online backup API to a new place (which must not hold a database yet)."""
    if target.exists():
        raise StoreError(_("Der ligger allerede en database i {path}.").format(path=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
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
