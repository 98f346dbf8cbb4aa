"""The main window: menu bar, tool bar with the year selector, navigation sidebar, pages, status bar."""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import peewee
import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.areas import AREAS
from models.errors import StoreError
from models.figures import default_year, known_years, year_status
from models.i18n import _
from models.locations import synced_by
from models.report_texts import ReportYear
from models.store import default_database_path, is_read_only
from views import messages
from views.editor import Editor

if TYPE_CHECKING:
    from desktop.tasks import BackgroundTask
    from views.export_dialog import (
        AgreementsExportOptions,
        JobsExportOptions,
        ReportExportOptions,
    )

PAGE_CLASSES = {
    "overview": ("views.overview_page", "OverviewPage"),
    "enterprises": ("views.enterprise_page", "EnterprisePage"),
    "grants": ("views.grant_page", "GrantPage"),
    "agreements": ("views.agreement_page", "AgreementPage"),
    "placements": ("views.placement_page", "PlacementPage"),
    "partnerships": ("views.activity_pages", "PartnershipPage"),
    "network": ("views.activity_pages", "NetworkPage"),
    "progression": ("views.activity_pages", "ProgressionPage"),
    "goals": ("views.activity_pages", "GoalPage"),
    "report_texts": ("views.report_texts_page", "ReportTextsPage"),
}
APP_TITLE = "Socialøkonomi"
# the areas where Ctrl+N makes a new record (the others' «Tilføj …» buttons are the tables' own)
NEW_AREAS = ("enterprises", "grants", "agreements", "placements", "partnerships", "network", "progression", "goals")


class _MenuText(QObject):
    """Sets an action's text to a prefix and a text shown as written ("&" doubled, so it is not taken for an
    Alt-letter); it lives and goes with the action."""

    def __init__(self, action: QAction, prefix: str) -> None:
        super().__init__(action)
        self.action, self.prefix = action, prefix

    def show(self, text: str) -> None:
        if not shiboken6.isValid(self.action):  # the window is closing: the stack empties after its actions
            return
        self.action.setText(f"{self.prefix} {text.replace('&', '&&')}" if text else self.prefix)


def read_only_banner() -> str:
    from models.engine import is_server

    if is_server():
        return _("Din bruger på databaseserveren må kun læse: du kan se og eksportere, men ikke ændre.")
    return _("Databasen er skrivebeskyttet: du kan se og eksportere, men ikke ændre.")


def app_icon() -> QIcon:
    return QIcon(str(resources.files("resources") / "icons" / "socialokonomi.svg"))


class MainWindow(QMainWindow):
    def __init__(self, *, database_path: Path | str, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = database_path  # a file, or a server address (postgresql://...)
        self.on_server = isinstance(database_path, str)
        self.settings = settings
        self.start_check: BackgroundTask | None = None  # the check after the first paint (desktop/app.py)
        self.closed = False
        self.editor = Editor(self)
        self.editor.catch_up()  # what the pages are about to read: later changes by colleagues show on focus
        name = database_path if self.on_server else database_path.name
        self.setWindowTitle(f"{APP_TITLE} – {name}")
        self.setWindowIcon(app_icon())

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setMinimumWidth(170)
        self.navigation.setSpacing(2)
        self.navigation.setIconSize(QSize(18, 18))
        self.pages = QStackedWidget()
        # Pages are built when first shown, so the window opens fast whatever the size of the data.
        self._built: dict[str, QWidget] = {}
        self._overview_stale = False
        for area in AREAS:
            self.pages.addWidget(QWidget())
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setToolTip(area.description)
            item.setSizeHint(QSize(0, 30))
            self.navigation.addItem(item)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([200, 1080])
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4cc; color: #5a4300; padding: 6px; font-weight: bold;")
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.year_box = QComboBox()
        self.year_box.setObjectName("yearSelector")
        self.year_box.setToolTip(_("Året, som siderne og rapporterne viser"))
        self._build_actions()
        if self.on_server:
            self.action_backups.setEnabled(False)
            self.action_backups.setToolTip(_("En database på en server sikkerhedskopieres af serverens administrator."))
        self._build_menus()
        self._build_toolbar()
        self.statusBar().showMessage(_("Database: {path}").format(path=database_path))
        self._fill_years()
        self._connect_signals()
        self._restore_state()
        if is_read_only():
            self.show_banner(read_only_banner())

    # --- building -------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        style = self.style()
        self.action_new = QAction(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon), _("&Ny"), self)
        self.action_new.setShortcut(QKeySequence.StandardKey.New)
        self.action_delete = QAction(style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), _("&Slet…"), self)
        self.action_delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        # Del deletes a record only where a list has focus; in a text field it deletes text.
        self.action_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action_undo = self.editor.undo_action(self, _("&Fortryd"), first=lambda: self._typing_first(undo=True))
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_undo.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.action_redo = self.editor.redo_action(
            self, _("&Annullér fortryd"), first=lambda: self._typing_first(undo=False)
        )
        self.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.action_redo.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        # an "&" in a record's name is shown, not taken for an Alt-letter
        stack = self.editor.undo_stack
        stack.undoTextChanged.connect(_MenuText(self.action_undo, _("&Fortryd")).show)
        stack.redoTextChanged.connect(_MenuText(self.action_redo, _("&Annullér fortryd")).show)
        self.action_find = QAction(_("&Søg…"), self)
        self.action_trash = QAction(_("&Papirkurv…"), self)
        self.action_lock_year = QAction(self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_export_report = QAction(_("Eksportér å&rsrapport…"), self)
        self.action_export_report.setShortcut(QKeySequence("Ctrl+E"))
        self.action_export_jobs = QAction(_("Eksportér &jobstatus…"), self)
        self.action_export_jobs.setShortcut(QKeySequence("Ctrl+J"))
        self.action_export_agreements = QAction(_("Eksportér sammenligning af samarbejds&aftaler…"), self)
        self.action_backups = QAction(_("Sikker&hedskopier…"), self)
        self.action_open_store = QAction(_("Åbn data&base…"), self)
        self.action_open_store.setToolTip(_("En anden databasefil, eller en database på en server"))
        self.action_export_data = QAction(_("Eksportér &data (til en anden computer)…"), self)
        self.action_import_data = QAction(_("&Importér data…"), self)
        self.action_import_data.setShortcut(QKeySequence("Ctrl+I"))
        self.action_template = QAction(_("Gem &importskabelon (Excel)…"), self)
        self.action_quit = QAction(_("&Afslut"), self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        self.action_about = QAction(_("&Om Socialøkonomi"), self)
        self.action_shortcuts = QAction(_("&Tastaturgenveje"), self)
        self.action_shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.area_actions: list[QAction] = []
        for index, area in enumerate(AREAS):
            action = QAction(area.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            action.setData(index)
            self.area_actions.append(action)

    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(_("&Filer"))
        menu_file.addAction(self.action_new)
        menu_file.addAction(self.action_open_store)
        menu_file.addSeparator()
        menu_file.addAction(self.action_export_report)
        menu_file.addAction(self.action_export_jobs)
        menu_file.addAction(self.action_export_agreements)
        menu_file.addSeparator()
        menu_file.addAction(self.action_import_data)
        menu_file.addAction(self.action_template)
        menu_file.addAction(self.action_export_data)
        menu_file.addSeparator()
        menu_file.addAction(self.action_backups)
        menu_file.addSeparator()
        menu_file.addAction(self.action_quit)
        self.menu_edit = self.menuBar().addMenu(_("&Rediger"))
        self.menu_edit.setObjectName("menuEdit")
        self.menu_edit.addAction(self.action_undo)
        self.menu_edit.addAction(self.action_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.action_delete)
        self.menu_edit.addAction(self.action_find)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.action_trash)
        self.menu_edit.addAction(self.action_lock_year)
        menu_view = self.menuBar().addMenu(_("&Vis"))
        for action in self.area_actions:
            menu_view.addAction(action)
        menu_help = self.menuBar().addMenu(_("&Hjælp"))
        menu_help.addAction(self.action_shortcuts)
        menu_help.addSeparator()
        menu_help.addAction(self.action_about)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_("Værktøjslinje"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.action_new)
        toolbar.addAction(self.action_delete)
        toolbar.addSeparator()
        # the menu's own actions (the Editor's undo and redo, which report a refused step), with fixed texts on
        # the tool bar (its width would jump with every undo text); the full text is the tip
        for action, text in ((self.action_undo, _("Fortryd")), (self.action_redo, _("Annullér fortryd"))):
            action.setIconText(text)
            toolbar.addAction(action)
        toolbar.addSeparator()
        year_label = QLabel(_("  &År: "))
        year_label.setBuddy(self.year_box)
        toolbar.addWidget(year_label)
        toolbar.addWidget(self.year_box)
        self.addToolBar(toolbar)

    def _fill_years(self) -> None:
        """Every year from the first with data to this year (or the last with data, if later)."""
        current = self.year_box.currentData()
        years = set(known_years()) | {dt.date.today().year}
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in range(min(years), max(years) + 1):
            self.year_box.addItem(str(year), year)
        index = self.year_box.findData(current if current is not None else default_year())
        self.year_box.setCurrentIndex(max(index, 0))
        self.year_box.blockSignals(False)

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_area_changed)
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.action_new.triggered.connect(self._on_new)
        self.action_delete.triggered.connect(self._on_delete)
        self.action_find.triggered.connect(self._on_find)
        self.action_export_report.triggered.connect(self._on_export_report)
        self.action_export_jobs.triggered.connect(self._on_export_jobs)
        self.action_export_agreements.triggered.connect(self._on_export_agreements)
        self.action_backups.triggered.connect(self._on_backups)
        self.action_open_store.triggered.connect(self._on_open_store)
        self.action_trash.triggered.connect(self._on_trash)
        self.action_lock_year.triggered.connect(self._on_lock_year)
        self.action_export_data.triggered.connect(self._on_export_data)
        self.action_import_data.triggered.connect(self._on_import_data)
        self.action_template.triggered.connect(self._on_template)
        self.action_quit.triggered.connect(self.close)
        self.action_about.triggered.connect(self._on_about)
        self.action_shortcuts.triggered.connect(self._on_shortcuts)
        self.editor.changes.connect(self._on_store_changed)
        self.editor.failed.connect(lambda text: messages.error(self, _("Fortryd"), text))
        for action in self.area_actions:
            action.triggered.connect(lambda _checked=False, a=action: self.navigation.setCurrentRow(a.data()))

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # first start: a comfortable size that fits the screen, also at 200 % scaling
            available = self.screen().availableGeometry()
            self.resize(min(1280, int(available.width() * 0.9)), min(800, int(available.height() * 0.9)))
        for splitter in self._splitters():
            state = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        year = self.settings.value("window/year")
        if year is not None:
            index = self.year_box.findData(int(year))
            if index >= 0:
                self.year_box.setCurrentIndex(index)
        keys = [a.key for a in AREAS]
        area = self.settings.value("window/area", "overview")
        self._apply_year()
        self.navigation.setCurrentRow(keys.index(area) if area in keys else 0)

    # --- state ----------------------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    @property
    def current_area(self) -> str:
        return AREAS[self.navigation.currentRow()].key

    def show_area(self, key: str) -> None:
        """Show an area ("agreements"), or one record in it ("agreements:7": the page's ``show_record``)."""
        area, _sep, record = key.partition(":")
        self.navigation.setCurrentRow([a.key for a in AREAS].index(area))
        if record:
            self.page(area).show_record(int(record))

    def _show_lock_state(self) -> None:
        from models.year_locks import locked_years

        locked = self.year in locked_years()
        self._shown_locked = (self.year, locked)  # what the menu offers: the action does only that
        self.action_lock_year.setText(
            _("Lås {year} &op…").format(year=self.year) if locked else _("&Lås {year}…").format(year=self.year)
        )
        self._lock_text = (
            _("{year} er låst: årets tal og tekster kan ikke ændres. Lås op under Rediger.").format(year=self.year)
            if locked
            else ""
        )
        self._update_banner()

    def _on_lock_year(self) -> None:
        from models.year_locks import locked_years

        year = self.year
        locked = year in locked_years()
        if getattr(self, "_shown_locked", (year, locked)) != (year, locked):
            # a colleague locked (or unlocked) the year since the menu was drawn: never undo her lock unseen
            self._show_lock_state()
            messages.error(
                self,
                _("Lås {year}").format(year=year),
                _("{year} er netop blevet låst af en anden.").format(year=year)
                if locked
                else _("{year} er netop blevet låst op af en anden.").format(year=year),
            )
            return
        if locked:
            if not messages.confirm(
                self,
                _("Lås {year} op").format(year=year),
                _(
                    "{year} er låst, fordi årsrapporten er afleveret. Vil du låse året op, så tal og tekster kan "
                    "ændres igen? Det noteres i historikken."
                ).format(year=year),
                yes=_("Lås &op"),
                no=_("&Annullér"),
            ):
                return
            self._run(_("Lås {year} op").format(year=year), lambda: self.editor.lock_year(year, False))
        else:
            if not messages.confirm(
                self,
                _("Lås {year}").format(year=year),
                _(
                    "Vil du låse {year}? Årets tal og tekster kan så ikke ændres ved et uheld. Du kan låse op igen "
                    "senere."
                ).format(year=year),
                yes=_("&Lås"),
                no=_("&Annullér"),
            ):
                return
            self._run(_("Lås {year}").format(year=year), lambda: self.editor.lock_year(year, True))
        self._show_lock_state()

    def _run(self, title: str, command) -> bool:
        """Run a command; an expected refusal (read-only, a full disk) is shown with its Danish message."""
        try:
            command()
        except StoreError as error:
            messages.error(self, title, str(error))
            return False
        return True

    def _on_trash(self) -> None:
        from models.changes import RESET
        from views.trash_dialog import TrashDialog

        TrashDialog(editor=self.editor, parent=self).exec()
        self.editor.changes.emit(RESET)  # a restore may bring back records of any kind

    # --- pages, built on first use --------------------------------------------------------------------
    def _make_page(self, key: str) -> QWidget:
        # a page's code is imported when the page is first shown, not at start-up
        module, name = PAGE_CLASSES[key]
        page_class = getattr(importlib.import_module(module), name)
        return page_class() if key == "overview" else page_class(editor=self.editor)

    def page(self, key: str) -> QWidget:
        """The page of an area, built (and set to the selected year) the first time it is asked for."""
        if key in self._built:
            return self._built[key]
        index = [a.key for a in AREAS].index(key)
        page = self._make_page(key)
        placeholder = self.pages.widget(index)
        current = self.pages.currentIndex()
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.setCurrentIndex(current)
        self._built[key] = page
        if key == "overview":
            page.navigate.connect(self.show_area)
            page.welcome.chosen.connect(self._on_welcome)
            # computed after the window's first paint, off the GUI thread: the figures never hold up the window
            self.after_first_paint(self._figures_in_background)
        else:
            page.set_year(self.year)
        if key in ("enterprises", "grants", "placements"):
            page.table.addAction(self.action_delete)
        if key == "enterprises":
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        if key == "report_texts":
            page.year_created.connect(self._on_year_created)
        splitter = getattr(page, "splitter", None)
        state = self.settings.value(f"window/{splitter.objectName()}") if splitter is not None else None
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
        return page

    def _figures_in_background(self) -> None:
        """The overview's first figures, read on a background thread (a connection of its own)."""
        from desktop.tasks import BackgroundTask
        from models.base import database_proxy
        from views.overview_page import month_counts

        year, db = self.year, database_proxy.obj

        def read(_progress):
            status = year_status(year)
            return status, month_counts(status)

        task = BackgroundTask(read, self)
        self.figures_task = task

        def show(result) -> None:
            from models.engine import is_open

            # not after the store closed (the window closed first): a query would open a connection no one closes
            if "overview" not in self._built or not is_open():
                return
            if database_proxy.obj is not db:  # the file was replaced (a damaged one restored): read it again
                self._figures_in_background()
                return
            try:
                if result and self.year == year:
                    self._built["overview"].show_status(*result)
                elif result is None and getattr(db, "checking", False):
                    self._figures_again = True  # unreadable beside the check: read again once it has passed
                else:
                    self._built["overview"].show_status(year_status(self.year))
            except (sqlite3.DatabaseError, peewee.DatabaseError):
                if not getattr(db, "checking", False):
                    raise  # said as damage by the exception hook
                self._figures_again = True  # a damaged page met beside the check: the check says it, with its offer

        task.succeeded.connect(show)
        task.failed.connect(lambda _message: show(None))
        task.start()

    def check_passed(self) -> None:
        """The start's integrity check has passed (the figures were read beside it, and are shown already)."""
        if self.__dict__.pop("_figures_again", False):
            self._figures_in_background()

    def after_first_paint(self, function) -> None:
        """Run ``function`` as soon as the window has been painted once (at once, if it already has)."""
        if getattr(self, "_painted", False):
            function()
        else:
            self._after_paint = [*getattr(self, "_after_paint", []), function]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not getattr(self, "_painted", False):
            self._painted = True
            for function in getattr(self, "_after_paint", []):
                QTimer.singleShot(0, function)
            self._after_paint = []

    @property
    def page_for(self) -> dict[str, QWidget]:
        return {area.key: self.page(area.key) for area in AREAS}

    overview = property(lambda self: self.page("overview"))
    enterprises = property(lambda self: self.page("enterprises"))
    grants = property(lambda self: self.page("grants"))
    agreements = property(lambda self: self.page("agreements"))
    placements = property(lambda self: self.page("placements"))
    partnerships = property(lambda self: self.page("partnerships"))
    network = property(lambda self: self.page("network"))
    progression = property(lambda self: self.page("progression"))
    goals = property(lambda self: self.page("goals"))
    report_texts = property(lambda self: self.page("report_texts"))

    def _apply_year(self) -> None:
        self._year_shown = self.year
        self._show_lock_state()
        for key, page in self._built.items():
            if key == "overview":
                page.show_status(year_status(self.year))
            else:
                page.set_year(self.year)

    def _splitters(self) -> list:
        """The main splitter and those of the pages built so far (the others keep their saved state)."""
        return [self.splitter] + [p.splitter for p in self._built.values() if hasattr(p, "splitter")]

    def _editing_pages(self) -> list:
        return [self._built[k] for k in ("enterprises", "grants", "report_texts", "agreements") if k in self._built]

    # --- slots ----------------------------------------------------------------------------------------
    def _on_area_changed(self, row: int) -> None:
        if row < 0:
            return
        key = AREAS[row].key
        built = key in self._built
        page = self.page(key)
        self.pages.setCurrentIndex(row)
        if key == "overview" and built and self._overview_stale:
            page.show_status(year_status(self.year))
        if key == "overview":
            self._overview_stale = False
        self._update_edit_actions()
        self.action_new.setText(
            {"enterprises": _("&Ny virksomhed"), "grants": _("&Nyt tilskud"), "placements": _("&Ny ansættelse")}.get(
                key, _("&Ny")
            )
        )

    def _on_welcome(self, choice: str) -> None:
        """The three ways into an empty database."""
        if choice == "create":
            self.show_area("enterprises")
            self.enterprises.new_enterprise()
        elif choice == "import":
            self._on_import_data()
        elif choice == "example":
            from models.changes import RESET
            from models.example_data import load_example

            try:
                load_example()
            except StoreError as error:
                messages.error(self, _("Eksempeldata"), str(error))
                return
            self.editor.undo_stack.clear()
            self._fill_years()
            self._apply_year()
            self.editor.changes.emit(RESET)
            self.statusBar().showMessage(_("Eksempeldata er indlæst."), 8000)

    def _on_year_changed(self, _index: int) -> None:
        from views.pending_guard import leave_pending

        pages = [p for p in self._built.values() if hasattr(p, "commit_pending")]
        shown = getattr(self, "_year_shown", None)
        if shown not in (None, self.year) and not leave_pending(self, pages, leaving=_("skifte år")):
            self.year_box.blockSignals(True)  # the user stays: the year box shows the year the pages show
            self.year_box.setCurrentIndex(self.year_box.findData(shown))
            self.year_box.blockSignals(False)
            return
        self._apply_year()

    def _on_year_created(self, year: int) -> None:
        self._fill_years()
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.statusBar().showMessage(
            _("Årsrapporten for {year} er oprettet ud fra året før. Teksterne er markeret som ikke gennemgået.").format(
                year=year
            ),
            10000,
        )

    def _on_store_changed(self, changes) -> None:
        if changes.touches("YearLock"):  # also a colleague's lock, seen when the window catches up
            self._show_lock_state()
        # the overview is recomputed when it is looked at, not after every edit on another page
        if "overview" in self._built and self.current_area == "overview" and self.isVisible():
            self._built["overview"].show_status(year_status(self.year))
        else:
            self._overview_stale = True

    def _on_new(self) -> None:
        from views.pending_guard import leave_pending

        page = self._built.get(self.current_area)
        if page in self._editing_pages() and not leave_pending(self, [page], leaving=_("oprette en ny")):
            return
        if self.current_area == "enterprises":
            self.enterprises.new_enterprise()
        elif self.current_area == "grants":
            self.grants.new_grant()
        elif self.current_area == "placements":
            self.placements.focus_new_row()
        elif self.current_area == "agreements":
            page.new_agreement()
        elif page is not None:
            self._add_in_table(page)

    def _add_in_table(self, page) -> None:
        """Ctrl+N on a page of tables with «Tilføj …» buttons: the table with the focus (else the first) adds."""
        from PySide6.QtWidgets import QApplication

        from views.table_page import RecordTable

        tables = [t for t in page.findChildren(RecordTable) if t.isVisible() and t.add_button.isEnabled()]
        focus = QApplication.focusWidget()
        inside = [t for t in tables if focus is not None and t.isAncestorOf(focus)]
        if inside or tables:
            (inside or tables)[0].add_button.click()

    def _typing_first(self, *, undo: bool) -> bool:
        """Before Fortryd/Annullér fortryd from the menu or the tool bar (which leave the focus in the field): a
        field with typing undoes that typing first, as Ctrl+Z in the field does. True if that was the step (the
        stack is left alone)."""
        import shiboken6

        from views.fields import FormBinder

        page = self._built.get(self.current_area)
        if page is None:
            return False
        binders = [b for b in page.findChildren(FormBinder) if all(shiboken6.isValid(x.widget) for x in b.bindings)]
        for binder in binders:
            binding = binder.focused()
            if binding is not None and binder.typed(binding):
                if undo:
                    binder.revert(binding)
                else:
                    self.statusBar().showMessage(
                        _(
                            "Feltet «{field}» har tekst, der ikke er gemt: tryk Enter for at gemme den eller Esc for "
                            "at fortryde den."
                        ).format(field=binding.label),
                        10000,
                    )
                return True
        return False  # invalid typing elsewhere stays on the same record; another record never shows it (FormBinder)

    def _on_delete(self) -> None:
        if self.current_area == "enterprises":
            self.enterprises.delete_selected()
        elif self.current_area == "grants":
            self.grants.delete_selected()
        elif self.current_area == "placements":
            self.placements.delete_selected()

    def _on_find(self) -> None:
        self.show_area("enterprises")
        self.enterprises.focus_search()

    # --- exports ------------------------------------------------------------------------------------
    def _export_folder(self) -> Path:
        saved = self.settings.value("export/folder", "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _on_export_report(self) -> None:
        from views.export_dialog import ReportExportDialog

        years = [y for (y,) in ReportYear.select(ReportYear.year).order_by(ReportYear.year).tuples()]
        if not years:
            messages.info(
                self,
                _("Eksportér årsrapport"),
                _("Der er ingen årsrapport-tekster endnu. Opret året under Årsrapport-tekster."),
            )
            return
        dialog = ReportExportDialog(
            years=years,
            year=self.year if self.year in years else years[-1],
            folder=self._export_folder(),
            template=str(self.settings.value("report/template", "")),
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        self.settings.setValue("export/folder", str(options.output.parent))
        self.settings.setValue("report/template", str(options.template or ""))
        self.start_report_export(options)

    def start_report_export(self, options: ReportExportOptions) -> BackgroundTask:
        from desktop.exports import export_report

        return self.start_export(
            lambda progress: export_report(options.year, options.output, template=options.template, progress=progress),
            output=options.output,
            title=_("Eksportér årsrapport"),
            working=_("Eksporterer årsrapporten for {year}…").format(year=options.year),
            done=_("Årsrapporten er gemt i {path}.").format(path=options.output),
            open_label=_("&Åbn dokumentet"),
        )

    def _on_export_jobs(self) -> None:
        from views.export_dialog import JobsExportDialog

        as_of = (
            min(dt.date(self.year, 6, 30), dt.date.today())
            if self.year == dt.date.today().year
            else dt.date(self.year, 6, 30)
        )
        dialog = JobsExportDialog(as_of=as_of, folder=self._export_folder(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.settings.setValue("export/folder", str(dialog.options().output.parent))
            self.start_jobs_export(dialog.options())

    def start_jobs_export(self, options: JobsExportOptions) -> BackgroundTask:
        from desktop.exports import export_jobs

        return self.start_export(
            lambda progress: export_jobs(options.as_of, options.output, progress=progress),
            output=options.output,
            title=_("Eksportér jobstatus"),
            working=_("Eksporterer jobstatus pr. {date}…").format(date=options.as_of.strftime("%d.%m.%Y")),
            done=_("Jobstatus er gemt i {path}.").format(path=options.output),
            open_label=_("&Åbn filen"),
        )

    def _on_export_agreements(self) -> None:
        from views.export_dialog import AgreementsExportDialog

        years = sorted(set(known_years()) | {self.year})
        dialog = AgreementsExportDialog(years=years, year=self.year, folder=self._export_folder(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.settings.setValue("export/folder", str(dialog.options().output.parent))
            self.start_agreements_export(dialog.options())

    def start_agreements_export(self, options: AgreementsExportOptions) -> BackgroundTask:
        from desktop.exports import export_agreements

        return self.start_export(
            lambda progress: export_agreements(options.year, options.output, progress=progress),
            output=options.output,
            title=_("Eksportér sammenligning af samarbejdsaftaler"),
            working=_("Eksporterer sammenligningen af samarbejdsaftaler {year}…").format(year=options.year),
            done=_("Sammenligningen er gemt i {path}.").format(path=options.output),
            open_label=_("&Åbn filen"),
        )

    def start_export(
        self, function, *, output: Path, title: str, working: str, done: str, open_label: str
    ) -> BackgroundTask:
        """Run an export in the background with a progress dialog that can cancel; tell the user when done
        and offer to open the file."""
        from desktop.tasks import BackgroundTask

        task = BackgroundTask(function, self)
        dialog = QProgressDialog(working, _("Annullér"), 0, 100, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        task.progressed.connect(lambda percent, text: (dialog.setValue(percent), dialog.setLabelText(text)))
        task.succeeded.connect(lambda warnings: self._on_exported(output, warnings, title, done, open_label))
        task.failed.connect(lambda text: messages.error(self, _("Filen blev ikke gemt"), text))
        task.cancelled.connect(lambda: self.statusBar().showMessage(_("Eksporten er annulleret; intet er gemt."), 8000))
        task.finished.connect(dialog.close)
        task.finished.connect(lambda: setattr(self, "task", None))
        self.task = task
        self.progress_dialog = dialog
        task.start()
        return task

    def _on_exported(self, output: Path, warnings: list[str], title: str, done: str, open_label: str) -> None:
        self.statusBar().showMessage(done, 8000)
        if messages.finished(self, title, done, details=warnings, open_label=open_label):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(output)))

    # --- the data file --------------------------------------------------------------------------------
    def show_banner(self, text: str) -> None:
        """A lasting notice above the pages (the database is read-only); the year's lock adds its own."""
        self._banner_text = text
        self._update_banner()
        self._update_edit_actions()

    def _update_edit_actions(self) -> None:
        """Ny, Slet and the year's lock where the page offers them, and never in a read-only window (a read-only
        role, a read-only file); during the start's check they stay, and an edit is refused with its message."""
        from models.base import database_proxy
        from models.store import is_read_only

        key = self.current_area
        checking = getattr(database_proxy.obj, "checking", False)
        editable = checking or not is_read_only()
        self.action_new.setEnabled(editable and key in NEW_AREAS)
        self.action_delete.setEnabled(editable and key in ("enterprises", "grants", "placements"))
        self.action_lock_year.setEnabled(editable)

    def _update_banner(self) -> None:
        text = "  ".join(t for t in (getattr(self, "_banner_text", ""), getattr(self, "_lock_text", "")) if t)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _on_backups(self) -> None:
        from views.backup_dialog import BackupDialog

        BackupDialog(
            database=self.database_path, on_backup=self.backup_now, on_restore=self.restore_backup, parent=self
        ).exec()

    def backup_now(self) -> Path | None:
        from models.backups import make_backup

        try:
            target = make_backup(self.database_path, "manual")
        except StoreError as error:
            messages.error(self, _("Sikkerhedskopi"), str(error))
            return None
        self.statusBar().showMessage(_("Sikkerhedskopien er gemt i {path}.").format(path=target), 8000)
        return target

    def restore_backup(self, backup) -> bool:
        """Replace the data with ``backup`` after confirming; the current state is backed up first."""
        from models.backups import restore_backup
        from models.store import close_database, open_database

        if not messages.confirm(
            self,
            _("Gendan sikkerhedskopi"),
            _(
                "Vil du erstatte alle data med sikkerhedskopien fra {date}? Det nuværende indhold gemmes først som "
                "en sikkerhedskopi, så intet går tabt."
            ).format(date=backup.made.strftime("%d.%m.%Y %H:%M")),
            yes=_("&Gendan"),
            no=_("&Annullér"),
        ):
            return False
        for page in self._editing_pages():
            page.commit_pending()
        close_database()
        try:
            restore_backup(self.database_path, backup.path)
        except StoreError as error:
            messages.error(self, _("Gendan sikkerhedskopi"), str(error))
            return False
        finally:
            open_database(self.database_path)
        self.data_replaced()
        self.statusBar().showMessage(
            _("Data er gendannet fra sikkerhedskopien {date}.").format(date=backup.made.strftime("%d.%m.%Y %H:%M")),
            10000,
        )
        return True

    def data_replaced(self) -> None:
        """The store now holds other data (a backup restored): the years and every built page again."""
        self._fill_years()
        self._apply_year()

    def _on_export_data(self) -> None:
        from desktop.exports import export_data

        path, _filter = QFileDialog.getSaveFileName(
            self, _("Eksportér data"), str(self._export_folder() / _("Socialøkonomi-data.json")), _("Datafil (*.json)")
        )
        if not path:
            return
        try:
            warnings = export_data(Path(path))
        except StoreError as error:
            messages.error(self, _("Eksportér data"), str(error))
            return
        done = _("Alle data er skrevet til {path}.").format(path=path)
        self.statusBar().showMessage(done, 8000)
        if warnings:
            messages.info(self, _("Eksportér data"), "\n".join([done, "", *("• " + line for line in warnings)]))

    def _on_template(self) -> None:
        from exporters.spreadsheet_template import write_template

        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Gem importskabelon"),
            str(self._export_folder() / _("Importskabelon.xlsx")),
            _("Excel-projektmappe (*.xlsx)"),
        )
        if not path:
            return
        try:
            write_template(Path(path))
        except StoreError as error:
            messages.error(self, _("Gem importskabelon"), str(error))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_import_data(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Importér data"), str(self._export_folder()), _("Datafil eller udfyldt skabelon (*.json *.xlsx)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Preview the import of ``path``; after confirming, back up and import it all or nothing."""
        from desktop.cli import CliError, read_import_file
        from models.backups import make_backup
        from models.data_import import import_data

        try:
            document = read_import_file(path)
            preview = import_data(document, apply=False)
        except (StoreError, CliError) as error:
            messages.error(self, _("Importér data"), str(error))
            return False
        from views.import_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(name=path.name, report=preview, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            if not self.on_server:  # a server's backups are its administrator's (pg_dump)
                make_backup(self.database_path, "import")
            result = self.editor.import_document(
                document, _("importér {name}").format(name=path.name), source=path.name
            )
        except StoreError as error:
            messages.error(self, _("Importér data"), str(error))
            return False
        if not result.applied:
            messages.error(self, _("Importér data"), "\n".join(result.lines()[:20]))
            return False
        self._fill_years()
        self._apply_year()
        self.statusBar().showMessage(
            _(
                "{name} er importeret. Rediger → Fortryd tager importen ud igen; en sikkerhedskopi fra før importen "
                "ligger under Filer → Sikkerhedskopier."
            ).format(name=path.name),
            10000,
        )
        return result.applied

    def warn_about_synced_folder(self) -> None:
        """Once per file: a database in a cloud-synced folder can be damaged by the sync client; offer to move
        it (and so its backups) to the local data folder."""
        if self.on_server:
            return
        client = synced_by(self.database_path)
        key = f"warned/synced/{self.database_path}"
        if client is None or self.settings.value(key, False, type=bool):
            return
        self.settings.setValue(key, True)
        target = default_database_path()
        text = _(
            "Databasen ligger i en mappe, som {client} holder synkroniseret med skyen. {client} kan komme til at "
            "kopiere filen midt i en gemning og dermed beskadige den, og sikkerhedskopierne ligger samme sted."
        ).format(client=client)
        if synced_by(target) is not None or target == self.database_path:
            messages.info(
                self,
                _("Databasen ligger i en synkroniseret mappe"),
                text + "\n\n" + _("Flyt den til en lokal mappe, der ikke synkroniseres."),
            )
            return
        if messages.confirm(
            self,
            _("Databasen ligger i en synkroniseret mappe"),
            text
            + "\n\n"
            + _(
                "Vil du flytte den til den lokale datamappe {folder}? Den gamle fil bliver liggende urørt, til du "
                "selv sletter den."
            ).format(folder=target.parent),
            yes=_("&Flyt databasen"),
            no=_("&Behold"),
        ):
            self.move_database(target)

    def move_database(self, target: Path) -> bool:
        """Continue on a copy of the database at ``target`` (made with the online backup API)."""
        from models.backups import copy_database
        from models.store import close_database, open_database

        for page in self._editing_pages():
            page.commit_pending()
        try:
            copy_database(self.database_path, target)
        except StoreError as error:
            messages.error(self, _("Flyt databasen"), str(error))
            return False
        close_database()
        open_database(target)
        old = self.database_path
        self.database_path = target
        self.setWindowTitle(f"{APP_TITLE} – {target.name}")
        self.statusBar().showMessage(
            _("Databasen er flyttet til {path}. Den gamle fil i {old} kan slettes.").format(
                path=target, old=old.parent
            ),
            15000,
        )
        return True

    def _on_about(self) -> None:
        import platform

        from PySide6.QtCore import qVersion

        from desktop.error_log import log_file
        from desktop.version import app_version, is_bundle
        from models.backups import backup_folder
        from views.about_dialog import AboutDialog, AboutFacts

        runtime = _("Qt {qt}, Python {python}").format(qt=qVersion(), python=platform.python_version())
        if is_bundle():
            runtime += _(", installeret som selvstændig pakke")
        facts = AboutFacts(
            version=app_version(),
            database=self.database_path,
            backups=None if self.on_server else backup_folder(self.database_path),
            log=log_file(),
            runtime=runtime,
        )
        self.about_dialog = AboutDialog(facts=facts, parent=self)
        self.about_dialog.exec()

    def shortcut_lines(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every menu action with a shortcut, as the menus show them, and the keys of
        the tables and fields."""
        lines = []
        for menu_action in self.menuBar().actions():
            for action in menu_action.menu().actions():
                if action.shortcuts():
                    keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                    lines.append((keys, action.text().replace("&", "")))
        paste = QKeySequence(QKeySequence.StandardKey.Paste).toString(QKeySequence.SequenceFormat.NativeText)
        lines += [
            (paste, _("Indsæt rækker kopieret fra Excel (Ansættelser)")),
            (_("Enter"), _("I en liste: åbn den valgte post. I en tabel: gem cellen og gå ned")),
            (_("Tab, Skift+Tab"), _("Gem cellen og gå til højre (venstre); i en liste: gå til formularen")),
            (_("Ctrl+Tab, Ctrl+Skift+Tab"), _("Ud af tabellen til næste (forrige) felt; Tab gør det fra sidste celle")),
            (_("F2"), _("Ret værdien i cellen")),
            (_("Esc"), _("Fortryd det, der er skrevet i cellen eller feltet")),
            (_("Ctrl+Z i et felt"), _("Fortryd først det skrevne i feltet, derefter sidste gemte ændring")),
            (_("Alt + understreget bogstav"), _("Gå til feltet")),
        ]
        return lines

    def _on_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{text}</td></tr>" for keys, text in self.shortcut_lines()
        )
        QMessageBox.information(self, _("Tastaturgenveje"), f"<table>{rows}</table>")

    def _on_open_store(self) -> None:
        from desktop.switch_store import ask_for_store, switch_store

        target = ask_for_store(self)
        if target and switch_store(self, target):
            self._fill_years()

    def _fill_overview(self, page) -> None:
        from models.engine import is_open

        if is_open():  # not when the window was closed (and its store with it) before its first paint
            page.show_status(year_status(self.year))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # back in this window: show what colleagues changed meanwhile (a server database, or another window)
            try:
                self.editor.catch_up()
            except StoreError as error:
                self.statusBar().showMessage(str(error), 15000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from views.pending_guard import may_discard

        invalid = [field for page in self._editing_pages() for field in page.commit_pending()]
        if not may_discard(self, invalid, leaving=_("lukke alligevel")):
            event.ignore()  # the window stays: so do its tasks (the start's check goes on)
            return
        for task in (
            getattr(self, "task", None),
            getattr(self, "start_check", None),
            getattr(self, "figures_task", None),
        ):
            if task is not None and task.is_running():
                task.cancel()
                task.wait()
        self.settings.setValue("window/geometry", self.saveGeometry())
        for splitter in self._splitters():
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.setValue("window/area", self.current_area)
        self.settings.setValue("window/year", self.year)
        self.settings.sync()
        self.closed = True  # what a task hands back later is not shown in a closed window
        super().closeEvent(event)
