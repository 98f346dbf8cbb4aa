"""The table of Ansættelser: the year's placements and, last, the new row. Changes arrive as ``ChangeSet``s
and touch only their rows; a row typed in the new row is stored as soon as it is complete and stays where it
was typed.

A year may hold 50,000 placements at national size: the table reads their ids and dates (its order, from the
date index) and the values of a block of rows when one of them is first shown, not every row's values."""

import bisect
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from models.batch import one_transaction
from models.changes import ChangeSet
from models.editing import add_checked
from models.enterprise_queries import enterprise_names
from models.errors import ValidationError
from models.formatting import format_decimal, format_field_date
from models.i18n import _, ngettext
from models.placement_queries import placement_keys_in_year, placement_type_names, placements_by_id
from models.placement_rows import channel_of
from models.placements import CHANNELS, JobPlacement
from models.validation import parse_date, parse_decimal
from views.editor import Editor
from views.row_model import RowTableModel

COLUMNS = (
    ("date", _("Dato")),
    ("enterprise", _("Virksomhed")),
    ("type", _("Type")),
    ("channel", _("Kanal")),
    ("hours_per_week", _("Timer pr. uge")),
)
REQUIRED = ("date", "enterprise", "type", "channel")
SHOWN_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole,
)
BLOCK = 200  # rows whose values are read together, when the first of them is shown


@dataclass(slots=True)
class _Row:
    id: int | None
    values: dict | None  # date, enterprise (id), type (id), channel, hours_per_week; None until the row is shown
    key: str = ""  # the date as ISO text: the table's order is (key, id)
    version: int | None = None  # the row version read with the values: a save passes it, so a colleague's save
    # since is refused, not overwritten


class PlacementTableModel(RowTableModel):
    """The year's placements and, last, the new row. Changes arrive as ``ChangeSet``s and touch only their
    rows, so the current cell stays on its record; a row typed in the new row stays where it was typed."""

    error_occurred = Signal(str)

    def __init__(self, *, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.rows: list[_Row] = []
        self.pending = _Row(None, {"channel": "jobcenter"})
        self.enterprise_names: dict[int, str] = {}
        self.type_names: dict[int, str] = {}
        self._typing = False  # the new row is being stored: its id takes the new row's place

    def reload(self) -> None:
        self.enterprise_names = enterprise_names()
        self.type_names = placement_type_names()
        self.beginResetModel()
        self.rows = [_Row(record_id, None, day) for record_id, day in placement_keys_in_year(self.year)]
        self.endResetModel()

    def values_at(self, row: int) -> dict:
        """The values of the row at ``row``, read (with its block) if they have not been shown yet."""
        found = self.row_at(row)
        if found.values is None:
            start = row - row % BLOCK
            block = [r for r in self.rows[start : start + BLOCK] if r.values is None]
            fresh = placements_by_id(r.id for r in block)
            for r in block:
                stored = fresh.get(r.id)
                r.values = stored.values() if stored is not None else {}  # gone: the ChangeSet removes it
                r.version = stored.row_version if stored is not None else None
        return found.values

    def apply(self, changes: ChangeSet) -> None:
        """Insert, update or remove the rows ``changes`` names."""
        if changes.reset:
            self.reload()
            return
        last = len(self.rows)
        if changes.touches("Enterprise"):
            self.enterprise_names = enterprise_names()
            self.dataChanged.emit(self.index(0, 1), self.index(last, 1))
        if changes.touches("PlacementType"):
            self.type_names = placement_type_names()
            self.dataChanged.emit(self.index(0, 2), self.index(last, 2))
        removed = changes.ids("JobPlacement", "removed")
        for row in reversed([i for i, r in enumerate(self.rows) if r.id in removed]):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
        changed, added = changes.ids("JobPlacement", "changed"), changes.ids("JobPlacement", "added")
        fresh = placements_by_id(changed | added) if changed or added else {}
        for record_id in changed:
            row = self.row_of(record_id)
            if row < 0:
                continue
            record = fresh.get(record_id)
            if record is None or record.date.year != self.year:  # gone, or moved to another year
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()
                continue
            self.rows[row] = _Row(record_id, record.values(), record.date.isoformat(), record.row_version)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        shown = {r.id for r in self.rows} if added else set()  # one pass, not one search per added row
        for record_id in sorted(added):
            record = fresh.get(record_id)
            if record is None or record.date.year != self.year or record_id in shown:
                continue
            stored = _Row(record_id, record.values(), record.date.isoformat(), record.row_version)
            if self._typing:
                self._store_pending(stored)
                continue
            row = bisect.bisect_right(self.rows, (stored.key, record_id), key=lambda r: (r.key, r.id))
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.insert(row, stored)
            self.endInsertRows()

    def _store_pending(self, stored: _Row) -> None:
        """The new row has been stored: it stays where it is, and a fresh new row opens below it."""
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self.rows.append(stored)
        self.pending = _Row(None, {"channel": stored.values["channel"]})
        self.endInsertRows()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row + 1)

    # --- Qt interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return "*" if section == len(self.rows) else str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def row_at(self, row: int) -> _Row:
        return self.pending if row == len(self.rows) else self.rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in SHOWN_ROLES:
            return None  # the roles a delegate asks for and this table does not set: no row is read for them
        row = self.row_at(index.row())
        key = COLUMNS[index.column()][0]
        value = self.values_at(index.row()).get(key)
        if role == Qt.ItemDataRole.EditRole and key in ("enterprise", "type", "channel"):
            return value  # the choice delegates look the stored id up
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if value is None:
                return ""
            if key == "date":
                return format_field_date(value)
            if key == "enterprise":
                return self.enterprise_names.get(value, "")
            if key == "type":
                return self.type_names.get(value, "")
            if key == "channel":
                return CHANNELS.get(value, "")
            if key == "hours_per_week":
                return format_decimal(value)
        if role == Qt.ItemDataRole.ForegroundRole and row.id is None:
            return Qt.GlobalColor.darkGray
        if role == Qt.ItemDataRole.ToolTipRole and row.id is None:
            return _("Ny ansættelse: udfyld dato, virksomhed og type; den gemmes, når rækken er udfyldt.")
        return None

    def _parse(self, key: str, value) -> object:
        text = "" if value is None else str(value)
        if key == "date":
            return parse_date(text, field="date", label=_("Datoen")) if not isinstance(value, dt.date) else value
        if key == "hours_per_week":
            return parse_decimal(text.replace(".", ","), field=key, label=_("Timer pr. uge")) if text.strip() else None
        if key == "enterprise":
            if isinstance(value, int):
                return value
            match = next((i for i, n in self.enterprise_names.items() if n.casefold() == text.strip().casefold()), None)
            if match is None:
                raise ValidationError(key, _("«{name}» findes ikke i registret.").format(name=text))
            return match
        if key == "type":
            if isinstance(value, int):
                return value
            match = next((i for i, n in self.type_names.items() if n.casefold() == text.strip().casefold()), None)
            if match is None:
                raise ValidationError(key, _("«{name}» er ikke en kendt ansættelsestype.").format(name=text))
            return match
        if key == "channel":
            channel = value if value in CHANNELS else channel_of(text)
            if channel is None:
                raise ValidationError(key, _("Vælg Jobcenteret eller egne kanaler."))
            return channel
        return value

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = COLUMNS[index.column()][0]
        row = self.row_at(index.row())
        try:
            parsed = self._parse(key, value)
            if key == "date" and parsed is not None and parsed.year != self.year:
                raise ValidationError(
                    key, _("Datoen ligger ikke i {year}. Skift år for at registrere den.").format(year=self.year)
                )
            if row.id is not None:
                self.values_at(index.row())  # the version is read with the row's values
                self.editor.update(
                    JobPlacement,
                    row.id,
                    {key: parsed},
                    _("{field} for en ansættelse").format(field=COLUMNS[index.column()][1].lower()),
                    version=row.version,
                )
            else:
                row.values[key] = parsed
                self.dataChanged.emit(index, index)
                if all(row.values.get(k) is not None for k in REQUIRED):
                    self._typing = True
                    try:
                        self.editor.create(JobPlacement, dict(row.values), _("ny ansættelse"))
                    finally:
                        self._typing = False
        except ValidationError as error:
            self.error_occurred.emit(error.message)
            return False
        self.error_occurred.emit("")
        return True

    def create_rows(self, rows: list[dict]) -> tuple[int, list[str]]:
        """Store pasted rows as one undo step and one transaction; return how many were stored and the
        messages of those the store refused (each refused row changes nothing)."""
        if not rows:
            return 0, []
        refused: list[str] = []

        def add_all() -> None:
            for values in rows:
                try:
                    with one_transaction():  # its own savepoint: a refused row changes nothing, the others stay
                        add_checked(JobPlacement, values)
                except ValidationError as error:
                    refused.append(f"{format_field_date(values['date'])}: {error.message}")

        text = ngettext("indsæt {n} ansættelse", "indsæt {n} ansættelser", len(rows)).format(n=len(rows))
        self.editor.run_bulk(text, "paste", add_all)  # one transaction, one audit entry, one undo step
        return len(rows) - len(refused), refused
