"""The main window: menu bar, navigation sidebar with every area, year selector, status bar."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.areas import AREAS
from models.figures import default_year, known_years, year_status
from models.i18n import _
from views.overview_page import OverviewPage
from views.placeholder_page import PlaceholderPage

APP_TITLE = "Socialøkonomi"


class MainWindow(QMainWindow):
    def __init__(self, *, database_path: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = database_path
        self.settings = settings
        self.setWindowTitle(f"{APP_TITLE} – {database_path.name}")
        self.resize(1200, 780)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setMinimumWidth(180)
        self.pages = QStackedWidget()
        self.overview = OverviewPage()
        self.page_for: dict[str, QWidget] = {}
        for area in AREAS:
            page = (
                self.overview
                if area.key == "overview"
                else PlaceholderPage(title=area.title, description=area.description)
            )
            self.page_for[area.key] = page
            self.pages.addWidget(page)
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.navigation.addItem(item)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 980])
        self.setCentralWidget(self.splitter)

        self.year_box = QComboBox()
        self.year_box.setObjectName("yearSelector")
        self.year_box.setToolTip(_("Året, som siderne og rapporterne viser"))
        toolbar = QToolBar(_("Værktøjslinje"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        year_label = QLabel(_("&År:"))
        year_label.setBuddy(self.year_box)
        toolbar.addWidget(year_label)
        toolbar.addWidget(self.year_box)
        self.addToolBar(toolbar)

        self._build_menus()
        self.statusBar().showMessage(_("Database: {path}").format(path=database_path))
        self._fill_years()
        self._connect_signals()
        self._restore_state()

    # --- building -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(_("&Filer"))
        self.action_quit = QAction(_("&Afslut"), self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        menu_file.addAction(self.action_quit)

        self.menu_edit = self.menuBar().addMenu(_("&Rediger"))
        self.menu_edit.setObjectName("menuEdit")

        menu_view = self.menuBar().addMenu(_("&Vis"))
        self.area_actions: list[QAction] = []
        for index, area in enumerate(AREAS):
            action = QAction(area.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            action.setData(index)
            menu_view.addAction(action)
            self.area_actions.append(action)

        menu_help = self.menuBar().addMenu(_("&Hjælp"))
        self.action_about = QAction(_("&Om Socialøkonomi"), self)
        menu_help.addAction(self.action_about)

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
        self.action_quit.triggered.connect(self.close)
        self.action_about.triggered.connect(self._on_about)
        for action in self.area_actions:
            action.triggered.connect(lambda _checked=False, a=action: self.navigation.setCurrentRow(a.data()))

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        year = self.settings.value("window/year")
        if year is not None:
            index = self.year_box.findData(int(year))
            if index >= 0:
                self.year_box.setCurrentIndex(index)
        keys = [a.key for a in AREAS]
        area = self.settings.value("window/area", "overview")
        self.navigation.setCurrentRow(keys.index(area) if area in keys else 0)
        self._refresh()

    # --- state ----------------------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    @property
    def current_area(self) -> str:
        return AREAS[self.navigation.currentRow()].key

    def show_area(self, key: str) -> None:
        self.navigation.setCurrentRow([a.key for a in AREAS].index(key))

    def _refresh(self) -> None:
        self.overview.show_status(year_status(self.year))

    # --- slots ----------------------------------------------------------------------------------------
    def _on_area_changed(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)

    def _on_year_changed(self, _index: int) -> None:
        self._refresh()

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            _("Om Socialøkonomi"),
            _(
                "Socialøkonomi holder registret over kommunens socialøkonomiske virksomheder og laver årsrapporten "
                "og jobstatus ud fra data.\n\nDatabase: {path}"
            ).format(path=self.database_path),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/area", self.current_area)
        self.settings.setValue("window/year", self.year)
        self.settings.sync()
        super().closeEvent(event)
