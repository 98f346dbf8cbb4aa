"""Filer → Sikkerhedskopier: the backups with date, reason and size; take one now, or restore one."""

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.backups import backup_folder, list_backups
from models.i18n import _


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB".replace(".", ",") if size >= 1_048_576 else f"{max(size // 1024, 1)} kB"


class BackupDialog(QDialog):
    def __init__(self, *, database: Path, on_backup, on_restore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.on_backup, self.on_restore = database, on_backup, on_restore
        self.setWindowTitle(_("Sikkerhedskopier"))
        note = QLabel(
            _(
                "Der tages automatisk en sikkerhedskopi ved dagens første start og før opdatering, import "
                "og gendannelse. De nyeste fra hver af de sidste 14 dage og 12 måneder gemmes i {folder}."
            ).format(folder=backup_folder(database))
        )
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([_("Taget"), _("Anledning"), _("Størrelse")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.backup_button = QPushButton(_("&Tag sikkerhedskopi nu"))
        self.backup_button.clicked.connect(self._on_backup)
        self.restore_button = QPushButton(_("&Gendan den valgte…"))
        self.restore_button.clicked.connect(self._on_restore)
        folder_button = QPushButton(_("Åbn &mappen"))
        folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup_folder(database))))
        )
        close = QPushButton(_("&Luk"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)
        self.reload()

    def reload(self) -> None:
        self.backups = list_backups(self.database)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            for column, text in enumerate(
                (backup.made.strftime("%d.%m.%Y %H:%M:%S"), backup.reason_label, _size(backup.size))
            ):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))

    def _on_backup(self) -> None:
        self.on_backup()
        self.reload()

    def _on_restore(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.backups) and self.on_restore(self.backups[row]):
            self.reload()
