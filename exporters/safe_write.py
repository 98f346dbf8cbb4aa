"""Writing an export safely: to a temporary file beside the target, then renamed over it only when complete,
so a failure never leaves a half-written file and never touches the previous one."""

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.errors import ExportError
from models.i18n import _


def lock_file_of(path: Path) -> Path | None:
    """The lock file Word ("~$name", or "~$" over the first two letters of a long name) or LibreOffice
    (".~lock.name#") keeps beside a document it has open."""
    names = {"~$" + path.name, "~$" + path.name[2:], f".~lock.{path.name}#"}
    for candidate in (path.with_name(name) for name in sorted(names)):
        if candidate.exists():
            return candidate
    return None


def check_target(path: Path) -> None:
    """Raise ``ExportError`` with a Danish message if ``path`` cannot be written now."""
    path = Path(path).absolute()  # a relative --output names its folder in full, not as "."
    if path.is_dir():
        raise ExportError(_("{path} er en mappe. Vælg et filnavn.").format(path=path))
    if not path.parent.is_dir():
        raise ExportError(_("Mappen {folder} findes ikke.").format(folder=path.parent))
    if not os.access(path.parent, os.W_OK):
        raise ExportError(_("Der kan ikke skrives i mappen {folder}. Vælg en anden mappe.").format(folder=path.parent))
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(_("Filen {path} er skrivebeskyttet. Vælg et andet filnavn.").format(path=path))
    if path.exists() and lock_file_of(path) is not None:
        raise ExportError(
            _("Filen {name} er åben i et andet program (Word, Excel eller LibreOffice). Luk den og prøv igen.").format(
                name=path.name
            )
        )


def _message(error: OSError, path: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):  # EFBIG: over the drive's file size limit
        return _("Der er ikke plads på disken til {name}. Intet er skrevet.").format(name=path.name)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return _(
            "Filen {name} kan ikke overskrives; den er måske åben i et andet program. Luk den og prøv igen."
        ).format(name=path.name)
    if error.errno == errno.EROFS:
        return _("Drevet med {name} er skrivebeskyttet.").format(name=path.name)
    return _("{name} kunne ikke skrives: {reason}").format(name=path.name, reason=error.strerror or error)


def _mode_for(target: Path) -> int:
    """The previous file's permissions, or what a new file gets under the user's umask (mkstemp makes 0600)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# ".<stem>.<process>.<mkstemp's 8 characters><suffix>.tmp"
_TEMPORARY = re.compile(r"^\.(?P<stem>.*)\.(?P<pid>\d+)\.[a-z0-9_]{8}(?P<suffix>\.[A-Za-z0-9]+)\.tmp$")


def remove_orphans(folder: Path, *, name: str | None = None) -> list[Path]:
    """Delete the temporary files that a killed export left in ``folder`` (only ``name``'s, if given); those
    of a process still running are left alone. Returns what was deleted."""
    from models.backups import process_alive

    removed = []
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        match = _TEMPORARY.match(path.name)
        if not match or (name is not None and match.group("stem") + match.group("suffix") != name):
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() or process_alive(pid):
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)``, then move the finished file to ``path``. Raises ``ExportError`` with a
    Danish message for what the user can fix; the target is untouched on any failure. A temporary file
    that an earlier, killed export of the same file left behind is removed first."""
    target = Path(path)
    check_target(target)
    remove_orphans(target.parent, name=target.name)
    try:
        # the process number in the name tells an orphan from another program's export in progress
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.stem}.{os.getpid()}.", suffix=target.suffix + ".tmp", dir=target.parent
        )
        os.close(handle)
    except OSError as error:
        raise ExportError(_message(error, target)) from error
    temp_path = Path(temporary)
    try:
        write(temp_path)
        with temp_path.open("rb") as written:
            os.fsync(written.fileno())
        os.chmod(temp_path, _mode_for(target))
        os.replace(temp_path, target)
    except OSError as error:
        temp_path.unlink(missing_ok=True)
        raise ExportError(_message(error, target)) from error
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return target
