"""Ansættelser: placements entered as fast as in a spreadsheet. The last row is a new one: typing a date,
an enterprise (type-ahead), a type, a channel and optional hours stores it as soon as it is complete.
Rows pasted from Excel are checked one by one: good rows are added, bad ones named by row and field."""

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from models.changes import ChangeSet
from models.errors import StoreError
from models.figures import job_counts, year_end, year_start, yearly_jobs_target
from models.i18n import _, ngettext
from models.placement_rows import parse_rows
from models.placements import CHANNELS, JobPlacement
from models.record_rows import get_record
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel
from views.page_refresh import RefreshWhenShown
from views.placement_table import PlacementTableModel
from views.record_table import ChoiceDelegate
from views.sheet_view import SheetView


class PlacementPage(RefreshWhenShown, QWidget):
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
        self.table = SheetView()
        self.table.setObjectName("placementTable")
        self.table.setModel(self.model)
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
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._show_counts)
        self.editor.changes.connect(self._on_changes)

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
        # the rows' changes are gathered and shown once, after the last row (not one table update per row)
        self._gathered: ChangeSet | None = ChangeSet()
        try:
            added, refused = self.model.create_rows(rows)
        except StoreError as error:  # the store refuses the whole paste (read-only, a full disk)
            added, refused = 0, [str(error)]
        finally:
            gathered, self._gathered = self._gathered, None
            if gathered:
                self._on_changes(gathered)
        lines = [str(p) for p in problems] + refused
        if wrong_year:
            lines.append(
                ngettext(
                    "{n} række ligger ikke i {year} og er ikke indsat.",
                    "{n} rækker ligger ikke i {year} og er ikke indsat.",
                    len(wrong_year),
                ).format(n=len(wrong_year), year=self.year)
            )
        summary = ngettext("{n} ansættelse er indsat.", "{n} ansættelser er indsat.", added).format(n=added)
        self.error.show_message(messages.first_lines(lines, 3))
        if lines:
            messages.problems(self, _("Nogle rækker blev ikke indsat"), summary, lines)

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
        try:
            with self.editor.group(
                ngettext("slet {n} ansættelse", "slet {n} ansættelser", len(records)).format(n=len(records))
            ):
                for record_id in records:
                    self.editor.delete(get_record(JobPlacement, record_id), _("slet ansættelse"))
        except StoreError as error:  # all or nothing: a locked year refuses the whole step
            messages.error(self, _("Slet ansættelser"), str(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            self.paste()
            return True
        return super().eventFilter(watched, event)

    def catch_up(self) -> None:
        self.reload()

    def _on_changes(self, changes: ChangeSet) -> None:
        if getattr(self, "_gathered", None) is not None:
            self._gathered += changes
            return
        if not changes.touches("JobPlacement", "Enterprise", "PlacementType", "Goal") or self.behind():
            return
        if changes.touches("JobPlacement", "Enterprise", "PlacementType"):
            self.model.apply(changes)
        if changes.touches("JobPlacement", "PlacementType", "Goal"):
            self._counts_timer.start()  # once for a burst of changes (an undone paste)

    def pending_invalid(self) -> list[str]:
        """The new row (*) holds typing that cannot be stored until it is complete."""
        typed = {key: value for key, value in self.model.pending.values.items() if key != "channel" and value}
        return [_("ny ansættelse (rækken med *)")] if typed else []

    def commit_pending(self) -> list[str]:
        return self.pending_invalid()
