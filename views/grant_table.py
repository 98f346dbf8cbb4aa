"""The list of grants as a Qt table model over rows read in bulk."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.formatting import format_dkk
from models.i18n import _
from models.queries import GrantRow
from views.row_model import RowTableModel

COLUMNS = (
    ("enterprise", _("Virksomhed")),
    ("year", _("År")),
    ("amount", _("Beløb")),
    ("purpose", _("Formål")),
    ("funders", _("Bevillingsgivere")),
)


class GrantTableModel(RowTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[GrantRow] = []
        self._shown: tuple | None = None  # what the rows are of: (year, enterprise)

    def set_rows(self, rows: list[GrantRow], *, of: tuple | None = None) -> None:
        """Show ``rows``; if they are of the same year and filter as before, change only the rows that differ."""
        if of is not None and of == self._shown:
            self.sync_rows(rows)
        else:
            self.replace_rows(rows)
        self._shown = of

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "amount":
                return format_dkk(row.amount_dkk, approximate=row.approximate) if row.amount_dkk is not None else ""
            if key == "year":
                return f"{row.year}–{row.covers_until_year}" if row.covers_until_year else str(row.year)
            if key == "funders":
                return row.funder_names if row.funders <= 2 else _("{n} bevillingsgivere").format(n=row.funders)
            return str(getattr(row, key) or "")
        if role == Qt.ItemDataRole.ToolTipRole and key == "funders":
            return row.funder_names
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
