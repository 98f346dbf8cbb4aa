"""Rediger → Papirkurv: deleted records, with what went with them, until the trash is emptied."""

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

from models import editing
from models.errors import StoreError
from models.history_queries import trash_rows
from models.i18n import _
from views import messages
from views.editor import Editor


class TrashDialog(QDialog):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle(_("Papirkurv"))
        note = QLabel(_("Slettede poster ligger her med alt, hvad der hørte til dem, indtil papirkurven tømmes."))
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("trash")
        self.table.setHorizontalHeaderLabels([_("Slettet"), _("Af"), _("Hvad")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.restore_button = QPushButton(_("&Gendan"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(_("&Tøm papirkurven…"))
        self.empty_button.clicked.connect(self.empty)
        close = QPushButton(_("&Luk"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(640, 400)
        self.reload()

    def reload(self) -> None:
        self.items = trash_rows()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for column, text in enumerate((item.deleted_at.strftime("%d.%m.%Y %H:%M"), item.user, item.description)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.items:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.items))
        self.empty_button.setEnabled(bool(self.items))

    def restore_selected(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return False
        item = self.items[row]
        try:
            self.editor.restore_from_trash(item.id, _("gendan {what}").format(what=item.description))
        except StoreError as error:
            messages.error(self, _("Gendan"), str(error))
            return False
        self.reload()
        return True

    def empty(self) -> None:
        if messages.confirm(
            self,
            _("Tøm papirkurven"),
            _("Vil du slette de {n} poster i papirkurven for altid?").format(n=len(self.items)),
            yes=_("&Tøm"),
            no=_("&Annullér"),
        ):
            try:
                editing.empty_trash()
            except StoreError as error:
                messages.error(self, _("Tøm papirkurven"), str(error))
            self.reload()
