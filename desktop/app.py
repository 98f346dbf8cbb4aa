"""Starting the window: the Qt application, the Danish locale, the store, and the main window."""

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import StoreError
from models.i18n import _

ORGANIZATION = "Socialokonomi"
APPLICATION = "Socialokonomi"


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


def run(database_path: Path, *, with_example: bool = False) -> int:
    """Open the store at ``database_path`` and show the main window until it is closed."""
    from desktop.main_window import MainWindow
    from models.example_data import load_example
    from models.store import close_database, is_empty, open_database

    app = make_application()
    try:
        open_database(database_path)
        if with_example and is_empty():
            load_example()
    except StoreError as error:
        QMessageBox.critical(None, _("Databasen kan ikke åbnes"), str(error))
        return 2
    window = MainWindow(database_path=database_path, settings=QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        close_database()
