"""The editor of one text of the report (the foreword or a section: number, heading, political decisions,
text with fields, recommendation) beside a preview of it as it will print."""

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.i18n import _
from models.record_rows import get_record
from models.report_fields import BLOCKS, FIELDS, ReportFields
from models.report_text_queries import decisions, new_decision_values, section
from models.report_texts import ReportSection, SectionDecision
from views.editor import Editor
from views.fields import ErrorLabel, FormBinder, add_field_row, date_text
from views.record_table import Column, RecordTableModel
from views.sheet_view import SheetView
from views.text_preview import preview_html


class ReportTextPanel(QWidget):
    """``context()`` gives (year, the year's report texts row or None); ``set_year_field(name, label, value)``
    stores a field of the year's report texts (the foreword)."""

    def __init__(
        self,
        *,
        editor: Editor,
        context: Callable[[], tuple],
        set_year_field: Callable[[str, str, object], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor, self.context, self.set_year_field = editor, context, set_year_field
        self.section = None
        self.fields: ReportFields | None = None
        self.text_binder = FormBinder(self)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(250)
        self.preview_timer.timeout.connect(self._update_preview)
        layout = QHBoxLayout(self)
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
        self.section_rows.append(
            add_field_row(
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
            add_field_row(
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
        self.decisions_view = SheetView()
        self.decisions_view.setModel(self.decisions)
        self.decisions_view.verticalHeader().hide()
        self.decisions_view.setMaximumHeight(120)
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
        add_field_row(form, b, _("&Tekst:"), self.body_edit, "body", self._body_value, self._commit_body)
        self.insert_button = QToolButton()
        self.insert_button.setText(_("Indsæt f&elt"))
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
            add_field_row(
                form,
                b,
                _("Anbefal&ing:"),
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

    def show_part(self, section_id: int | None, *, force: bool) -> None:
        """Show a section (or the foreword, for None)."""
        self.section = section(section_id) if section_id is not None else None
        self.fields = None
        is_section = self.section is not None
        for row in self.section_rows:
            self.text_form.setRowVisible(row, is_section)
        self.text_binder.load(force=force, record=section_id)
        self.decisions.reload()
        self._update_preview()

    def _body_value(self) -> str:
        if self.section is not None:
            return self.section.body
        report_year = self.context()[1]
        return report_year.foreword if report_year else ""

    def _commit_body(self, text: str) -> None:
        if self.section is not None:
            self._set_section("body", _("tekst"), text)
        else:
            self.set_year_field("foreword", _("forord"), text)

    def _set_section(self, name: str, label: str, value) -> None:
        assert self.section is not None
        self.editor.update(
            ReportSection,
            self.section.id,
            {name: value},
            _("{label} i afsnit {number}").format(label=label, number=self.section.number),
            version=self.section.row_version,
        )

    def _insert_field(self, name: str) -> None:
        self.body_edit.setFocus()
        text = "{{" + name + "}}"
        self.body_edit.insertPlainText(("\n\n" + text + "\n\n") if name in BLOCKS else text)

    def _update_preview(self) -> None:
        year, report_year = self.context()
        if report_year is None:
            self.preview.clear()
            return
        if self.fields is None:
            self.fields = ReportFields(year)
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
