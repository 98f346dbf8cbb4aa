"""Starting the window: the Qt application, the Danish locale, the lock, the store (with a daily backup, and
the newest backup offered for a damaged file), and the main window. No traceback ever reaches the user."""

import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

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
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    return app


def log_file() -> Path:
    from platformdirs import user_log_path

    return user_log_path("Socialokonomi", appauthor=False) / "socialokonomi.log"


def install_exception_hook() -> None:
    """Expected problems are shown as their Danish message; a bug is logged with its traceback and the user
    is told in plain words where the log is. Never a traceback in a window."""

    def hook(kind, error, trace) -> None:
        if isinstance(error, StoreError):
            QMessageBox.warning(QApplication.activeWindow(), _("Det lykkedes ikke"), str(error))
            return
        path = log_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {dt.datetime.now().isoformat()}\n")
                handle.write("".join(traceback.format_exception(kind, error, trace)))
        except OSError:
            pass
        QMessageBox.critical(
            QApplication.activeWindow(),
            _("Uventet fejl"),
            _(
                "Der skete en uventet fejl. Dine gemte data er i behold; det, du var i gang med, er måske ikke "
                "gemt.\n\nEn beskrivelse til fejlfinding er skrevet i {path}."
            ).format(path=path),
        )

    sys.excepthook = hook


def _offer_backup(path: Path, error: DamagedDatabaseError) -> bool:
    """Tell the user the file is damaged and offer the newest backup. The damaged file is moved aside
    untouched, never written to. True if a backup was restored."""
    from models.backups import list_backups, restore_backup

    backups = list_backups(path)
    if not backups:
        QMessageBox.critical(
            None,
            _("Databasen er beskadiget"),
            str(error)
            + "\n\n"
            + _("Der er ingen sikkerhedskopi at gendanne. Kontakt den, der hjælper jer med it, og tag filen med."),
        )
        return False
    newest = backups[0]
    answer = QMessageBox.question(
        None,
        _("Databasen er beskadiget"),
        str(error)
        + "\n\n"
        + _(
            "Vil du gendanne den nyeste sikkerhedskopi fra {date}? Den beskadigede fil gemmes urørt ved siden af."
        ).format(date=newest.made.strftime("%d.%m.%Y %H:%M")),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            os.replace(source, path.with_name(f"{path.stem}-beskadiget-{stamp}{path.suffix}{suffix}"))
    restore_backup(path, newest.path)
    return True


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


def open_store(path: Path | str, *, with_example: bool = False) -> list[str]:
    """Open the store for the window; return notes for the status bar. Raises ``StoreError``."""
    from models.backups import daily_backup_due, make_backup
    from models.example_data import load_example
    from models.store import is_empty, is_read_only, open_database

    if isinstance(path, str):  # a server address: its backups are its administrator's
        return open_server_store(path, with_example=with_example, ask_password=_ask_password)

    try:
        open_database(path)
    except DamagedDatabaseError as error:
        if not _offer_backup(path, error):
            raise
        open_database(path)
    notes = []
    if with_example and is_empty() and not is_read_only():
        load_example()
    if not is_read_only() and daily_backup_due(path):
        try:
            make_backup(path, "daily")
        except StoreError as error:
            notes.append(_("Dagens sikkerhedskopi kunne ikke laves: {error}").format(error=error))
    return notes


def run(database_path: Path | str, *, with_example: bool = False) -> int:
    """Open the store at ``database_path`` and show the main window until it is closed."""
    from desktop.instance_lock import acquire
    from desktop.main_window import MainWindow
    from models.store import close_database

    app = make_application()
    install_exception_hook()
    lock = None
    try:
        if isinstance(database_path, Path):  # a file: one program at a time (a server locks rows itself)
            database_path.parent.mkdir(parents=True, exist_ok=True)
            if os.access(database_path.parent, os.W_OK):
                lock = acquire(database_path)
        notes = open_store(database_path, with_example=with_example)
    except StoreError as error:
        QMessageBox.critical(None, _("Databasen kan ikke åbnes"), str(error))
        if lock is not None:
            lock.unlock()
        return 2
    window = MainWindow(database_path=database_path, settings=QSettings())
    for note in notes:
        window.statusBar().showMessage(note, 15000)
    window.show()
    window.warn_about_synced_folder()
    try:
        return app.exec()
    finally:
        close_database()
        if lock is not None:
            lock.unlock()
