"""The enterprise list as a Qt table model over rows read in bulk; sorting and filtering happen in Python
on the row list (a QSortFilterProxyModel calls data() across the Python boundary for every comparison)."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.enterprises import KINDS, KINDS_SHORT, REGISTRATION_SHORT, REGISTRATION_STATUSES
from models.i18n import _
from models.queries import EnterpriseRow
from views.row_model import RowTableModel

COLUMNS = (
    ("report_order", _("Nr.")),
    ("name", _("Navn")),
    ("kind", _("Type")),
    ("place", _("Sted")),
    ("cvr", _("CVR")),
    ("registration", _("Registrering")),
    ("active", _("Status")),
    ("target_groups", _("Målgrupper")),
)
STATUS_FILTERS = {"all": _("Alle"), "active": _("Aktive"), "closed": _("Lukkede")}


class EnterpriseTableModel(RowTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[EnterpriseRow] = []
        self._search = ""
        self._status = "all"
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    # --- Qt interface ---------------------------------------------------------------------------------
    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return KINDS_SHORT[row.kind]
            if key == "registration":
                return REGISTRATION_SHORT.get(row.registration, "")
            if key == "active":
                return _("Aktiv") if row.active else _("Lukket")
            return str(getattr(row, key))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "report_order":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "target_groups":
                return row.target_groups
            if key == "kind":
                return KINDS[row.kind]
            if key == "registration":
                return REGISTRATION_STATUSES.get(row.registration, "")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._apply()

    # --- own interface --------------------------------------------------------------------------------
    def set_rows(self, rows: list[EnterpriseRow]) -> None:
        """The register read again: rows change one by one, and the current one stays current."""
        self._all = rows
        self._apply(sync=True)

    def set_search(self, text: str) -> None:
        self._search = text.strip().casefold()
        self._apply()

    def set_status_filter(self, status: str) -> None:
        self._status = status
        self._apply()

    def _apply(self, *, sync: bool = False) -> None:
        words = self._search.split()
        rows = [
            r
            for r in self._all
            if all(w in r.search_text for w in words)
            and (self._status == "all" or (self._status == "active") == r.active)
        ]
        column, order = self._sort
        key = COLUMNS[column][0]

        def sort_key(row: EnterpriseRow):
            value = getattr(row, key)
            return value.casefold() if isinstance(value, str) else value

        rows.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        if sync:
            self.sync_rows(rows)
        else:
            self.replace_rows(rows)
