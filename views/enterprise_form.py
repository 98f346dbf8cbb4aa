"""The detail form of one enterprise: every field, its texts for the selected report year, target groups,
initiatives and registration history. Every confirmed edit is stored at once through the ``Editor``."""

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.enterprise_details import (
    enterprise,
    enterprise_text,
    history,
    initiative_choices,
    previous_text,
    target_group_choices,
)
from models.enterprises import (
    EMPLOYEE_QUALIFIERS,
    KINDS,
    Enterprise,
    EnterpriseText,
)
from models.i18n import _
from models.validation import parse_date, parse_int
from views.editor import Editor
from views.enterprise_links import EnterpriseLinks
from views.fields import ErrorLabel, FormBinder, add_field_row, date_text

LEGAL_FORMS = (
    "",
    "forening",
    "forening med erhvervsdrift",
    "erhvervsdrivende fond",
    "almennyttig erhvervsdrivende fond",
    "selvejende institution",
    "ApS",
    "A/S",
    "IVS",
    "enkeltmandsvirksomhed",
    "andelsselskab",
)
TEXT_FIELDS = (
    ("presentation", _("&Præsentation")),
    ("plans", _("P&laner for næste år")),
    ("target_group_line", _("Målgruppel&inje")),
)


class EnterpriseForm(EnterpriseLinks, QScrollArea):
    """Shows one enterprise; ``enterprise_id`` None shows an empty, disabled form."""

    name_committed = Signal()

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.enterprise_id: int | None = None
        self.year = dt.date.today().year
        self.record: Enterprise | None = None
        self.text_record: EnterpriseText | None = None
        self.binder = FormBinder(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        layout.addWidget(self._identity_box())
        layout.addWidget(self._texts_box())
        layout.addWidget(self._target_groups_box())
        layout.addWidget(self._initiatives_box())
        layout.addWidget(self._registration_box())
        layout.addWidget(self._history_box())
        layout.addStretch(1)
        self.show_enterprise(None)

    # --- building -------------------------------------------------------------------------------------
    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str, load, commit) -> QWidget:
        return add_field_row(form, self.binder, label, widget, field, load, commit)

    def _set(self, field: str, label: str):
        def commit(value) -> None:
            assert self.enterprise_id is not None
            self.editor.update(
                Enterprise,
                self.enterprise_id,
                {field: value},
                _("{label} for {name}").format(label=label.lower(), name=self.record.name),
                version=self.record.row_version,  # the version shown: a colleague's save since is not overwritten
            )

        return commit

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox(_("Virksomhed"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        get = lambda name: lambda: getattr(self.record, name) if self.record else ""  # noqa: E731

        self.name_edit = QLineEdit()
        self._row(form, _("&Navn*:"), self.name_edit, "name", get("name"), self._set("name", _("Navn")))
        self.name_edit.editingFinished.connect(self.name_committed)

        self.kind_box = QComboBox()
        for key, label in KINDS.items():
            self.kind_box.addItem(label, key)
        self._row(form, _("&Type:"), self.kind_box, "kind", get("kind"), self._set("kind", _("Type")))

        self.legal_form_box = QComboBox()
        self.legal_form_box.setEditable(True)
        self.legal_form_box.addItems(LEGAL_FORMS)
        self._row(
            form,
            _("&Juridisk form:"),
            self.legal_form_box,
            "legal_form",
            get("legal_form"),
            self._set("legal_form", _("Juridisk form")),
        )

        self.cvr_edit = QLineEdit()
        self.cvr_edit.setPlaceholderText(_("8 cifre"))
        self._row(
            form,
            _("&CVR-nummer:"),
            self.cvr_edit,
            "cvr",
            lambda: (self.record.cvr or "") if self.record else "",
            self._set("cvr", _("CVR-nummer")),
        )

        self.address_edit = QLineEdit()
        self._row(
            form, _("&Adresse:"), self.address_edit, "address", get("address"), self._set("address", _("Adresse"))
        )
        self.place_edit = QLineEdit()
        self._row(form, _("B&y:"), self.place_edit, "place", get("place"), self._set("place", _("By")))

        self.opened_edit = QLineEdit()
        self.opened_edit.setPlaceholderText(_("fx 15.06.2018"))
        self._row(
            form,
            _("Å&bnet:"),
            self.opened_edit,
            "opened",
            self._date_of("opened"),
            self._date_commit("opened", _("Åbnet")),
        )
        self.closed_edit = QLineEdit()
        self.closed_edit.setPlaceholderText(_("fx 15.06.2018 – tom, hvis den er aktiv"))
        self._row(
            form,
            _("Lu&kket:"),
            self.closed_edit,
            "closed",
            self._date_of("closed"),
            self._date_commit("closed", _("Lukket")),
        )

        self._employees_row(form)

        self.contact_edit = QLineEdit()
        self._row(
            form, _("K&ontakt:"), self.contact_edit, "contact", get("contact"), self._set("contact", _("Kontakt"))
        )
        self.website_edit = QLineEdit()
        self._row(
            form, _("Hjemmesi&de:"), self.website_edit, "website", get("website"), self._set("website", _("Hjemmeside"))
        )
        self.order_edit = QLineEdit()
        self._row(
            form,
            _("Rækkeføl&ge i rapporten:"),
            self.order_edit,
            "report_order",
            lambda: str(self.record.report_order) if self.record else "",
            lambda text: self._set("report_order", _("Rækkefølge"))(
                parse_int(text, field="report_order", label=_("Rækkefølgen")) or 0
            ),
        )
        return box

    def _employees_row(self, form: QFormLayout) -> None:
        """Employees: a number, how exact it is ("ca.", "over") and the date it was stated, on one line."""
        self.employees_edit = QLineEdit()
        self.employees_edit.setObjectName("employees")
        self.employees_edit.setMaximumWidth(90)
        self.qualifier_box = QComboBox()
        self.qualifier_box.setObjectName("employees_qualifier")
        for value in EMPLOYEE_QUALIFIERS:
            self.qualifier_box.addItem({"": _("præcis"), "ca.": _("ca."), "over": _("over")}[value], value)
        self.employees_as_of_edit = QLineEdit()
        self.employees_as_of_edit.setObjectName("employees_as_of")
        self.employees_as_of_edit.setPlaceholderText(_("fx 15.06.2018"))
        error = ErrorLabel()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.employees_edit)
        line.addWidget(self.qualifier_box)
        as_of_label = QLabel(_("pr."))
        as_of_label.setBuddy(self.employees_as_of_edit)
        line.addWidget(as_of_label)
        line.addWidget(self.employees_as_of_edit, 1)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(error)
        caption = QLabel(_("Ansatt&e:"))
        caption.setBuddy(self.employees_edit)
        form.addRow(caption, holder)
        self.binder.bind(
            self.employees_edit,
            label=_("Ansatte"),
            error=error,
            load=lambda: "" if not self.record or self.record.employees is None else str(self.record.employees),
            commit=lambda text: self._set("employees", _("Ansatte"))(
                parse_int(text, field="employees", label=_("Antal ansatte"))
            ),
        )
        self.binder.bind(
            self.qualifier_box,
            label=_("Angivelse af ansatte"),
            error=error,
            load=lambda: self.record.employees_qualifier if self.record else "",
            commit=self._set("employees_qualifier", _("Angivelse af ansatte")),
        )
        self.binder.bind(
            self.employees_as_of_edit,
            label=_("Ansatte pr."),
            error=error,
            load=self._date_of("employees_as_of"),
            commit=self._date_commit("employees_as_of", _("Ansatte pr.")),
        )

    def _date_of(self, field: str):
        return lambda: date_text(getattr(self.record, field)) if self.record else ""

    def _date_commit(self, field: str, label: str):
        return lambda text: self._set(field, label)(parse_date(text, field=field, label=label))

    def _texts_box(self) -> QGroupBox:
        self.texts_box = QGroupBox()
        form = QFormLayout(self.texts_box)
        self.texts_note = QLabel()
        self.texts_note.setWordWrap(True)
        self.copy_texts_button = QPushButton()
        self.copy_texts_button.clicked.connect(self._on_copy_texts)
        note_row = QHBoxLayout()
        note_row.addWidget(self.texts_note, 1)
        note_row.addWidget(self.copy_texts_button)
        form.addRow(note_row)
        self.text_edits: dict[str, QPlainTextEdit] = {}
        for field, label in TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70 if field == "target_group_line" else 120)
            self.text_edits[field] = edit
            self._row(
                form,
                label + ":",
                edit,
                field,
                lambda f=field: getattr(self.text_record, f) if self.text_record else "",
                lambda text, f=field, lab=label: self._commit_text(f, lab.replace("&", ""), text),
            )
        return self.texts_box

    def _commit_text(self, field: str, label: str, text: str) -> None:
        assert self.record is not None
        description = _("{label} {year} for {name}").format(label=label.lower(), year=self.year, name=self.record.name)
        if self.text_record is None:
            self.editor.create(
                EnterpriseText, {"enterprise": self.record.id, "year": self.year, field: text}, description
            )
        else:
            self.editor.update(
                EnterpriseText,
                self.text_record.id,
                {field: text, "revised": True},
                description,
                version=self.text_record.row_version,
            )

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(_("Historik"))
        column = QVBoxLayout(box)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setMaximumHeight(160)
        column.addWidget(self.history)
        return box

    def _show_history(self) -> None:
        self.history.clear()
        if self.record is None:
            return
        actions = {
            "create": _("oprettede"),
            "change": _("ændrede"),
            "delete": _("slettede"),
            "restore": _("gendannede"),
        }
        entries = history(self.record.id)
        labels = {b.widget.objectName(): b.label for b in self.binder.bindings}
        for entry in entries:
            what = actions.get(entry.action, entry.action)
            if entry.field:
                what += f" {labels.get(entry.field, entry.field)}: «{entry.old or ''}» → «{entry.new or ''}»"
            self.history.addItem(f"{entry.at:%d.%m.%Y %H:%M}  {entry.user}  {what}")

    # --- showing --------------------------------------------------------------------------------------
    def show_enterprise(self, enterprise_id: int | None, *, year: int | None = None) -> None:
        """Show another enterprise (or none), discarding marks of invalid input in the previous one."""
        self.enterprise_id = enterprise_id
        if year is not None:
            self.year = year
        self.reload(force=True)

    def reload_record(self) -> bool:
        """Read the shown enterprise's own fields and history again (after an edit of one of its fields);
        False if it is gone."""
        self.record = enterprise(self.enterprise_id)
        if self.record is None:
            return False
        self.title.setText(self.record.name)
        self.binder.load(record=(self.enterprise_id, self.year))
        self._show_history()
        return True

    def reload(self, *, force: bool = False) -> None:
        """Read the shown enterprise again from the store (after an edit or an undo)."""
        self.record = enterprise(self.enterprise_id)
        if self.record is None:
            self.enterprise_id = None
        self.text_record = enterprise_text(self.enterprise_id, self.year) if self.record else None
        enabled = self.record is not None
        self.title.setText(self.record.name if self.record else _("Ingen virksomhed valgt"))
        self.binder.set_enabled(enabled)
        self.binder.load(force=force, record=(self.enterprise_id, self.year))
        for widget in (
            self.groups_list,
            self.new_group_edit,
            self.add_group_button,
            self.initiatives_list,
            self.registration_view,
            self.add_registration_button,
            self.remove_registration_button,
        ):
            widget.setEnabled(enabled)
        self._show_texts_note()
        self._fill_checklist(self.groups_list, target_group_choices(self.enterprise_id if enabled else None))
        self._fill_checklist(self.initiatives_list, initiative_choices(self.enterprise_id if enabled else None))
        self.registrations.reload()
        self._show_history()
        if force:
            self.group_error.show_message("")
            self.registration_error.show_message("")

    def _show_texts_note(self) -> None:
        self.texts_box.setTitle(_("Tekster i årsrapporten {year}").format(year=self.year))
        previous = None
        if self.record is not None and self.text_record is None:
            previous = previous_text(self.record.id, self.year)
        self._previous_text = previous
        if self.record is None:
            note = ""
        elif self.text_record is None:
            note = _(
                "Der er ingen tekst for {year} endnu. Skriv her, eller hent sidste tekst som udgangspunkt."
            ).format(year=self.year)
        elif not self.text_record.revised:
            note = _("Teksten er kopieret fra sidste år og endnu ikke revideret.")
        else:
            note = ""
        self.texts_note.setText(note)
        self.texts_note.setVisible(bool(note))
        self.copy_texts_button.setVisible(previous is not None)
        if previous is not None:
            self.copy_texts_button.setText(_("Hent teksten fra {year}").format(year=previous.year))

    # --- slots ----------------------------------------------------------------------------------------
    def _on_copy_texts(self) -> None:
        if self.record is None or self._previous_text is None:
            return
        source = self._previous_text
        self.editor.create(
            EnterpriseText,
            {
                "enterprise": self.record.id,
                "year": self.year,
                "presentation": source.presentation,
                "plans": source.plans,
                "target_group_line": source.target_group_line,
                "revised": False,
            },
            _("hent tekst fra {source} til {year} for {name}").format(
                source=source.year, year=self.year, name=self.record.name
            ),
        )

    def focus_name(self) -> None:
        self.name_edit.setFocus()
        self.name_edit.selectAll()
