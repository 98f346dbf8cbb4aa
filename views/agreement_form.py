"""The form of one cooperation agreement, beside the list of agreements: every field, stored when confirmed
through the ``Editor`` (the agreements were a sideways-scrolling table before)."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from models.agreement_queries import agreement
from models.agreements import Agreement
from models.enterprise_queries import enterprise_names
from models.errors import ValidationError
from models.i18n import _
from models.validation import parse_amount, parse_date, parse_int
from views.editor import Editor
from views.fields import AmountEdit, FormBinder, add_field_row, amount_text, date_text, register_box

INT_FIELDS = (
    ("number", _("Nr.:"), _("Nummeret"), True),
    ("places", _("F&orløb:"), _("Forløb"), True),
    ("extra_places", _("Ekstra forløb:"), _("Ekstra forløb"), True),
    ("framework_weeks", _("Ramme (uger):"), _("Rammen"), False),
    ("plan_due_weeks", _("Plan efter (uger):"), _("Plan efter"), False),
)


class AgreementForm(QGroupBox):
    """Shows one agreement; ``agreement_id`` None shows an empty, disabled form."""

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(_("Samarbejdsaftale"), parent)
        self.setObjectName("agreementForm")
        self.editor = editor
        self.record = None
        self.binder = FormBinder(self)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def get(name: str):
            return lambda: (
                "" if self.record is None or getattr(self.record, name) is None else getattr(self.record, name)
            )

        self.enterprise_box = register_box()
        self.enterprise_box.setEditable(True)
        self.enterprise_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.edits: dict[str, QWidget] = {}
        for field, label, name, required in INT_FIELDS[:1]:
            self._int_field(form, field, label, name, required, get)
        add_field_row(
            form,
            self.binder,
            _("Vir&ksomhed:"),
            self.enterprise_box,
            "agreement_enterprise",
            lambda: self.record.enterprise_id if self.record else None,
            self._commit_enterprise,
        )
        for field, label, name, required in INT_FIELDS[1:]:
            self._int_field(form, field, label, name, required, get)
        self.extendable_box = QCheckBox(_("Kan forlæn&ges"))
        add_field_row(
            form,
            self.binder,
            "",
            self.extendable_box,
            "agreement_extendable",
            lambda: bool(self.record and self.record.extendable),
            lambda value: self._set("extendable", _("kan forlænges"), bool(value)),
        )
        self.price_edit = AmountEdit()
        add_field_row(
            form,
            self.binder,
            _("Pris (kr.):"),
            self.price_edit,
            "agreement_price_dkk",
            lambda: amount_text(self.record.price_dkk) if self.record else "",
            lambda text: self._set("price_dkk", _("pris"), parse_amount(text)[0] if text.strip() else None),
        )
        for field, label in (("start", _("Start:")), ("end", _("Slut:"))):
            edit = QLineEdit()
            edit.setPlaceholderText(_("fx 15.06.2018"))
            edit.setMaximumWidth(140)
            self.edits[field] = edit
            add_field_row(
                form,
                self.binder,
                label,
                edit,
                f"agreement_{field}",
                lambda f=field: date_text(getattr(self.record, f)) if self.record else "",
                lambda text, f=field, lab=label: self._set(
                    f, lab.rstrip(":").lower(), parse_date(text, field=f, label=lab.rstrip(":"))
                ),
            )
        self.target_group_edit = QLineEdit()
        add_field_row(
            form,
            self.binder,
            _("Målgruppe:"),
            self.target_group_edit,
            "agreement_target_group",
            get("target_group"),
            lambda text: self._set("target_group", _("målgruppe"), text),
        )
        self.show_agreement(None)

    def _int_field(self, form: QFormLayout, field: str, label: str, name: str, required: bool, get) -> None:
        edit = QLineEdit()
        edit.setMaximumWidth(90)
        self.edits[field] = edit
        add_field_row(
            form,
            self.binder,
            label,
            edit,
            f"agreement_{field}",
            lambda: str(get(field)()),
            lambda text: self._set(
                field, name.lower(), parse_int(text, field=field, label=name) if (text.strip() or required) else None
            ),
        )

    def _set(self, field: str, label: str, value) -> None:
        assert self.record is not None
        self.editor.update(
            Agreement,
            self.record.id,
            {field: value},
            _("{label} i samarbejdsaftale {n}").format(label=label, n=self.record.number),
            version=self.record.row_version,
        )

    def _commit_enterprise(self, value) -> None:
        if not isinstance(value, int):
            match = next(
                (i for i, n in enterprise_names().items() if n.casefold() == str(value).strip().casefold()), None
            )
            if match is None:
                raise ValidationError("enterprise", _("Vælg en virksomhed fra registret."))
            value = match
        self._set("enterprise", _("virksomhed"), value)

    def _fill_enterprises(self) -> None:
        names = enterprise_names()
        if names == getattr(self, "_names", None):
            return  # the same register: 5,000 items at national size are not put in the box again
        self._names = names
        self.enterprise_box.blockSignals(True)
        self.enterprise_box.clear()
        for enterprise_id, name in names.items():
            self.enterprise_box.addItem(name, enterprise_id)
        self.enterprise_box.blockSignals(False)

    def show_agreement(self, agreement_id: int | None) -> None:
        """Show another agreement (or none), discarding marks of invalid input in the previous one."""
        self.record = agreement(agreement_id)
        self._fill_enterprises()
        self.binder.set_enabled(self.record is not None)
        self.binder.load(force=True, record=self.record.id if self.record else None)

    def reload(self) -> None:
        """Read the shown agreement again (after an edit or an undo); invalid typing stays."""
        self.record = agreement(self.record.id) if self.record else None
        self._fill_enterprises()
        self.binder.set_enabled(self.record is not None)
        self.binder.load(record=self.record.id if self.record else None)
