"""Ansættelser: placements entered as fast as in a spreadsheet. The last row is a new one: typing a date,
an enterprise (type-ahead), a type, a channel and optional hours stores it as soon as it is complete.
Rows pasted from Excel are checked one by one: good rows are added, bad ones named by row and field."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enterprises import Enterprise
from models.errors import ValidationError
from models.figures import job_counts, year_end, year_start, yearly_jobs_target
from models.formatting import format_decimal, format_short_date
from models.i18n import _, ngettext
from models.placement_rows import channel_of, parse_rows
from models.placements import CHANNELS, JobPlacement, PlacementType
from models.validation import parse_date, parse_decimal
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel
from views.record_table import ChoiceDelegate

COLUMNS = (
    ("date", _("Dato")),
    ("enterprise", _("Virksomhed")),
    ("type", _("Type")),
    ("channel", _("Kanal")),
    ("hours_per_week", _("Timer pr. uge")),
)
REQUIRED = ("date", "enterprise", "type", "channel")


@dataclass
class _Row:
    id: int | None
    values: dict  # date, enterprise (id), type (id), channel, hours_per_week
    version: int | None = None  # the row version shown: a colleague's save since is not overwritten


class PlacementTableModel(QAbstractTableModel):
    error_occurred = Signal(str)

    def __init__(self, *, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.rows: list[_Row] = []
        self.pending = _Row(None, {"channel": "jobcenter"})
        self.enterprise_names: dict[int, str] = {}
        self.type_names: dict[int, str] = {}

    def reload(self) -> None:
        self.enterprise_names = dict(
            Enterprise.select(Enterprise.id, Enterprise.name).order_by(Enterprise.name).tuples()
        )
        self.type_names = dict(
            PlacementType.select(PlacementType.id, PlacementType.name)
            .order_by(PlacementType.position, PlacementType.name)
            .tuples()
        )
        from models.placement_rows import placements_in_year

        parse = dt.date.fromisoformat
        found = placements_in_year(self.year)
        self.beginResetModel()
        self.rows = [
            _Row(
                id_,
                {
                    "date": parse(d),
                    "enterprise": e,
                    "type": t,
                    "channel": c,
                    "hours_per_week": Decimal(str(h)) if h is not None else None,
                },
                v,
            )
            for id_, d, e, t, c, h, v in found
        ]
        self.endResetModel()

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
        row = self.row_at(index.row())
        key = COLUMNS[index.column()][0]
        value = row.values.get(key)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if key == "date":
                return format_short_date(value)
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
                    values = dict(row.values)
                    self.pending = _Row(None, {"channel": values["channel"]})
                    self.editor.create(JobPlacement, values, _("ny ansættelse"))
        except ValidationError as error:
            self.error_occurred.emit(error.message)
            return False
        self.error_occurred.emit("")
        return True

    def create_rows(self, rows: list[dict]) -> int:
        """Store pasted rows as one undo step; return how many."""
        if not rows:
            return 0
        from models.editing import add_checked

        text = ngettext("indsæt {n} ansættelse", "indsæt {n} ansættelser", len(rows)).format(n=len(rows))
        self.editor.run_bulk(text, "paste", lambda: [add_checked(JobPlacement, values) for values in rows])
        return len(rows)


class PlacementPage(QWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        hint = QLabel(
            _(
                "Skriv i den nederste række (*) for at tilføje. Ctrl+V indsætter rækker kopieret fra "
                "Excel: dato, virksomhed, type, kanal, timer. Ingen navne på borgere."
            )
        )
        hint.setWordWrap(True)

        self.model = PlacementTableModel(editor=editor, parent=self)
        self.table = QTableView()
        self.table.setObjectName("placementTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 260, 130, 190)):
            self.table.setColumnWidth(column, width)
        self.table.setItemDelegateForColumn(1, ChoiceDelegate(lambda: self.model.enterprise_names, self))
        self.table.setItemDelegateForColumn(2, ChoiceDelegate(lambda: self.model.type_names, self))
        self.table.setItemDelegateForColumn(3, ChoiceDelegate(CHANNELS, self))
        self.table.installEventFilter(self)
        self.error = ErrorLabel()
        self.model.error_occurred.connect(self.error.show_message)

        self.counts_box = QGroupBox()
        self.counts = QGridLayout(self.counts_box)
        self.target_bar = QProgressBar()
        self.target_bar.setObjectName("targetBar")
        self.target_label = QLabel()
        self.target_label.setObjectName("targetLabel")

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(hint)
        left.addWidget(self.table, 1)
        left.addWidget(self.error)
        right = QVBoxLayout()
        right.addWidget(self.counts_box)
        right.addWidget(self.target_label)
        right.addWidget(self.target_bar)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)
        self.editor.changed.connect(self._on_store_changed)

    def set_year(self, year: int) -> None:
        self.year = year
        self.model.year = year
        self.model.pending = type(self.model.pending)(None, {"channel": "jobcenter"})
        self.reload()

    def reload(self) -> None:
        self.heading.setText(_("Ansættelser {year}").format(year=self.year))
        self.model.reload()
        self._show_counts()

    def _show_counts(self) -> None:
        jobs = job_counts(year_start(self.year), year_end(self.year))
        target = yearly_jobs_target(self.year)
        while self.counts.count():
            item = self.counts.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from findChild at once, not at the next turn of the event loop
                widget.deleteLater()
        self.counts_box.setTitle(_("Optalt for {year}").format(year=self.year))
        headers = [_("Type"), _("Jobcenteret"), _("Egne kanaler")]
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            self.counts.addWidget(label, 0, column)
        types = list(dict.fromkeys([*jobs.jobcenter, *jobs.own]))
        for row, type_name in enumerate(types, start=1):
            self.counts.addWidget(QLabel(type_name), row, 0)
            for column, counts in ((1, jobs.jobcenter), (2, jobs.own)):
                value = QLabel(str(counts.get(type_name, 0)))
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.counts.addWidget(value, row, column)
        total_row = len(types) + 1
        self.counts.addWidget(QLabel(f"<b>{_('I alt')}</b>"), total_row, 0)
        for column, total in ((1, jobs.jobcenter_total), (2, jobs.own_total)):
            value = QLabel(f"<b>{total}</b>")
            value.setObjectName(("jobcenterTotal", "ownTotal")[column - 1])
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counts.addWidget(value, total_row, column)
        if target:
            self.target_label.setText(
                _("{n} af årets mål på {target} jobs gennem Jobcenteret").format(n=jobs.jobcenter_total, target=target)
            )
            self.target_bar.setRange(0, target)
            self.target_bar.setValue(min(jobs.jobcenter_total, target))
            self.target_bar.setFormat(f"{round(100 * jobs.jobcenter_total / target)} %")
            self.target_bar.show()
        else:
            self.target_label.setText(_("Der er ikke sat et årligt mål for jobs (se Mål)."))
            self.target_bar.hide()

    # --- actions --------------------------------------------------------------------------------------
    def focus_new_row(self) -> None:
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def paste(self, text: str | None = None) -> None:
        text = QGuiApplication.clipboard().text() if text is None else text
        rows, problems = parse_rows(text)
        wrong_year = [r for r in rows if r["date"].year != self.year]
        rows = [r for r in rows if r["date"].year == self.year]
        added = self.model.create_rows(rows)
        lines = [str(p) for p in problems]
        if wrong_year:
            lines.append(
                ngettext(
                    "{n} række ligger ikke i {year} og er ikke indsat.",
                    "{n} rækker ligger ikke i {year} og er ikke indsat.",
                    len(wrong_year),
                ).format(n=len(wrong_year), year=self.year)
            )
        summary = ngettext("{n} ansættelse er indsat.", "{n} ansættelser er indsat.", added).format(n=added)
        self.error.show_message("\n".join(lines))
        if lines:
            messages.error(self, _("Nogle rækker blev ikke indsat"), summary + "\n\n" + "\n".join(lines))

    def delete_selected(self) -> None:
        rows = sorted(
            {i.row() for i in self.table.selectionModel().selectedIndexes()}
            | ({self.table.currentIndex().row()} if self.table.currentIndex().isValid() else set())
        )
        records = [self.model.rows[r].id for r in rows if r < len(self.model.rows)]
        if not records:
            return
        text = ngettext("Vil du slette {n} ansættelse?", "Vil du slette {n} ansættelser?", len(records)).format(
            n=len(records)
        )
        if not messages.confirm(self, _("Slet ansættelser"), text, yes=_("&Slet"), no=_("&Annullér")):
            return
        self.editor.begin(ngettext("slet {n} ansættelse", "slet {n} ansættelser", len(records)).format(n=len(records)))
        try:
            for record_id in records:
                self.editor.delete(JobPlacement.get_by_id(record_id), _("slet ansættelse"))
        finally:
            self.editor.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            self.paste()
            return True
        return super().eventFilter(watched, event)

    def _on_store_changed(self, model_name: str) -> None:
        if model_name in ("JobPlacement", "Enterprise", "PlacementType", "Goal"):
            current = self.table.currentIndex()
            self.reload()
            if current.isValid():
                self.table.setCurrentIndex(
                    self.model.index(min(current.row(), self.model.rowCount() - 1), current.column())
                )

    def pending_invalid(self) -> list[str]:
        return []

    def commit_pending(self) -> list[str]:
        return []
