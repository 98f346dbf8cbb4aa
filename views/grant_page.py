"""Tilskud: the year's grants (or one enterprise's, every year) beside the form of the selected grant
with its funders, and the municipality's yearly counts of co-signed applications and pool-overview mails."""

import datetime as dt

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enterprises import Enterprise
from models.errors import ValidationError
from models.formatting import format_dkk
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.queries import grant_rows
from models.report_texts import ReportYear
from models.validation import parse_amount, parse_int
from views import messages
from views.editor import Editor
from views.fields import AmountEdit, ErrorLabel, FormBinder, add_field_row, amount_text
from views.grant_table import GrantTableModel
from views.record_table import Column, RecordTableModel

WATCHED = {"Grant", "GrantFunder", "Enterprise", "ReportYear"}


def _parse_year(text: str, *, field: str, label: str, required: bool) -> int | None:
    raw = text.strip()
    if not raw and not required:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= 2200:
        raise ValidationError(field, _("{label} skal være et årstal, fx 2018.").format(label=label))
    return int(raw)


class GrantPage(QWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.grant_id: int | None = None
        self.record: Grant | None = None
        self.binder = FormBinder(self)
        self.year_binder = FormBinder(self)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("enterpriseFilter")
        filter_label = QLabel(_("&Vis:"))
        filter_label.setBuddy(self.filter_box)
        self.total_label = QLabel()
        self.total_label.setObjectName("grantsTotal")
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.total_label)

        self.table_model = GrantTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("grantTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 80, 120, 240)):
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self._yearly_box())

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._form())
        self.splitter = QSplitter()
        self.splitter.setObjectName("grantSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self.filter_box.currentIndexChanged.connect(self._on_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.editor.changed.connect(self._on_store_changed)

    # --- building -------------------------------------------------------------------------------------
    def _field(self, form: QFormLayout, binder: FormBinder, label: str, widget: QWidget, name: str, load, commit):
        add_field_row(form, binder, label, widget, name, load, commit)

    def _set(self, field: str, label: str):
        def commit(value) -> None:
            assert self.record is not None
            self.editor.update(
                Grant,
                self.record.id,
                {field: value},
                _("{label} for {grant}").format(label=label.lower(), grant=self.record.display_name()),
                version=self.record.row_version,  # a colleague's save since is not overwritten
            )

        return commit

    def _form(self) -> QWidget:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 0, 12, 12)
        box = QGroupBox(_("Tilskud"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.enterprise_box = QComboBox()
        self.enterprise_box.setEditable(True)
        self.enterprise_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._field(
            form,
            self.binder,
            _("&Virksomhed:"),
            self.enterprise_box,
            "enterprise",
            lambda: self.record.enterprise_id if self.record else None,
            self._commit_enterprise,
        )
        self.amount_edit = AmountEdit()
        self._field(
            form,
            self.binder,
            _("&Beløb (kr.):"),
            self.amount_edit,
            "amount_dkk",
            lambda: amount_text(self.record.amount_dkk) if self.record else "",
            self._commit_amount,
        )
        self.approximate_box = QCheckBox(_('Beløbet er &cirka ("ca.")'))
        self._field(
            form,
            self.binder,
            "",
            self.approximate_box,
            "approximate",
            lambda: bool(self.record and self.record.approximate),
            self._set("approximate", _("Cirka")),
        )
        self.year_edit = QLineEdit()
        self.year_edit.setMaximumWidth(80)
        self._field(
            form,
            self.binder,
            _("&Modtaget i år:"),
            self.year_edit,
            "year",
            lambda: str(self.record.year) if self.record else "",
            lambda text: self._set("year", _("År"))(_parse_year(text, field="year", label=_("Året"), required=True)),
        )
        self.covers_edit = QLineEdit()
        self.covers_edit.setMaximumWidth(160)
        self.covers_edit.setPlaceholderText(_("tom, hvis kun for året"))
        self._field(
            form,
            self.binder,
            _("&Dækker frem til år:"),
            self.covers_edit,
            "covers_until_year",
            lambda: str(self.record.covers_until_year or "") if self.record else "",
            lambda text: self._set("covers_until_year", _("Dækker frem til"))(
                _parse_year(text, field="covers_until_year", label=_("Året"), required=False)
            ),
        )
        self.purpose_edit = QPlainTextEdit()
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setMaximumHeight(70)
        self._field(
            form,
            self.binder,
            _("&Formål:"),
            self.purpose_edit,
            "purpose",
            lambda: self.record.purpose if self.record else "",
            self._set("purpose", _("Formål")),
        )
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(70)
        self._field(
            form,
            self.binder,
            _("Be&mærkning:"),
            self.note_edit,
            "note",
            lambda: self.record.note if self.record else "",
            self._set("note", _("Bemærkning")),
        )
        column.addWidget(box)

        funders_box = QGroupBox(_("Bevillingsgivere"))
        funders_layout = QVBoxLayout(funders_box)
        self.funders = RecordTableModel(
            editor=self.editor,
            model=GrantFunder,
            columns=[
                Column("name", _("Navn")),
                Column("purpose", _("Formål")),
                Column("amount_dkk", _("Beløb (kr.)"), "amount"),
            ],
            rows=lambda: (
                list(
                    GrantFunder.select()
                    .where(GrantFunder.grant == self.grant_id)
                    .order_by(GrantFunder.position, GrantFunder.id)
                )
                if self.grant_id
                else []
            ),
            describe=lambda f: _("bevillingsgiveren {name}").format(name=f.name),
            parent=self,
        )
        self.funders_view = QTableView()
        self.funders_view.setObjectName("funders")
        self.funders_view.setModel(self.funders)
        self.funders_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        funder_header = self.funders_view.horizontalHeader()
        funder_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        funder_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.funders_view.verticalHeader().hide()
        self.funders_view.setWordWrap(False)
        self.funders_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.funders_view.setMinimumHeight(300)
        funders_layout.addWidget(self.funders_view)
        row = QHBoxLayout()
        self.add_funder_button = QPushButton(_("&Tilføj bevillingsgiver"))
        self.add_funder_button.clicked.connect(self._on_add_funder)
        self.remove_funder_button = QPushButton(_("Fje&rn bevillingsgiver"))
        self.remove_funder_button.clicked.connect(self._on_remove_funder)
        row.addWidget(self.add_funder_button)
        row.addWidget(self.remove_funder_button)
        row.addStretch(1)
        funders_layout.addLayout(row)
        self.funder_error = ErrorLabel()
        self.funders.error_occurred.connect(self.funder_error.show_message)
        funders_layout.addWidget(self.funder_error)
        self.funder_warning = QLabel()
        self.funder_warning.setObjectName("funderWarning")
        self.funder_warning.setWordWrap(True)
        self.funder_warning.setStyleSheet("color: #8a5300;")
        funders_layout.addWidget(self.funder_warning)
        column.addWidget(funders_box)
        column.addStretch(1)
        return body

    def _yearly_box(self) -> QGroupBox:
        self.yearly_box = QGroupBox()
        form = QFormLayout(self.yearly_box)
        self.cosigned_edit = QLineEdit()
        self.cosigned_edit.setMaximumWidth(80)
        self._field(
            form,
            self.year_binder,
            _("Ansøgninger kommunen har &medunderskrevet:"),
            self.cosigned_edit,
            "cosigned_applications",
            lambda: self._yearly_value("cosigned_applications"),
            lambda text: self._set_yearly("cosigned_applications", _("Medunderskrevne ansøgninger"), text),
        )
        self.pool_mails_edit = QLineEdit()
        self.pool_mails_edit.setMaximumWidth(80)
        self._field(
            form,
            self.year_binder,
            _("Mails med &puljeoversigt sendt:"),
            self.pool_mails_edit,
            "pool_mails",
            lambda: self._yearly_value("pool_mails"),
            lambda text: self._set_yearly("pool_mails", _("Mails med puljeoversigt"), text),
        )
        return self.yearly_box

    def _yearly_value(self, field: str) -> str:
        report_year = ReportYear.get_or_none(ReportYear.year == self.year)
        value = getattr(report_year, field) if report_year else None
        return "" if value is None else str(value)

    def _set_yearly(self, field: str, label: str, text: str) -> None:
        value = parse_int(text, field=field, label=label)
        report_year = ReportYear.get_or_none(ReportYear.year == self.year)
        description = _("{label} {year}").format(label=label.lower(), year=self.year)
        if report_year is None:
            self.editor.create(ReportYear, {"year": self.year, field: value}, description)
        else:
            self.editor.update(ReportYear, report_year.id, {field: value}, description)

    # --- committing -----------------------------------------------------------------------------------
    def _commit_enterprise(self, value) -> None:
        enterprise_id = value if isinstance(value, int) else None
        if enterprise_id is None:
            match = Enterprise.get_or_none(Enterprise.name == str(value).strip())
            if match is None:
                raise ValidationError("enterprise", _("Vælg en virksomhed fra registret."))
            enterprise_id = match.id
        self._set("enterprise", _("Virksomhed"))(enterprise_id)

    def _commit_amount(self, text: str) -> None:
        if not text.strip():
            self._set("amount_dkk", _("Beløb"))(None)
            return
        amount, approximate = parse_amount(text)
        changes = {"amount_dkk": amount}
        if approximate:
            changes["approximate"] = True
        assert self.record is not None
        self.editor.update(
            Grant,
            self.record.id,
            changes,
            _("beløb for {grant}").format(grant=self.record.display_name()),
            version=self.record.row_version,
        )

    # --- showing --------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()
        self.year_binder.load(force=True)

    def reload(self) -> None:
        self._fill_enterprises()
        enterprise_id = self.filter_box.currentData()
        self.table_model.set_rows(grant_rows(self.year, enterprise_id))
        if enterprise_id is None:
            self.heading.setText(_("Tilskud {year}").format(year=self.year))
        else:
            self.heading.setText(_("Tilskud til {name}").format(name=self.filter_box.currentText()))
        total = sum(r.amount_dkk or 0 for r in self.table_model.rows)
        approximate = any(r.approximate for r in self.table_model.rows)
        self.total_label.setText(_("I alt: {amount}").format(amount=format_dkk(total, approximate=approximate)))
        empty = not self.table_model.rows
        self.empty_label.setText(
            _("Ingen tilskud for {year} endnu – tryk Ctrl+N for at registrere et.").format(year=self.year)
            if empty
            else ""
        )
        self.empty_label.setVisible(empty)
        self.yearly_box.setTitle(_("Kommunens bidrag i {year}").format(year=self.year))
        if self.table_model.row_of(self.grant_id) < 0:
            self.grant_id = self.table_model.rows[0].id if self.table_model.rows else None
        self.show_grant(self.grant_id, force=False)
        self.year_binder.load()

    def _fill_enterprises(self) -> None:
        names = list(Enterprise.select(Enterprise.id, Enterprise.name).order_by(Enterprise.name).tuples())
        for box, first in ((self.filter_box, _("Alle virksomheder i året")), (self.enterprise_box, None)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            if first:
                box.addItem(first, None)
            for enterprise_id, name in names:
                box.addItem(name, enterprise_id)
            index = box.findData(current)
            box.setCurrentIndex(index if index >= 0 else 0)
            box.blockSignals(False)

    def show_grant(self, grant_id: int | None, *, force: bool = True) -> None:
        self.grant_id = grant_id
        self.record = Grant.get_or_none(Grant.id == grant_id) if grant_id else None
        if self.record is None:
            self.grant_id = None
        enabled = self.record is not None
        self.binder.set_enabled(enabled)
        self.binder.load(force=force)
        for widget in (self.funders_view, self.add_funder_button, self.remove_funder_button):
            widget.setEnabled(enabled)
        self.funders.reload()
        self._show_funder_warning()
        row = self.table_model.row_of(self.grant_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(
                self.table_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _show_funder_warning(self) -> None:
        text = ""
        if self.record is not None and self.record.amount_dkk is not None:
            shares = sum(f.amount_dkk or 0 for f in self.funders.records)
            if shares > self.record.amount_dkk:
                text = _("Bevillingsgivernes beløb er i alt {shares}, mere end tilskuddets {total}.").format(
                    shares=format_dkk(shares), total=format_dkk(self.record.amount_dkk)
                )
        self.funder_warning.setText(text)
        self.funder_warning.setVisible(bool(text))

    def pending_invalid(self) -> list[str]:
        return self.binder.invalid_fields() + self.year_binder.invalid_fields()

    def commit_pending(self) -> list[str]:
        invalid = self.binder.commit_all() if self.record else []
        return invalid + self.year_binder.commit_all()

    # --- actions --------------------------------------------------------------------------------------
    def new_grant(self) -> None:
        enterprise_id = self.filter_box.currentData() or self.enterprise_box.currentData()
        if enterprise_id is None:
            first = Enterprise.select().order_by(Enterprise.name).first()
            if first is None:
                messages.info(self, _("Ingen virksomheder"), _("Opret først en virksomhed under Virksomheder."))
                return
            enterprise_id = first.id
        position = Grant.select().where(Grant.year == self.year).count()
        record = self.editor.create(
            Grant,
            {"enterprise": enterprise_id, "year": self.year, "position": position},
            _("nyt tilskud {year}").format(year=self.year),
        )
        self.show_grant(record.id)
        self.enterprise_box.setFocus()

    def delete_selected(self) -> None:
        if self.record is None:
            return
        funders = self.record.funders.count()
        text = _("Vil du slette {grant}?").format(grant=self.record.display_name())
        if funders:
            text += "\n\n" + _("Med det slettes også {n} bevillingsgivere.").format(n=funders)
        text += "\n\n" + _("Du kan fortryde med Ctrl+Z.")
        if messages.confirm(self, _("Slet tilskud"), text, yes=_("&Slet"), no=_("&Annullér")):
            self.editor.delete(self.record, _("slet {grant}").format(grant=self.record.display_name()))

    def _on_add_funder(self) -> None:
        if self.record is None:
            return
        position = self.record.funders.count()
        self.editor.create(
            GrantFunder,
            {"grant": self.record.id, "name": _("Ny bevillingsgiver"), "position": position},
            _("ny bevillingsgiver til {grant}").format(grant=self.record.display_name()),
        )
        index = self.funders.index(self.funders.rowCount() - 1, 0)
        self.funders_view.setFocus()
        self.funders_view.setCurrentIndex(index)
        self.funders_view.edit(index)

    def _on_remove_funder(self) -> None:
        index = self.funders_view.currentIndex()
        if self.record is None or not index.isValid():
            return
        funder = self.funders.records[index.row()]
        self.editor.delete(funder, _("fjern bevillingsgiveren {name}").format(name=funder.name))

    # --- slots ----------------------------------------------------------------------------------------
    def _on_filter(self, _index: int) -> None:
        self.grant_id = None
        self.reload()

    def _on_current_changed(self, current, _previous) -> None:
        if current.isValid():
            grant_id = self.table_model.rows[current.row()].id
            if grant_id != self.grant_id:
                self.show_grant(grant_id)

    def _on_store_changed(self, model_name: str) -> None:
        if model_name in WATCHED:
            self.reload()
