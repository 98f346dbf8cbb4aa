"""The item models of Aftaler og evalueringer: the outcome grid of one evaluation (edited in place) and
the agreements side by side (read only)."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from models.agreement_comparison import agreement_comparison
from models.agreements import EvaluationOutcome
from models.errors import ValidationError
from models.evaluation_queries import OutcomeRow, outcome_rows
from models.formatting import format_date, format_dkk, format_int, format_pct
from models.i18n import _
from models.record_rows import get_record
from models.validation import parse_int
from views.editor import Editor
from views.row_model import RowTableModel


class OutcomeGridModel(RowTableModel):
    """Every outcome category of the evaluation's paradigm with its count; an edit is stored at once. A
    changed count updates its cell only, so the cursor stays where it is."""

    error_occurred = Signal(str)

    def __init__(self, *, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.evaluation_id: int | None = None
        self.rows: list[OutcomeRow] = []

    def reload(self, evaluation_id: int | None) -> None:
        """Show another evaluation, or the same one after its paradigm's categories changed."""
        rows = outcome_rows(evaluation_id)
        if evaluation_id == self.evaluation_id:
            self.sync_rows(rows)  # counts change cell by cell; the cursor stays
            return
        self.evaluation_id = evaluation_id
        self.replace_rows(rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (_("Udfald"), _("Antal"))[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole:
            marks = [_("godt udfald")] * row.is_good + [_("stop")] * row.is_stopped
            return row.name + (f" ({', '.join(marks)})" if marks else "")
        if index.column() == 1 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if row.count is None else str(row.count)
        if index.column() == 1 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        if self.evaluation_id is None:
            return False
        row = self.rows[index.row()]
        try:
            count = parse_int(str(value), field="count", label=row.name)
            text = _("antal «{category}»").format(category=row.name)
            if row.outcome_id is None and count:
                self.editor.create(
                    EvaluationOutcome,
                    {"evaluation": self.evaluation_id, "category": row.category_id, "count": count},
                    text,
                )
            elif row.outcome_id is not None and count is None:
                self.editor.delete(get_record(EvaluationOutcome, row.outcome_id), text)
            elif row.outcome_id is not None:
                self.editor.update(EvaluationOutcome, row.outcome_id, {"count": count}, text, version=row.version)
        except ValidationError as error:
            self.error_occurred.emit(error.message)
            return False
        self.error_occurred.emit("")
        return True


class ComparisonModel(RowTableModel):
    """The agreements side by side (read only)."""

    HEADERS = (
        _("Aftale"),
        _("Forløb"),
        _("Pris"),
        _("Afsluttede"),
        _("Gode udfald"),
        _("Andel gode"),
        _("Andel stoppet"),
        _("Pris pr. godt udfald"),
        _("Seneste evaluering"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []

    def reload(self, year: int) -> None:
        data = agreement_comparison(year, anonymise=False)
        rows = []
        for row in data.rows:
            latest = row.latest
            price = row.price_per_good_outcome
            price_per_good = format_dkk(price) if price is not None else "–"
            rows.append(
                (
                    f"{row.number}: {row.name}",
                    format_int(row.places) + (f" + {row.extra_places}" if row.extra_places else ""),
                    format_dkk(row.price_dkk) if row.price_dkk else "–",
                    format_int(latest.completed) if latest and latest.completed is not None else "–",
                    format_int(latest.good_outcomes) if latest else "–",
                    format_pct(latest.good_outcome_share) if latest else "–",
                    format_pct(latest.stopped_share) if latest else "–",
                    price_per_good,
                    format_date(latest.date) if latest else _("ingen evaluering"),
                )
            )
        self.replace_rows(rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
