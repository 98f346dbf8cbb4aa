"""The form of one grant on Tilskud: enterprise, amount (with "ca."), years, purpose, note and its funders,
each stored when confirmed through the ``Editor``."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.formatting import format_dkk
from models.grant_queries import enterprise_named, funders
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.record_rows import get_record
from models.validation import parse_amount
from views.fields import AmountEdit, ErrorLabel, FormBinder, add_field_row, amount_text, register_box
from views.record_table import Column, RecordTableModel
from views.sheet_view import SheetView


def _parse_year(text: str, *, field: str, label: str, required: bool) -> int | None:
    raw = text.strip()
    if not raw and not required:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= 2200:
        raise ValidationError(field, _("{label} skal være et årstal, fx 2018.").format(label=label))
    return int(raw)


class GrantForm:
    """Mixin of ``GrantPage`` (which gives ``editor``, ``binder``, ``record`` and ``grant_id``)."""

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
                _("{label} for {grant}").format(label=label.lower(), grant=self.record.display_name),
                version=self.record.row_version,
            )

        return commit

    def _form(self) -> QWidget:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 0, 12, 12)
        box = QGroupBox(_("Tilskud"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.enterprise_box = register_box()
        self.enterprise_box.setEditable(True)
        self.enterprise_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._field(
            form,
            self.binder,
            _("V&irksomhed:"),
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
            _("Modta&get i år:"),
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
            _("F&ormål:"),
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
            _("Bemærk&ning:"),
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
            rows=lambda: funders(self.grant_id),
            describe=lambda f: _("bevillingsgiveren {name}").format(name=f.name),
            parent=self,
        )
        self.funders_view = SheetView()
        self.funders_view.setObjectName("funders")
        self.funders_view.setModel(self.funders)
        self.funders_view.verticalHeader().hide()
        self.funders_view.setMinimumHeight(300)
        funders_layout.addWidget(self.funders_view)
        row = QHBoxLayout()
        self.add_funder_button = QPushButton(_("&Tilføj bevillingsgiver"))
        self.add_funder_button.clicked.connect(self._on_add_funder)
        self.remove_funder_button = QPushButton(_("Fjern b&evillingsgiver"))
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

    # --- committing -----------------------------------------------------------------------------------
    def _commit_enterprise(self, value) -> None:
        enterprise_id = value if isinstance(value, int) else None
        if enterprise_id is None:
            enterprise_id = enterprise_named(str(value))
            if enterprise_id is None:
                raise ValidationError("enterprise", _("Vælg en virksomhed fra registret."))
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
            _("beløb for {grant}").format(grant=self.record.display_name),
            version=self.record.row_version,
        )

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

    def _on_add_funder(self) -> None:
        if self.record is None:
            return
        position = self.record.funder_count
        self.editor.create(
            GrantFunder,
            {"grant": self.record.id, "name": _("Ny bevillingsgiver"), "position": position},
            _("ny bevillingsgiver til {grant}").format(grant=self.record.display_name),
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
        self.editor.delete(
            get_record(GrantFunder, funder.id), _("fjern bevillingsgiveren {name}").format(name=funder.name)
        )
