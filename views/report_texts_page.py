"""Årsrapport-tekster: the texts of the selected year's report, each part with a preview as it will print;
"Opret næste år" starts the next year as an unrevised copy."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.changes import ChangeSet
from models.errors import StoreError
from models.i18n import _
from models.record_rows import get_record
from models.report_text_queries import (
    holistic,
    new_holistic_values,
    new_reference_values,
    new_section_values,
    new_story_values,
    references,
    report_year,
    report_year_exists,
    sections,
    stories,
)
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    Story,
)
from models.report_years import create_next_year
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel, FormBinder, add_field_row, heading
from views.page_refresh import RefreshWhenShown
from views.pending_guard import may_discard
from views.record_table import Column
from views.report_settings import ReportSettings
from views.report_text_panel import ReportTextPanel
from views.table_page import RecordTable

WATCHED = {
    "ReportYear",
    "ReportSection",
    "SectionDecision",
    "Story",
    "HolisticRecommendation",
    "Reference",
    "EnterpriseText",
}


_heading = heading


def _ListEditor(*, editor: Editor, model, columns: list[Column], rows, new_values, describe: str) -> RecordTable:  # noqa: N802
    """A table of a year's small texts (stories, holistic recommendations, references) with add and remove."""
    table = RecordTable(
        title="",
        editor=editor,
        model=model,
        columns=columns,
        rows=rows,
        new_values=new_values,
        describe=lambda _record: describe,
        noun=describe,
        confirm_delete=False,
    )
    table.view.setWordWrap(True)
    table.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class ReportTextsPage(ReportSettings, RefreshWhenShown, QWidget):
    year_created = Signal(int)

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = 0
        self.report_year: ReportYear | None = None
        self._create_from: int | None = None
        self.settings_binder = FormBinder(self)

        self.heading = _heading()
        self.revised_box = QCheckBox(_("Teksterne er &gennemgået for året"))
        self.revised_box.setObjectName("revised")
        self.next_year_button = QPushButton()
        self.next_year_button.setObjectName("nextYear")
        self.next_year_button.clicked.connect(self._on_next_year)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.revised_box)
        top.addWidget(self.next_year_button)

        self.parts = QListWidget()
        self.parts.setObjectName("reportParts")
        self.parts.currentRowChanged.connect(self._on_part_changed)
        self.parts.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.parts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_section_button = QPushButton(_("Nyt &afsnit"))
        self.add_section_button.clicked.connect(self._on_add_section)
        self.remove_section_button = QPushButton(_("Slet afsnit"))
        self.remove_section_button.clicked.connect(self._on_remove_section)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.parts, 1)
        part_buttons = QHBoxLayout()
        part_buttons.addWidget(self.add_section_button)
        part_buttons.addWidget(self.remove_section_button)
        left_layout.addLayout(part_buttons)

        self.stack = QStackedWidget()
        self.settings_panel = self._settings_panel()
        self.text_panel = ReportTextPanel(
            editor=editor, context=lambda: (self.year, self.report_year), set_year_field=self._set_year_field
        )
        # the text panel's parts, as the page's tests and slots know them
        for name in ("text_binder", "title_edit", "number_edit", "body_edit", "recommendation_edit", "preview"):
            setattr(self, name, getattr(self.text_panel, name))
        for name in ("decisions", "decisions_view", "insert_button", "preview_timer"):
            setattr(self, name, getattr(self.text_panel, name))
        self.stories = _ListEditor(
            editor=editor,
            model=Story,
            columns=[Column("text", _("Positiv historie"))],
            rows=lambda: stories(self._year_id),
            new_values=lambda: new_story_values(self._year_id),
            describe=_("positiv historie"),
        )
        self.holistic = _ListEditor(
            editor=editor,
            model=HolisticRecommendation,
            columns=[
                Column("label_text", _("Punkt")),
                Column("context", _("Baggrund")),
                Column("recommendation", _("Anbefaling")),
            ],
            rows=lambda: holistic(self._year_id),
            new_values=lambda: new_holistic_values(self._year_id),
            describe=_("helhedsanbefaling"),
        )
        self.references = _ListEditor(
            editor=editor,
            model=Reference,
            columns=[Column("text", _("Hjemmel eller reference"))],
            rows=lambda: references(self._year_id),
            new_values=lambda: new_reference_values(self._year_id),
            describe=_("reference"),
        )
        self.empty_panel = QWidget()
        empty_layout = QVBoxLayout(self.empty_panel)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self._on_create_year)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        for panel in (
            self.settings_panel,
            self.text_panel,
            self.stories,
            self.holistic,
            self.references,
            self.empty_panel,
        ):
            self.stack.addWidget(panel)

        self.splitter = QSplitter()
        self.splitter.setObjectName("reportTextsSplitter")
        scroll = QScrollArea()  # the page also fits a small screen at 200 % scaling
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.stack)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.settings_binder.bind(
            self.revised_box,
            label=_("Gennemgået"),
            error=ErrorLabel(),
            load=lambda: bool(self.report_year and self.report_year.revised),
            commit=lambda value: self._set_year_field("revised", _("gennemgået"), value),
        )
        self.editor.changes.connect(self._on_changes)

    # --- panels -------------------------------------------------------------------------------------
    def _row(
        self, form: QFormLayout, binder: FormBinder, label: str, widget: QWidget, name: str, load, commit
    ) -> QWidget:
        return add_field_row(form, binder, label, widget, name, load, commit)

    @property
    def section(self):
        """The section being edited, None on the other parts."""
        return self.text_panel.section if self.stack.currentWidget() is self.text_panel else None

    @property
    def _year_id(self) -> int | None:
        return self.report_year.id if self.report_year else None

    # --- showing ------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload(force=True)

    def reload(self, *, force: bool = False) -> None:
        self.report_year = report_year(self.year)
        self.text_panel.fields = None
        self.heading.setText(_("Årsrapport-tekster {year}").format(year=self.year))
        exists = self.report_year is not None
        next_exists = report_year_exists(self.year + 1)
        self.next_year_button.setText(_("Opret {next} ud fra {year}").format(next=self.year + 1, year=self.year))
        self.next_year_button.setVisible(exists and not next_exists)
        self.revised_box.setVisible(exists)
        for widget in (self.add_section_button, self.remove_section_button):
            widget.setEnabled(exists)
        self.settings_binder.load(force=force, record=self.year)
        row = self.parts.currentRow()
        current = self.parts.currentItem().data(Qt.ItemDataRole.UserRole) if self.parts.currentItem() else None
        self.parts.blockSignals(True)
        self.parts.clear()
        if exists:
            entries = [("settings", _("Forside og årets tal")), ("foreword", _("Forord"))]
            entries += [(f"section:{s.id}", f"{s.number} {s.title}") for s in sections(self.report_year.id)]
            entries += [
                ("stories", _("Positive historier")),
                ("holistic", _("Helhedsanbefalinger")),
                ("references", _("Hjemmel og referencer")),
            ]
            for key, label in entries:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.parts.addItem(item)
        keys = [self.parts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.parts.count())]
        self.parts.setCurrentRow(keys.index(current) if current in keys else (min(row, len(keys) - 1) if keys else -1))
        self.parts.blockSignals(False)
        self._show_part(force=force)

    def _show_part(self, *, force: bool = True) -> None:
        if self.report_year is None:
            previous = report_year(self.year - 1)
            self.empty_label.setText(_("Der er ingen årsrapport-tekster for {year} endnu.").format(year=self.year))
            self._create_from = previous.year if previous else None
            self.create_button.setText(
                _("Opret {year} ud fra {source}").format(year=self.year, source=previous.year)
                if previous
                else _("Opret en tom årsrapport for {year}").format(year=self.year)
            )
            self.stack.setCurrentWidget(self.empty_panel)
            return
        item = self.parts.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else "settings"
        if key == "settings":
            self.stack.setCurrentWidget(self.settings_panel)
        elif key == "foreword" or key.startswith("section:"):
            section_id = int(key.split(":")[1]) if key.startswith("section:") else None
            self.text_panel.show_part(section_id, force=force)
            self.stack.setCurrentWidget(self.text_panel)
        else:
            panel = {"stories": self.stories, "holistic": self.holistic, "references": self.references}[key]
            panel.reload()
            self.stack.setCurrentWidget(panel)

    def pending_invalid(self) -> list[str]:
        return self.settings_binder.invalid_fields() + self.text_binder.invalid_fields()

    def commit_pending(self) -> list[str]:
        if self.report_year is None:
            return []
        invalid = self.settings_binder.commit_all()
        if self.stack.currentWidget() is self.text_panel:
            invalid += self.text_binder.commit_all()
        return invalid

    # --- slots ----------------------------------------------------------------------------------------
    def _on_part_changed(self, row: int) -> None:
        previous = getattr(self, "_part_row", -1)
        if previous >= 0 and row != previous:
            if not may_discard(self, self.pending_invalid(), leaving=_("skifte til en anden del")):
                self.parts.blockSignals(True)
                self.parts.setCurrentRow(previous)
                self.parts.blockSignals(False)
                return
        self._part_row = row
        self._show_part()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*WATCHED) and not self.behind():
            self.reload()

    def catch_up(self) -> None:
        self.reload()

    def _on_next_year(self) -> None:
        self._copy_year(self.year)

    def _copy_year(self, source: int) -> None:
        try:
            self.editor.run_bulk(
                _("opret årsrapport {year}").format(year=source + 1),
                "copy-year",
                lambda: create_next_year(source),
                record=_("Årsrapport {year}").format(year=source + 1),
            )
        except StoreError as error:
            messages.error(self, _("Opret næste år"), str(error))
            return
        self.year_created.emit(source + 1)

    def _on_create_year(self) -> None:
        if self._create_from is not None:
            self._copy_year(self._create_from)
        else:
            self._create_standard_year()

    def _create_standard_year(self) -> None:
        """The standard structure of a report, with placeholders to write (for a municipality starting out)."""
        from models.standard_report import build_report_year

        year = self.year
        try:
            self.editor.run_bulk(
                _("opret årsrapport {year}").format(year=year),
                "new-report-year",
                lambda: build_report_year(year),
                record=_("Årsrapport {year}").format(year=year),
            )
        except StoreError as error:
            messages.error(self, _("Opret årsrapport"), str(error))
            return
        self.year_created.emit(year)

    def _on_add_section(self) -> None:
        assert self.report_year is not None
        values = new_section_values(self.report_year.id)
        record = self.editor.create(ReportSection, values, _("nyt afsnit {number}").format(number=values["number"]))
        keys = [self.parts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.parts.count())]
        self.parts.setCurrentRow(keys.index(f"section:{record.id}"))
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def _on_remove_section(self) -> None:
        if self.section is None:
            return
        if messages.confirm(
            self,
            _("Slet afsnit"),
            _("Vil du slette afsnit {number} {title} med dets tekst? Du kan fortryde med Ctrl+Z.").format(
                number=self.section.number, title=self.section.title
            ),
            yes=_("&Slet"),
            no=_("&Annullér"),
        ):
            self.editor.delete(
                get_record(ReportSection, self.section.id), _("slet afsnit {number}").format(number=self.section.number)
            )
