"""Virksomheder: the searchable, sortable register beside the detail form of the selected enterprise."""

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.changes import ChangeSet
from models.deletion import dependents, describe_dependents
from models.enterprise_list import row_after_edit
from models.enterprise_queries import any_enterprise
from models.enterprises import Enterprise
from models.i18n import _
from models.queries import enterprise_rows, next_report_order, unique_name
from models.record_rows import get_record
from views import messages
from views.editor import Editor
from views.enterprise_form import EnterpriseForm
from views.enterprise_table import STATUS_FILTERS, EnterpriseTableModel
from views.page_refresh import RefreshWhenShown
from views.pending_guard import may_discard
from views.sheet_view import ListView

WATCHED = {
    "Enterprise",
    "EnterpriseText",
    "TargetGroup",
    "EnterpriseTargetGroup",
    "InitiativeMembership",
    "Registration",
    "Initiative",
}


class EnterprisePage(RefreshWhenShown, QWidget):
    status_message = Signal(str)

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(_("Søg i navn, CVR, sted og målgrupper (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusFilter")
        for key, label in STATUS_FILTERS.items():
            self.status_box.addItem(label, key)
        status_label = QLabel(_("Vi&s:"))
        status_label.setBuddy(self.status_box)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(status_label)
        top.addWidget(self.status_box)

        self.table_model = EnterpriseTableModel(self)
        self.table = ListView()
        self.table.setObjectName("enterpriseTable")
        self.table.optional_columns = (4, 2, 3)  # CVR, type and place give way first (the form shows them)
        self.table.setModel(self.table_model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()

        self.empty_label = QLabel(_("Ingen virksomheder endnu – tryk Ctrl+N for at oprette den første."))
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.no_match_label = QLabel(_("Ingen virksomheder passer til søgningen."))
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        for widget in (self.table, self.empty_label, self.no_match_label):
            self.list_stack.addWidget(widget)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.list_stack, 1)

        self.form = EnterpriseForm(editor=editor)
        self.splitter = QSplitter()
        self.splitter.setObjectName("enterpriseSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.search_edit, self.status_box)
        self.setTabOrder(self.status_box, self.table)
        self.setTabOrder(self.table, self.form)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search)
        self.status_box.currentIndexChanged.connect(self._on_status_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.editor.changes.connect(self._on_changes)
        self.form.name_committed.connect(self._keep_selection)
        self.table.open_requested.connect(lambda _index: self.form.focus_name())

    # --- state ----------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        shown = self.form.enterprise_id
        self.reload()
        if shown is not None or self.form.enterprise_id is None:  # else reload has just shown the first, of this year
            self.form.show_enterprise(self.form.enterprise_id, year=year)

    def reference_date(self) -> dt.date:
        """Statuses are read at the end of the selected year, or today while that year is running."""
        return min(dt.date.today(), dt.date(self.year, 12, 31))

    def reload(self) -> None:
        self.table_model.set_rows(enterprise_rows(self.reference_date()))
        self._update_list_state()
        if self.form.enterprise_id is None and self.table_model.rowCount():
            self.form.show_enterprise(self.table_model.row_id(0), year=self.year)
        self._select(self.form.enterprise_id)

    def _update_list_state(self) -> None:
        if self.table_model.rowCount():
            self.list_stack.setCurrentWidget(self.table)
        elif any_enterprise():
            self.list_stack.setCurrentWidget(self.no_match_label)
        else:
            self.list_stack.setCurrentWidget(self.empty_label)

    def _select(self, enterprise_id: int | None) -> None:
        row = self.table_model.row_of(enterprise_id) if enterprise_id is not None else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.table_model.index(row, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    @property
    def selected_id(self) -> int | None:
        return self.form.enterprise_id

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def pending_invalid(self) -> list[str]:
        return self.form.binder.invalid_fields()

    def commit_pending(self) -> list[str]:
        """Store every valid edit still in a field; return the labels of fields holding invalid values."""
        return self.form.binder.commit_all() if self.form.enterprise_id else []

    # --- actions --------------------------------------------------------------------------------------
    def new_enterprise(self) -> None:
        self.search_edit.clear()
        self.status_box.setCurrentIndex(self.status_box.findData("all"))
        name = unique_name(Enterprise, _("Ny virksomhed"))
        record = self.editor.create(
            Enterprise,
            {"name": name, "report_order": next_report_order()},
            _("opret virksomheden {name}").format(name=name),
        )
        self.form.show_enterprise(record.id, year=self.year)
        self._select(record.id)
        self.form.focus_name()

    def delete_selected(self) -> None:
        record = get_record(Enterprise, self.form.enterprise_id) if self.form.record else None
        if record is None:
            return
        items = dependents(record)
        text = _("Vil du slette «{name}»?").format(name=record.name)
        if items:
            text += "\n\n" + _("Med den slettes også: {what}.").format(what=describe_dependents(items))
        text += "\n\n" + _("Du kan fortryde med Ctrl+Z.")
        if not messages.confirm(self, _("Slet virksomhed"), text, yes=_("&Slet"), no=_("&Annullér")):
            return
        row = self.table_model.row_of(record.id)
        self.editor.delete(record, _("slet virksomheden {name}").format(name=record.name))
        self.status_message.emit(_("«{name}» er slettet.").format(name=record.name))
        if self.table_model.rowCount():
            next_row = min(row, self.table_model.rowCount() - 1)
            self.form.show_enterprise(self.table_model.row_id(next_row), year=self.year)
            self._select(self.form.enterprise_id)
        else:
            self.form.show_enterprise(None)

    # --- slots ----------------------------------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.table_model.set_search(text)
        self._update_list_state()
        self._select(self.form.enterprise_id)

    def _on_status_filter(self, _index: int) -> None:
        self.table_model.set_status_filter(self.status_box.currentData())
        self._update_list_state()
        self._select(self.form.enterprise_id)

    def _on_current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        enterprise_id = self.table_model.row_id(current.row())
        if enterprise_id == self.form.enterprise_id:
            return
        if not may_discard(self, self.form.binder.invalid_fields(), leaving=_("skifte virksomhed")):
            self._select(self.form.enterprise_id)
            return
        self.form.show_enterprise(enterprise_id, year=self.year)

    def _on_changes(self, changes: ChangeSet) -> None:
        if not changes.touches(*WATCHED) or self.behind():
            return
        shown = self.form.enterprise_id
        if not changes.reset and changes.models() == {"Enterprise"} and changes.ids("Enterprise", "changed") == {shown}:
            # an edit of the shown enterprise's own fields: its form and its one row, not the whole register
            if changes.ids("Enterprise") == {shown} and self.form.reload_record():
                row = self.table_model.row_of(shown)
                if row >= 0:
                    self.table_model.replace_row(
                        row, row_after_edit(self.table_model.rows[row], self.form.record, self.reference_date())
                    )
                return
        self.catch_up()

    def catch_up(self) -> None:
        self.reload()
        self.form.reload()

    def _keep_selection(self) -> None:
        self._select(self.form.enterprise_id)
