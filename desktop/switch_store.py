"""Filer → Åbn database: continue in the same window on another store, a file or a database on a server
(``postgresql://USER@HOST[:PORT]/DBNAME``). The address is remembered per user (never its password); the
next start without ``--database`` opens it again. If the other store cannot be opened, the window stays on the
one it had."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QLineEdit

from models.errors import StoreError
from models.i18n import _
from views import messages

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

SETTING = "database/last"


def remembered_store(settings: QSettings) -> str | None:
    """The store the user last opened with Filer → Åbn database, if any."""
    value = settings.value(SETTING, "", type=str)
    return value or None


def ask_for_store(window: MainWindow) -> str | None:
    current = window.database_path if window.on_server else str(window.database_path)
    text, ok = QInputDialog.getText(
        window,
        _("Åbn database"),
        _("Databasefil eller adresse på en databaseserver (postgresql://BRUGER@SERVER/DATABASE):"),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok and text.strip() else None


def switch_store(window: MainWindow, target: str) -> bool:
    """Open ``target`` (a file path or a server address) in ``window``; False, with a message, if it cannot be
    opened (the window then keeps its store)."""
    from desktop.app import open_store
    from models.server_address import is_server_address, parse_address
    from models.store import close_database, is_read_only

    for page in window._editing_pages():
        page.commit_pending()
    where: Path | str = target if is_server_address(target) else Path(target).expanduser()
    try:
        if isinstance(where, str):
            parse_address(where)  # an unreadable address changes nothing
        close_database()
        open_store(where)
    except StoreError as error:
        messages.error(window, _("Åbn database"), str(error))
        try:
            open_store(window.database_path)
        except StoreError as again:  # pragma: no cover - the previous store went away meanwhile
            messages.error(window, _("Åbn database"), str(again))
        return False
    from desktop.main_window import APP_TITLE, read_only_banner

    window.database_path = where
    window.on_server = isinstance(where, str)
    window.setWindowTitle(f"{APP_TITLE} – {where if window.on_server else where.name}")
    window.action_backups.setEnabled(not window.on_server)
    window.show_banner(read_only_banner() if is_read_only() else "")
    window.statusBar().showMessage(_("Database: {path}").format(path=where))
    window.settings.setValue(SETTING, str(where))
    window.editor.seen_entry = None
    window.editor.catch_up()
    return True
