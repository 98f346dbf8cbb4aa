"""What an enterprise is linked to, in its form: its target groups and shared initiatives (check lists, a new
target group found or created in one undo step) and its registration history (an editable table)."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from models.enterprise_details import Choice, group_link, membership, registrations, target_group_named
from models.enterprises import (
    REGISTRATION_STATUSES,
    EnterpriseTargetGroup,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.errors import StoreError, ValidationError
from models.i18n import _
from models.record_rows import get_record
from models.validation import check_text
from views.fields import ErrorLabel
from views.record_table import ChoiceDelegate, Column, RecordTableModel
from views.sheet_view import SheetView


class EnterpriseLinks:
    """Mixin of ``EnterpriseForm`` (which gives ``editor``, ``record`` and ``enterprise_id``)."""

    def _target_groups_box(self) -> QGroupBox:
        box = QGroupBox(_("Målgrupper"))
        column = QVBoxLayout(box)
        self.groups_list = QListWidget()
        self.groups_list.setObjectName("targetGroups")
        self.groups_list.setMaximumHeight(150)
        self.groups_list.itemChanged.connect(self._on_group_toggled)
        column.addWidget(self.groups_list)
        row = QHBoxLayout()
        self.new_group_edit = QLineEdit()
        self.new_group_edit.setObjectName("newTargetGroup")
        self.new_group_edit.setPlaceholderText(_("Ny målgruppe i fællesskabet"))
        self.new_group_edit.returnPressed.connect(self._on_add_group)
        self.add_group_button = QPushButton(_("Tilføj &målgruppe"))
        self.add_group_button.clicked.connect(self._on_add_group)
        row.addWidget(self.new_group_edit, 1)
        row.addWidget(self.add_group_button)
        column.addLayout(row)
        self.group_error = ErrorLabel()
        column.addWidget(self.group_error)
        return box

    def _initiatives_box(self) -> QGroupBox:
        box = QGroupBox(_("Fælles initiativer"))
        column = QVBoxLayout(box)
        self.initiatives_list = QListWidget()
        self.initiatives_list.setObjectName("initiatives")
        self.initiatives_list.setMaximumHeight(90)
        self.initiatives_list.itemChanged.connect(self._on_initiative_toggled)
        column.addWidget(self.initiatives_list)
        return box

    def _registration_box(self) -> QGroupBox:
        box = QGroupBox(_("Registrering som socialøkonomisk virksomhed"))
        column = QVBoxLayout(box)
        self.registrations = RecordTableModel(
            editor=self.editor,
            model=Registration,
            columns=[
                Column("date", _("Fra dato"), "date"),
                Column("status", _("Status"), "choice", REGISTRATION_STATUSES),
                Column("annual_report_submitted", _("§ 8-rapport indsendt"), "bool"),
                Column("annual_report_date", _("Indsendt"), "date"),
                Column("verified_on", _("Tjekket i registret"), "date"),
                Column("note", _("Bemærkning")),
            ],
            rows=lambda: registrations(self.enterprise_id),
            describe=lambda _r: _("registrering af {name}").format(name=self.record.name if self.record else ""),
            parent=self,
        )
        self.registration_view = SheetView()
        self.registration_view.setObjectName("registrations")
        self.registration_view.setModel(self.registrations)
        self.registration_view.verticalHeader().hide()
        self.registration_view.setItemDelegateForColumn(1, ChoiceDelegate(REGISTRATION_STATUSES, self))
        self.registration_view.setMaximumHeight(140)
        column.addWidget(self.registration_view)
        row = QHBoxLayout()
        self.add_registration_button = QPushButton(_("Tilføj stat&us"))
        self.add_registration_button.clicked.connect(self._on_add_registration)
        self.remove_registration_button = QPushButton(_("Fjern status"))
        self.remove_registration_button.clicked.connect(self._on_remove_registration)
        row.addWidget(self.add_registration_button)
        row.addWidget(self.remove_registration_button)
        row.addStretch(1)
        column.addLayout(row)
        self.registration_error = ErrorLabel()
        self.registrations.error_occurred.connect(self.registration_error.show_message)
        column.addWidget(self.registration_error)
        return box

    def _fill_checklist(self, widget: QListWidget, choices: list[Choice]) -> None:
        widget.blockSignals(True)
        widget.clear()
        for choice in choices:
            item = QListWidgetItem(choice.name)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.checked else Qt.CheckState.Unchecked)
            widget.addItem(item)
        widget.blockSignals(False)

    def _on_group_toggled(self, item: QListWidgetItem) -> None:
        group_id = item.data(Qt.ItemDataRole.UserRole)
        self._toggle_link(
            EnterpriseTargetGroup,
            group_link(self.record.id, group_id),
            item.checkState() == Qt.CheckState.Checked,
            {"target_group": group_id},
            _("målgruppen {name} for {enterprise}"),
            item.text(),
        )

    def _on_initiative_toggled(self, item: QListWidgetItem) -> None:
        initiative_id = item.data(Qt.ItemDataRole.UserRole)
        self._toggle_link(
            InitiativeMembership,
            membership(self.record.id, initiative_id),
            item.checkState() == Qt.CheckState.Checked,
            {"initiative": initiative_id, "joined": dt.date.today()},
            _("deltagelse i {name} for {enterprise}"),
            item.text(),
        )

    def _toggle_link(self, model, existing: int | None, checked: bool, values: dict, text: str, name: str) -> None:
        assert self.record is not None
        description = text.format(name=name, enterprise=self.record.name)
        if checked and existing is None:
            self.editor.create(
                model, {"enterprise": self.record.id, **values}, _("tilføj {what}").format(what=description)
            )
        elif not checked and existing is not None:
            self.editor.delete(get_record(model, existing), _("fjern {what}").format(what=description))

    def _on_add_group(self) -> None:
        if self.record is None:
            return
        try:
            name = check_text("name", self.new_group_edit.text(), label=_("Målgruppen"), required=True, max_length=200)
        except ValidationError as error:
            self.group_error.show_message(error.message)
            return
        group_id = target_group_named(name)
        try:
            with self.editor.group(
                _("tilføj målgruppen {name} for {enterprise}").format(name=name, enterprise=self.record.name)
            ):
                if group_id is None:
                    group_id = self.editor.create(
                        TargetGroup, {"name": name}, _("ny målgruppe {name}").format(name=name)
                    ).get_id()
                if group_link(self.record.id, group_id) is None:
                    self.editor.create(
                        EnterpriseTargetGroup, {"enterprise": self.record.id, "target_group": group_id}, name
                    )
        except StoreError as error:  # read-only, or the name refused: nothing is stored
            self.group_error.show_message(str(error))
            return
        self.new_group_edit.clear()
        self.group_error.show_message("")

    def _on_add_registration(self) -> None:
        if self.record is None:
            return
        self.editor.create(
            Registration,
            {"enterprise": self.record.id, "status": "working", "date": dt.date.today()},
            _("ny registreringsstatus for {name}").format(name=self.record.name),
        )
        row = self.registrations.rowCount() - 1
        self.registration_view.setFocus()
        self.registration_view.setCurrentIndex(self.registrations.index(row, 1))

    def _on_remove_registration(self) -> None:
        index = self.registration_view.currentIndex()
        if not index.isValid():
            return
        record = self.registrations.records[index.row()]
        self.editor.delete(
            get_record(Registration, record.id),
            _("fjern registreringsstatus for {name}").format(name=self.record.name),
        )
