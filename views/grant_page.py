"""Tilskud: the year's grants (or one enterprise's, every year) beside the form of the selected grant
with its funders, and the municipality's yearly counts of co-signed applications and pool-overview mails."""

import datetime as dt

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.changes import ChangeSet
from models.enterprise_queries import enterprise_names, first_enterprise_id
from models.formatting import format_dkk
from models.grant_queries import grant, next_grant_position
from models.grants import Grant
from models.i18n import _
from models.queries import grant_rows
from models.record_rows import get_record
from views import messages
from views.editor import Editor
from views.fields import FormBinder, register_box
from views.grant_form import GrantForm
from views.grant_table import GrantTableModel
from views.page_refresh import RefreshWhenShown
from views.pending_guard import leave_pending, may_discard
from views.sheet_view import ListView

WATCHED = {"Grant", "GrantFunder", "Enterprise", "ReportYear"}


class GrantPage(GrantForm, RefreshWhenShown, QWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.grant_id: int | None = None
        self.record: Grant | None = None
        self._filter_id: int | None = None  # the enterprise the list is filtered to (None: all)
        self.binder = FormBinder(self)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.filter_box = register_box()
        self.filter_box.setObjectName("enterpriseFilter")
        filter_label = QLabel(_("Vi&s:"))
        filter_label.setBuddy(self.filter_box)
        self.total_label = QLabel()
        self.total_label.setObjectName("grantsTotal")
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.total_label)

        self.table_model = GrantTableModel(self)
        self.table = ListView()
        self.table.setObjectName("grantTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
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
        self.table.open_requested.connect(lambda _index: self.enterprise_box.setFocus())
        self.editor.changes.connect(self._on_changes)

    # --- showing --------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:
        self._fill_enterprises()
        enterprise_id = self._filter_id = self.filter_box.currentData()
        self.table_model.set_rows(grant_rows(self.year, enterprise_id), of=(self.year, enterprise_id))
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
        if self.table_model.row_of(self.grant_id) < 0:
            self.grant_id = self.table_model.rows[0].id if self.table_model.rows else None
        self.show_grant(self.grant_id, force=False)

    def _fill_enterprises(self) -> None:
        register = enterprise_names()
        if register == getattr(self, "_names", None):
            return  # the same register: 5,000 items at national size are not put in the boxes again
        self._names = register
        names = list(register.items())
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
        self.record = grant(grant_id)
        if self.record is None:
            self.grant_id = None
        enabled = self.record is not None
        self.binder.set_enabled(enabled)
        self.binder.load(force=force, record=self.grant_id)
        for widget in (self.funders_view, self.add_funder_button, self.remove_funder_button):
            widget.setEnabled(enabled)
        self.funders.reload()
        self._show_funder_warning()
        self._select(self.grant_id)

    def _select(self, grant_id: int | None) -> None:
        row = self.table_model.row_of(grant_id)
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

    def pending_invalid(self) -> list[str]:
        return self.binder.invalid_fields()

    def commit_pending(self) -> list[str]:
        invalid = self.binder.commit_all() if self.record else []
        return invalid

    # --- actions --------------------------------------------------------------------------------------
    def new_grant(self) -> None:
        enterprise_id = self.filter_box.currentData() or self.enterprise_box.currentData()
        if enterprise_id is None:
            enterprise_id = first_enterprise_id()
            if enterprise_id is None:
                messages.info(self, _("Ingen virksomheder"), _("Opret først en virksomhed under Virksomheder."))
                return
        position = next_grant_position(self.year)
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
        funders = self.record.funder_count
        text = _("Vil du slette {grant}?").format(grant=self.record.display_name)
        if funders:
            text += "\n\n" + _("Med det slettes også {n} bevillingsgivere.").format(n=funders)
        text += "\n\n" + _("Du kan fortryde med Ctrl+Z.")
        if messages.confirm(self, _("Slet tilskud"), text, yes=_("&Slet"), no=_("&Annullér")):
            self.editor.delete(
                get_record(Grant, self.record.id), _("slet {grant}").format(grant=self.record.display_name)
            )

    # --- slots ----------------------------------------------------------------------------------------
    def _on_filter(self, index: int) -> None:
        if not leave_pending(self, [self], leaving=_("skifte visning")):
            self.filter_box.blockSignals(True)
            self.filter_box.setCurrentIndex(self.filter_box.findData(self._filter_id))
            self.filter_box.blockSignals(False)
            return
        self._filter_id = self.filter_box.itemData(index)
        self.grant_id = None
        self.reload()

    def _on_current_changed(self, current, _previous) -> None:
        if current.isValid():
            grant_id = self.table_model.rows[current.row()].id
            if grant_id == self.grant_id:
                return
            if not may_discard(self, self.binder.invalid_fields(), leaving=_("skifte tilskud")):
                self._select(self.grant_id)
                return
            self.show_grant(grant_id)

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*WATCHED) and not self.behind():
            self.reload()

    def catch_up(self) -> None:
        self.reload()
