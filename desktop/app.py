"""Starting the window: the Qt application, the Danish locale, the lock, the store (with a daily backup, and
the newest backup offered for a damaged file), and the main window. No traceback ever reaches the user."""

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.error_log import write_log
from models.errors import DamagedDatabaseError, StoreError
from models.i18n import _

ORGANIZATION = "Socialokonomi"
APPLICATION = "Socialokonomi"
log = logging.getLogger("socialokonomi")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Socialøkonomi")
    from desktop.main_window import app_icon

    app.setWindowIcon(app_icon())
    # A bare Linux machine reports the "C" locale; the application is Danish.
    danish = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    QLocale.setDefault(danish)
    # Qt's own texts (standard buttons, the text fields' context menu, file dialogs) in Danish too.
    translator = QTranslator(app)
    if translator.load(danish, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    if getattr(sys, "frozen", False):  # the bundle: Qt has read its paths, the programs it opens must not
        restore_environment_for_children(os.environ)
        if sys.platform == "win32":  # PyInstaller's SetDllDirectory is inherited by child processes too
            import ctypes

            ctypes.windll.kernel32.SetDllDirectoryW(None)
    return app


def restore_environment_for_children(environ) -> None:
    """Undo, in ``environ``, what the bundle's start added for itself (PyInstaller's LD_LIBRARY_PATH and _PYI_*
    variables, packaging/rthook_qt_paths.py's QT_PLUGIN_PATH and PATH): the original value where one was saved
    as NAME_ORIG, else nothing. Programs the application starts (xdg-open, a file manager, Word) would otherwise
    load the bundle's own libraries and Qt plugins."""
    for name in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH", "PATH"):
        original = environ.pop(f"{name}_ORIG", None)
        if original is not None:
            environ[name] = original
        elif name != "PATH":
            environ.pop(name, None)
    for name in [name for name in environ if name.startswith("_PYI_")]:
        del environ[name]


def install_exception_hook() -> None:
    """Expected problems are shown as their Danish message; a bug is logged with its traceback and the user
    is told in plain words where the log is. Never a traceback in a window."""

    def hook(kind, error, trace) -> None:
        if isinstance(error, StoreError):
            QMessageBox.warning(QApplication.activeWindow(), _("Det lykkedes ikke"), str(error))
            return
        damage = _damage_met(error)
        if damage:  # read before the start's check had found it: the check offers the backup
            from models.base import database_proxy

            if getattr(database_proxy.obj, "checking", False):
                log.warning("damage met while the start's check runs: %s", damage)
                return  # the check, reading the file now, says it once, with the backup offer
            QMessageBox.warning(QApplication.activeWindow(), _("Databasen er beskadiget"), damage)
            return
        path = write_log(error)
        QMessageBox.critical(
            QApplication.activeWindow(),
            _("Uventet fejl"),
            _(
                "Der skete en uventet fejl. Dine gemte data er i behold; det, du var i gang med, er måske ikke "
                "gemt.\n\nEn beskrivelse til fejlfinding er skrevet i {path}."
            ).format(path=path),
        )

    sys.excepthook = hook


def _damage_met(error: BaseException) -> str | None:
    """The Danish message for an error of SQLite's that means the open file is damaged, else None."""
    import sqlite3

    import peewee

    from models.store import _describe, database_path, is_damage

    if not isinstance(error, (sqlite3.DatabaseError, peewee.DatabaseError)) or not is_damage(error):
        return None
    return _describe(error, database_path() or Path("?"))


def _when(backup) -> str:
    return backup.made.strftime("%d.%m.%Y %H:%M")


def _ask(title: str, text: str, details: str, *, question: bool) -> bool:
    """A message box (a question with Ja/Nej, or a notice); True if the answer was Ja."""
    box = QMessageBox(
        QMessageBox.Icon.Question if question else QMessageBox.Icon.Critical,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No if question else QMessageBox.StandardButton.Ok,
    )
    box.setObjectName("recovery")
    if details:
        box.setInformativeText(details)
    if question:
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Ja"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Nej"))
    return box.exec() == QMessageBox.StandardButton.Yes


def _offer_backup(path: Path, problem: str, *, missing: bool = False) -> str | None:
    """Tell the user what is wrong with the database and offer the newest backup that passes its check
    (the newer, unusable ones and the older, usable ones are listed). A damaged file is moved aside
    untouched, never written to. Returns a note for the status bar if a backup was restored, else None."""
    from models.backups import damaged_files, restore_backup, usable_backups

    good, bad = usable_backups(path)
    aside = damaged_files(path)
    lines = []
    if bad:
        lines.append(_("Sikkerhedskopier, der ikke kan bruges:"))
        lines += [f"• {_when(b)}: {reason}" for b, reason in bad]
    if len(good) > 1:
        if lines:
            lines.append("")
        lines.append(_("Ældre sikkerhedskopier (kan gendannes bagefter under Filer → Sikkerhedskopier):"))
        lines += [f"• {_when(b)} ({b.reason_label})" for b in good[1:]]
    if missing and aside:
        if lines:
            lines.append("")
        lines.append(_("Den beskadigede fil ligger urørt i {path}.").format(path=aside[0]))
    title = _("Databasen er beskadiget") if not missing else _("Databasen mangler")
    if not good:
        text = problem + "\n\n" + _("Der er ingen brugbar sikkerhedskopi at gendanne.")
        if missing:
            text += " " + _("Der oprettes en ny, tom database i {path}.").format(path=path)
        else:
            text += " " + _("Kontakt den, der hjælper jer med it, og tag filen med.")
        _ask(title, text, "\n".join(lines), question=False)
        return None
    newest = good[0]
    text = (
        problem
        + "\n\n"
        + _("Vil du gendanne den nyeste brugbare sikkerhedskopi fra {date}?").format(date=_when(newest))
    )
    text += " " + (
        _("Vælger du Nej, oprettes en ny, tom database.")
        if missing
        else _("Den beskadigede fil gemmes urørt ved siden af.")
    )
    if not _ask(title, text, "\n".join(lines), question=True):
        return None
    before = restore_backup(path, newest.path)
    note = _("Sikkerhedskopien fra {date} er gendannet.").format(date=_when(newest))
    moved = before if before is not None and before.parent == Path(path).resolve().parent else None
    if moved is not None or aside:
        note += " " + _("Den beskadigede fil er gemt i {path}.").format(path=moved or aside[0])
    from models import backups

    if backups.last_prune_problem:
        note += " " + backups.last_prune_problem
    log.warning("database %s restored from %s", path, newest.path)
    return note


def open_server_store(address: str, *, with_example: bool = False, ask_password=None) -> list[str]:
    """Open a store on a server. A password that libpq's files and the keyring do not give is asked for with
    ``ask_password(message) -> str | None`` and, once it works, kept in the system keyring."""
    from models.example_data import load_example
    from models.server_address import remember_password
    from models.server_store import PasswordNeededError, open_server
    from models.store import is_empty, is_read_only

    password = None
    while True:
        try:
            open_server(address, password=password)
            break
        except PasswordNeededError as error:
            password = ask_password(str(error)) if ask_password else None
            if not password:
                raise
            needed = error
    notes = []
    if password and not remember_password(needed.address, password):
        notes.append(_("Adgangskoden kunne ikke gemmes i systemets nøglering; du bliver spurgt igen næste gang."))
    if with_example and is_empty() and not is_read_only():
        load_example()
    return notes


def _ask_password(message: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        None, _("Adgangskode til databasen"), message + "\n" + _("Adgangskode:"), QLineEdit.EchoMode.Password
    )
    return text if ok and text else None


def open_store(path: Path | str, *, with_example: bool = False, deferred: bool = False) -> list[str]:
    """Open the store for the window; return notes for the status bar. Raises ``StoreError``.

    With ``deferred`` the quick check of a writable file and the daily backup are left to
    ``check_after_first_paint`` (desktop/start_check.py), so the window is painted first.

    A damaged database (or a missing one where backups or a moved-aside damaged file show there was one)
    is never replaced by a new, empty database without the user being told, and where the old file lies."""
    from models.backups import daily_backup_due, damaged_files, list_backups, make_backup
    from models.example_data import load_example
    from models.store import is_empty, is_read_only, open_database

    if isinstance(path, str):  # a server address: its backups are its administrator's
        return open_server_store(path, with_example=with_example, ask_password=_ask_password)
    notes = []
    if not path.exists() and (list_backups(path) or damaged_files(path)):
        note = _offer_backup(path, _("Databasen {path} findes ikke.").format(path=path), missing=True)
        if note:
            notes.append(note)
        elif damaged_files(path):
            notes.append(
                _("Der er oprettet en ny, tom database. Den beskadigede fil ligger i {path}.").format(
                    path=damaged_files(path)[0]
                )
            )
    from models.store import _wal_pending

    # a log left by a killed program is folded in after the full check at once, as before (rare, and the
    # check of its references needs the store's own connection)
    deferred = deferred and not _wal_pending(path)
    try:
        open_database(path, check=not deferred)
    except DamagedDatabaseError as error:
        note = _offer_backup(path, str(error))
        if note is None:
            raise
        notes.append(note)
        open_database(path)
    if with_example and is_empty() and not is_read_only():
        if deferred:  # never written to before its check (an empty store is checked in an instant)
            from models.start_checks import check_database

            check_database(path)
        load_example()
    if not deferred and not is_read_only() and daily_backup_due(path):
        try:
            make_backup(path, "daily")
            from models import backups

            if backups.last_prune_problem:
                notes.append(backups.last_prune_problem)
        except StoreError as error:
            notes.append(_("Dagens sikkerhedskopi kunne ikke laves: {error}").format(error=error))
    return notes


def _real_path(database_path: Path) -> Path:
    try:
        return Path(database_path).expanduser().resolve()
    except RuntimeError as error:  # Python 3.11's error for a loop of symbolic links
        raise StoreError(
            _("{path} kan ikke bruges: stien er en løkke af genveje.").format(path=database_path)
        ) from error


def start_window(database_path: Path | str, *, with_example: bool = False, settings: QSettings | None = None):
    """Take the lock, open the store and show the main window; return (window, lock), or (None, None) after
    telling the user why the database cannot be opened. A server address takes no lock file (a server locks
    rows itself)."""
    from desktop.instance_lock import acquire
    from desktop.main_window import MainWindow, read_only_banner
    from desktop.start_check import check_after_first_paint
    from models.base import database_proxy
    from models.store import is_read_only

    lock = None
    try:
        if not isinstance(database_path, str):  # a file: one program at a time (a server locks rows itself)
            # one real file, one lock and one backup folder, however the file is reached (a symbolic link)
            database_path = _real_path(database_path)
            try:
                database_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:  # a read-only or missing home folder: say which folder, in Danish
                from models.store import folder_not_creatable

                raise StoreError(folder_not_creatable(database_path.parent, error)) from error
            if os.access(database_path.parent, os.W_OK):
                lock = acquire(database_path)
        notes = open_store(database_path, with_example=with_example, deferred=True)
    except (StoreError, OSError) as error:
        from models.database_checks import reason_text

        text = (
            str(error)
            if isinstance(error, StoreError)
            else _("Databasen {path} kan ikke åbnes: {reason}").format(path=database_path, reason=reason_text(error))
        )
        QMessageBox.critical(None, _("Databasen kan ikke åbnes"), text)
        if lock is not None:
            lock.unlock()
        return None, None
    window = MainWindow(database_path=database_path, settings=settings if settings is not None else QSettings())
    if is_read_only():
        window.show_banner(read_only_banner())
    from exporters.safe_write import remove_orphans

    remove_orphans(window._export_folder())  # what a killed export left in the usual export folder
    for note in notes:
        window.statusBar().showMessage(note, 30000)
    check_after_first_paint(window, database_path, notes)
    window.show()
    if not getattr(database_proxy.obj, "checking", False):  # not checked after the paint (read-only, a server)
        window.warn_about_synced_folder()
    return window, lock


def run(database_path: Path | str, *, with_example: bool = False) -> int:
    """Open the store at ``database_path`` and show the main window until it is closed."""
    from models.store import close_database

    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):  # Qt would abort with a misleading message about xcb-cursor (ssh, a session without a screen)
        print(
            _(
                "socialokonomi: vinduet kan ikke vises, for der er ingen skærm (hverken DISPLAY eller "
                "WAYLAND_DISPLAY er sat). Kommandoerne virker uden skærm: se socialokonomi --help."
            ),
            file=sys.stderr,
        )
        return 2
    app = make_application()
    install_exception_hook()
    window, lock = start_window(database_path, with_example=with_example)
    if window is None:
        return 2
    try:
        return app.exec() or getattr(window, "exit_code", 0)
    finally:
        close_database()
        if lock is not None:
            lock.unlock()
