"""Årsrapport-tekster: the texts of the selected year's report, each part with a preview as it will print;
"Opret næste år" starts the next year as an unrevised copy."""

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.changes import ChangeSet
from models.errors import StoreError
from models.i18n import _
from models.record_rows import get_record
from models.report_fields import BLOCKS, FIELDS, ReportFields
from models.report_text_queries import (
    decisions,
    holistic,
    new_decision_values,
    new_holistic_values,
    new_reference_values,
    new_section_values,
    new_story_values,
    references,
    report_year,
    report_year_exists,
    section,
    sections,
    stories,
)
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    SectionDecision,
    Story,
)
from models.report_year_defaults import new_report_year_values
from models.report_years import create_next_year
from models.validation import parse_date, parse_int
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel, FormBinder, add_field_row, date_text, heading
from views.page_refresh import RefreshWhenShown
from views.record_table import Column, RecordTableModel
from views.table_page import RecordTable
from views.text_preview import preview_html

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


class ReportTextsPage(RefreshWhenShown, QWidget):
    year_created = Signal(int)

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = 0
        self.report_year: ReportYear | None = None
        self.section: ReportSection | None = None
        self.fields: ReportFields | None = None
        self.settings_binder = FormBinder(self)
        self.text_binder = FormBinder(self)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(250)
        self.preview_timer.timeout.connect(self._update_preview)

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
        self.text_panel = self._text_panel()
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
    def _year_id(self) -> int | None:
        return self.report_year.id if self.report_year else None

    def _year_value(self, name: str):
        return lambda: (
            ""
            if not self.report_year or getattr(self.report_year, name) is None
            else str(getattr(self.report_year, name))
        )

    def _set_year_field(self, name: str, label: str, value) -> None:
        assert self.report_year is not None
        self.editor.update(
            ReportYear,
            self.report_year.id,
            {name: value},
            _("{label} i årsrapporten {year}").format(label=label, year=self.year),
        )

    def _settings_panel(self) -> QWidget:
        box = QGroupBox(_("Forside og årets tal"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        b = self.settings_binder
        for name, label in (
            ("title", _("&Titel (året tilføjes):")),
            ("committees", _("U&dvalg:")),
            ("municipality", _("K&ommune:")),
            ("unit", _("&Enhed (forfatter):")),
        ):
            self._row(
                form,
                b,
                label,
                QLineEdit(),
                name,
                self._year_value(name),
                lambda text, n=name, lab=label: self._set_year_field(n, lab.replace("&", "").rstrip(":"), text),
            )
        self._row(
            form,
            b,
            _("&Udgivelsesmåned (dato):"),
            QLineEdit(),
            "publication_month",
            lambda: date_text(self.report_year.publication_month) if self.report_year else "",
            lambda text: self._set_year_field(
                "publication_month",
                _("udgivelsesmåned"),
                parse_date(text, field="publication_month", label=_("Måneden")),
            ),
        )
        for name, label in (
            ("national_registered", _("Registrerede på &landsplan:")),
            ("cosigned_applications", _("&Medunderskrevne ansøgninger:")),
            ("pool_mails", _("Mails med &puljeoversigt:")),
        ):
            self._row(
                form,
                b,
                label,
                QLineEdit(),
                name,
                self._year_value(name),
                lambda text, n=name, lab=label: self._set_year_field(
                    n,
                    lab.replace("&", "").rstrip(":"),
                    parse_int(text, field=n, label=lab.replace("&", "").rstrip(":")),
                ),
            )
        self._row(
            form,
            b,
            _("&Kilde til landstallet:"),
            QLineEdit(),
            "national_registered_note",
            self._year_value("national_registered_note"),
            lambda text: self._set_year_field("national_registered_note", _("kilde"), text),
        )
        anonymise = QCheckBox(_("Skriv «Samarbejdsaftale 1, 2, …» i stedet for virksomhedens navn"))
        self._row(
            form,
            b,
            _("A&nonymisér aftaler:"),
            anonymise,
            "anonymise_agreements",
            lambda: bool(self.report_year and self.report_year.anonymise_agreements),
            lambda value: self._set_year_field("anonymise_agreements", _("anonymisering"), value),
        )
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        return panel

    def _text_panel(self) -> QWidget:
        panel = QWidget()
        layout = QHBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        editors = QWidget()
        form = QFormLayout(editors)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        b = self.text_binder
        self.text_form = form
        self.section_rows: list[QWidget] = []
        self.number_edit = QLineEdit()
        self.number_edit.setMaximumWidth(80)
        self._create_from: int | None = None
        self.section_rows.append(
            self._row(
                form,
                b,
                _("&Nummer:"),
                self.number_edit,
                "number",
                lambda: self.section.number if self.section else "",
                lambda text: self._set_section("number", _("nummer"), text),
            )
        )
        self.title_edit = QLineEdit()
        self.section_rows.append(
            self._row(
                form,
                b,
                _("&Overskrift:"),
                self.title_edit,
                "section_title",
                lambda: self.section.title if self.section else "",
                lambda text: self._set_section("title", _("overskrift"), text),
            )
        )
        self.decisions = RecordTableModel(
            editor=self.editor,
            model=SectionDecision,
            columns=[Column("quote", _("Citat")), Column("body", _("Udvalg")), Column("date", _("Dato"), "date")],
            rows=lambda: decisions(self.section.id if self.section else None),
            describe=lambda _d: _("politisk beslutning"),
            parent=self,
        )
        self.decisions_view = QTableView()
        self.decisions_view.setModel(self.decisions)
        self.decisions_view.setMaximumHeight(120)
        self.decisions_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.decisions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.decision_error = ErrorLabel()
        self.decisions.error_occurred.connect(self.decision_error.show_message)
        add_decision = QPushButton(_("Tilføj &beslutning"))
        add_decision.clicked.connect(self._on_add_decision)
        remove_decision = QPushButton(_("Fjern beslutning"))
        remove_decision.clicked.connect(self._on_remove_decision)
        decisions_box = QWidget()
        decisions_layout = QVBoxLayout(decisions_box)
        decisions_layout.setContentsMargins(0, 0, 0, 0)
        decisions_layout.addWidget(self.decisions_view)
        row = QHBoxLayout()
        row.addWidget(add_decision)
        row.addWidget(remove_decision)
        row.addStretch(1)
        decisions_layout.addLayout(row)
        decisions_layout.addWidget(self.decision_error)
        form.addRow(QLabel(_("Politiske beslutninger:")), decisions_box)
        self.section_rows.append(decisions_box)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(260)
        self._row(form, b, _("&Tekst:"), self.body_edit, "body", self._body_value, self._commit_body)
        self.insert_button = QToolButton()
        self.insert_button.setText(_("Indsæt &felt"))
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.insert_button)
        for name, description in {**FIELDS, **BLOCKS}.items():
            action = QAction(f"{description}  {{{{{name}}}}}", menu)
            action.triggered.connect(lambda _checked=False, n=name: self._insert_field(n))
            menu.addAction(action)
        self.insert_button.setMenu(menu)
        form.addRow("", self.insert_button)
        self.recommendation_edit = QPlainTextEdit()
        self.recommendation_edit.setTabChangesFocus(True)
        self.recommendation_edit.setFixedHeight(110)
        self.section_rows.append(
            self._row(
                form,
                b,
                _("Anbe&faling:"),
                self.recommendation_edit,
                "recommendation",
                lambda: self.section.recommendation if self.section else "",
                lambda text: self._set_section("recommendation", _("anbefaling"), text),
            )
        )
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        preview_box = QGroupBox(_("Sådan bliver det skrevet"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview)
        for edit in (self.body_edit, self.recommendation_edit):
            edit.textChanged.connect(self.preview_timer.start)
        splitter = QSplitter()
        splitter.addWidget(editors)
        splitter.addWidget(preview_box)
        splitter.setSizes([520, 380])
        layout.addWidget(splitter)
        return panel

    # --- the part being edited ----------------------------------------------------------------------
    def _body_value(self) -> str:
        if self.section is not None:
            return self.section.body
        return self.report_year.foreword if self.report_year else ""

    def _commit_body(self, text: str) -> None:
        if self.section is not None:
            self._set_section("body", _("tekst"), text)
        else:
            self._set_year_field("foreword", _("forord"), text)

    def _set_section(self, name: str, label: str, value) -> None:
        assert self.section is not None
        self.editor.update(
            ReportSection,
            self.section.id,
            {name: value},
            _("{label} i afsnit {number}").format(label=label, number=self.section.number),
        )

    def _insert_field(self, name: str) -> None:
        self.body_edit.setFocus()
        text = "{{" + name + "}}"
        self.body_edit.insertPlainText(("\n\n" + text + "\n\n") if name in BLOCKS else text)

    def _update_preview(self) -> None:
        if self.report_year is None:
            self.preview.clear()
            return
        if self.fields is None:
            self.fields = ReportFields(self.year)
        body = preview_html(self.body_edit.toPlainText(), self.fields)
        recommendation = ""
        if self.section is not None and self.recommendation_edit.toPlainText().strip():
            recommendation = preview_html(self.recommendation_edit.toPlainText(), self.fields, lead=_("Anbefaling:"))
        title = ""
        if self.section is not None:
            number = f"{self.section.number}." if "." not in self.section.number else self.section.number
            title = f"<h3>{html.escape(number)} {html.escape(self.section.title)}</h3>"
            for decision in self.decisions.records:
                source = f" (Beslutning i {decision.body} d. {date_text(decision.date)})" if decision.date else ""
                title += f"<p><i>”{html.escape(decision.quote)}”{html.escape(source)}</i></p>"
        self.preview.setHtml(title + body + recommendation)

    # --- showing ------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload(force=True)

    def reload(self, *, force: bool = False) -> None:
        self.report_year = report_year(self.year)
        self.fields = None
        self.heading.setText(_("Årsrapport-tekster {year}").format(year=self.year))
        exists = self.report_year is not None
        next_exists = report_year_exists(self.year + 1)
        self.next_year_button.setText(_("Opret {next} ud fra {year}").format(next=self.year + 1, year=self.year))
        self.next_year_button.setVisible(exists and not next_exists)
        self.revised_box.setVisible(exists)
        for widget in (self.add_section_button, self.remove_section_button):
            widget.setEnabled(exists)
        self.settings_binder.load(force=force)
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
        self.section = None
        if key == "settings":
            self.stack.setCurrentWidget(self.settings_panel)
        elif key == "foreword" or key.startswith("section:"):
            if key.startswith("section:"):
                self.section = section(int(key.split(":")[1]))
            is_section = self.section is not None
            for row in self.section_rows:
                self.text_form.setRowVisible(row, is_section)
            self.text_binder.load(force=force)
            self.decisions.reload()
            self.stack.setCurrentWidget(self.text_panel)
            self._update_preview()
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
    def _on_part_changed(self, _row: int) -> None:
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
            create_next_year(source)
        except StoreError as error:
            messages.error(self, _("Opret næste år"), str(error))
            return
        self.editor.undo_stack.clear()  # a whole year's copy is not undone step by step
        self.editor.changed.emit("ReportYear")
        self.editor.changes.emit(ChangeSet.of("ReportYear", "added", [report_year(source + 1).id]))
        self.year_created.emit(source + 1)

    def _on_create_year(self) -> None:
        if self._create_from is not None:
            self._copy_year(self._create_from)
        else:
            self.editor.create(
                ReportYear,
                new_report_year_values(self.year),
                _("opret årsrapport {year}").format(year=self.year),
            )

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

    def _on_add_decision(self) -> None:
        if self.section is None:
            return
        self.editor.create(
            SectionDecision,
            new_decision_values(self.section.id),
            _("ny politisk beslutning i afsnit {number}").format(number=self.section.number),
        )

    def _on_remove_decision(self) -> None:
        index = self.decisions_view.currentIndex()
        if index.isValid():
            record = get_record(SectionDecision, self.decisions.records[index.row()].id)
            self.editor.delete(record, _("fjern politisk beslutning"))
