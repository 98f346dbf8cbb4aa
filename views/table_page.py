"""A page that is one editable table of records with Tilføj and Fjern, stored at once through the
``Editor``: the shape of CSR-samarbejder, Netværk, Mål and the steps of a progression case."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.i18n import _
from models.record_rows import get_record
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel, heading
from views.record_table import ChoiceDelegate, Column, RecordTableModel
from views.sheet_view import SheetView


class RecordTable(QGroupBox):
    """A titled, editable table with add and remove buttons."""

    def __init__(
        self,
        *,
        title: str,
        editor: Editor,
        model,
        columns: list[Column],
        rows: Callable[[], list],
        new_values: Callable[[], dict | None],
        describe: Callable,
        noun: str,
        confirm_delete: bool = True,
        add_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.editor, self.model_class, self.new_values, self.noun = editor, model, new_values, noun
        self.confirm_delete = confirm_delete
        self.model = RecordTableModel(
            editor=editor, model=model, columns=columns, rows=rows, describe=describe, parent=self
        )
        self.view = SheetView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        for index, column in enumerate(columns):
            if column.kind == "choice":
                self.view.setItemDelegateForColumn(index, ChoiceDelegate(column.choices, self))
        # add_label gives another Alt-letter where a page has two tables
        self.add_button = QPushButton(add_label or _("&Tilføj {noun}").format(noun=noun))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Fjern {noun}").format(noun=noun))
        self.remove_button.clicked.connect(self.remove)
        self.error = ErrorLabel()
        self.model.error_occurred.connect(self.error.show_message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self.model.reload()  # row by row: the current cell stays on its record
        self.view.fitter.fit()

    def add(self) -> None:
        values = self.new_values()
        if values is None:
            return
        record = self.editor.create(self.model_class, values, _("tilføj {noun}").format(noun=self.noun))
        ids = [r.get_id() for r in self.model.records]
        row = ids.index(record.get_id()) if record.get_id() in ids else self.model.rowCount() - 1
        index = self.model.index(row, 0)
        self.view.setFocus()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        record = self.model.records[index.row()]
        if self.confirm_delete and not messages.confirm(
            self,
            _("Fjern {noun}").format(noun=self.noun),
            _("Vil du fjerne {what}? Du kan fortryde med Ctrl+Z.").format(what=self.model._describe(record)),
            yes=_("&Fjern"),
            no=_("&Annullér"),
        ):
            return
        self.editor.delete(get_record(self.model_class, record.get_id()), _("fjern {noun}").format(noun=self.noun))


page_heading = heading
