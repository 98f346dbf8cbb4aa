"""An editable table of child records (a grant's funders, an enterprise's registrations): a Qt item
model whose edits go through the ``Editor`` (stored at once, undoable) and whose invalid input is refused
with a message, the stored value kept."""

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from models.errors import ValidationError
from models.formatting import format_decimal, format_int
from models.i18n import _
from models.validation import parse_amount, parse_date, parse_decimal, parse_int
from views.editor import Editor
from views.fields import date_text
from views.row_model import RowTableModel


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str = "text"  # text | date | amount | int | decimal | bool | choice | computed (read only)
    choices: dict | Callable[[], dict] = field(default_factory=dict)  # stored value -> label, for "choice"
    compute: Callable | None = None  # record -> text, for "computed"
    refuse: Callable[[object], str] | None = None  # parsed value -> why the table refuses it ("" if it takes it)

    def choice_map(self) -> dict:
        return self.choices() if callable(self.choices) else self.choices


class RecordTableModel(RowTableModel):
    error_occurred = Signal(str)

    def __init__(
        self,
        *,
        editor: Editor,
        model: type[object],
        columns: list[Column],
        rows: Callable[[], list[object]],
        describe: Callable[[object], str],
        read_only: Callable[[], bool] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.editor, self.model, self.columns = editor, model, columns
        self.read_only = read_only or (lambda: False)
        self._load_rows, self._describe = rows, describe

    @property
    def records(self) -> list:
        return self.rows

    def reload(self) -> None:
        """Read the rows again; rows that stay keep their place and the current cell stays on its record."""
        # each choice column's labels are read once per reload, not once per painted cell
        choices = {c.field: c.choice_map() for c in self.columns if c.kind == "choice"}
        changed_labels = choices != getattr(self, "_choices", None)
        self._choices = choices
        self.sync_rows(self._load_rows())
        if changed_labels and self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only() or self.columns[index.column()].kind == "computed":
            return base
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.records):
            return None
        column = self.columns[index.column()]
        record = self.records[index.row()]
        if column.kind == "computed":
            return column.compute(record) if role == Qt.ItemDataRole.DisplayRole and column.compute else None
        value = (
            getattr(record, column.field + "_id", None)
            if column.kind == "choice" and hasattr(record, column.field + "_id")
            else getattr(record, column.field)
        )
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column.kind == "date":
                return date_text(value)
            if column.kind == "amount":
                return format_int(value) if value is not None else ""
            if column.kind in ("int", "decimal"):
                return "" if value is None else format_decimal(value) if column.kind == "decimal" else str(value)
            if column.kind == "choice":
                labels = self._choices.get(column.field) if hasattr(self, "_choices") else column.choice_map()
                return labels.get(value, "") if role == Qt.ItemDataRole.DisplayRole else value
            return value if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("amount", "int", "decimal"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        record = self.records[index.row()]
        try:
            if column.kind == "bool":
                if role != Qt.ItemDataRole.CheckStateRole:
                    return False
                parsed = Qt.CheckState(value) == Qt.CheckState.Checked
            elif role != Qt.ItemDataRole.EditRole:
                return False
            elif column.kind == "date":
                parsed = parse_date(str(value), field=column.field, label=column.header)
            elif column.kind == "amount":
                parsed = parse_amount(str(value))[0] if str(value).strip() else None
            elif column.kind == "int":
                parsed = parse_int(str(value), field=column.field, label=column.header)
            elif column.kind == "choice":
                parsed = _choice(column, value)
            elif column.kind == "decimal":
                text = str(value).strip()
                parsed = parse_decimal(text, field=column.field, label=column.header) if text else None
            else:
                parsed = value
            reason = column.refuse(parsed) if column.refuse else ""
            if reason:
                raise ValidationError(column.field, reason)
            self.editor.update(
                self.model,
                record.get_id(),
                {column.field: parsed},
                f"{column.header.lower()} for {self._describe(record)}",
                version=record.row_version,  # the row as shown: a colleague's save since is not overwritten
            )
        except ValidationError as error:
            self.error_occurred.emit(error.message)
            return False
        self.error_occurred.emit("")
        return True


def _choice(column: Column, value):
    choices = column.choice_map()
    if value in choices:
        return value
    text = str(value).strip().casefold()
    match = next((key for key, label in choices.items() if str(label).casefold() == text), None)
    if match is None:
        raise ValidationError(
            column.field,
            _("«{value}» er ikke et af valgene i {header}.").format(value=value, header=column.header.lower()),
        )
    return match


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a "choice" column with a combo box of its labels; typing a few letters picks the match."""

    def __init__(self, choices: dict | Callable[[], dict], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option, index):  # noqa: N802
        combo = QComboBox(parent)
        choices = self.choices() if callable(self.choices) else self.choices
        for value, label in choices.items():
            combo.addItem(label, value)
        if len(choices) > 8:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: N802
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(found)
        if editor.isEditable():
            if found < 0:
                editor.setEditText("")
            editor.lineEdit().selectAll()  # typing replaces the value, as in a spreadsheet cell

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: N802
        if not editor.isEditable():
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        text = editor.currentText().strip()
        match = editor.findText(text, Qt.MatchFlag.MatchFixedString)
        # a typed name that matches no item is handed on as text, so the model refuses it with a message
        model.setData(index, editor.itemData(match) if match >= 0 else text, Qt.ItemDataRole.EditRole)
