"""Aftaler og evalueringer: the agreements, each agreement's evaluations (counts, the paradigm's questions
answered, a grid of outcome counts with the shares live beside it and a warning where the counts do not
add up), the agreements side by side, and the versioned evaluation paradigm."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.agreement_queries import (
    agreements,
    evaluation,
    evaluations,
    next_agreement_number,
)
from models.agreements import (
    Agreement,
    Evaluation,
)
from models.changes import ChangeSet
from models.enterprise_queries import enterprise_names, first_enterprise_id
from models.formatting import format_date, format_field_date
from models.i18n import _
from models.paradigms import latest_paradigm
from models.record_rows import get_record
from views import messages
from views.agreement_form import AgreementForm
from views.agreement_models import ComparisonModel
from views.editor import Editor
from views.evaluation_panel import EvaluationPanel
from views.fields import ErrorLabel, FormBinder
from views.page_refresh import RefreshWhenShown
from views.paradigm_tab import ParadigmTab
from views.pending_guard import may_discard
from views.record_table import Column, RecordTableModel
from views.sheet_view import ListView

WATCHED = {
    "Agreement",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationOutcome",
    "Paradigm",
    "ParadigmQuestion",
    "OutcomeCategory",
    "Enterprise",
}


def _enterprise_choices() -> dict:
    return enterprise_names()


class AgreementPage(RefreshWhenShown, QTabWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.addTab(self._agreements_tab(), _("&Aftaler og evalueringer"))
        self.comparison = ComparisonModel(self)
        comparison_view = ListView()
        comparison_view.setModel(self.comparison)
        comparison_view.verticalHeader().hide()
        comparison_view.setObjectName("comparison")
        comparison_tab = QWidget()
        comparison_layout = QVBoxLayout(comparison_tab)
        comparison_layout.addWidget(
            QLabel(
                _(
                    "Aftalerne side om side, efter den seneste evaluering til og med "
                    "årets udgang (anbefaling 6.10: effekt, pris og kvalitet)."
                )
            )
        )
        comparison_layout.addWidget(comparison_view, 1)
        self.addTab(comparison_tab, _("&Sammenligning"))
        self.paradigm_tab = ParadigmTab(editor=self.editor)
        self.addTab(self.paradigm_tab, _("Evaluerings&paradigme"))
        self.comparison_tab = comparison_tab
        self._comparison_stale = True
        self.currentChanged.connect(lambda _index: self._refresh_comparison())
        self.editor.changes.connect(self._on_changes)

    # --- the agreements tab ------------------------------------------------------------------------
    def _agreements_tab(self) -> QWidget:
        self.agreements = RecordTableModel(
            editor=self.editor,
            model=Agreement,
            columns=[
                Column("number", _("Nr."), "int"),
                Column("enterprise", _("Virksomhed"), "choice", _enterprise_choices),
                Column("places", _("Forløb"), "int"),
                Column("price_dkk", _("Pris (kr.)"), "amount"),
            ],
            rows=agreements,
            describe=lambda a: _("samarbejdsaftale {n}").format(n=a.number),
            read_only=lambda: True,  # edited in the form beside the list
            parent=self,
        )
        self.agreement_view = ListView()
        self.agreement_view.setModel(self.agreements)
        self.agreement_view.verticalHeader().hide()
        self.agreement_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agreement_view.setObjectName("agreements")
        self.agreement_view.selectionModel().currentRowChanged.connect(self._on_agreement_changed)
        self.agreement_view.open_requested.connect(lambda _index: self.agreement_form.edits["number"].setFocus())
        self.agreement_error = ErrorLabel()
        self.agreements.error_occurred.connect(self.agreement_error.show_message)
        add = QPushButton(_("&Ny aftale"))
        add.clicked.connect(self.new_agreement)
        remove = QPushButton(_("Slet aftale"))
        remove.clicked.connect(self.delete_agreement)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)

        self.evaluations = QListWidget()
        self.evaluations.setObjectName("evaluations")
        self.evaluations.currentRowChanged.connect(self._on_evaluation_changed)
        add_evaluation = QPushButton(_("Ny &evaluering"))
        add_evaluation.clicked.connect(self.new_evaluation)
        remove_evaluation = QPushButton(_("Slet evaluering"))
        remove_evaluation.clicked.connect(self.delete_evaluation)
        evaluation_buttons = QHBoxLayout()
        evaluation_buttons.addWidget(add_evaluation)
        evaluation_buttons.addWidget(remove_evaluation)
        evaluation_box = QGroupBox(_("Evalueringer af den valgte aftale"))
        evaluation_layout = QVBoxLayout(evaluation_box)
        evaluation_layout.addWidget(self.evaluations)
        evaluation_layout.addLayout(evaluation_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.agreement_view, 2)
        left_layout.addWidget(self.agreement_error)
        left_layout.addLayout(buttons)
        left_layout.addWidget(evaluation_box, 1)

        splitter = QSplitter()
        splitter.setObjectName("agreementSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self._evaluation_panel_with_form())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        return splitter

    # --- the paradigm tab ---------------------------------------------------------------------------
    def _evaluation_panel_with_form(self) -> QWidget:
        self.panel = EvaluationPanel(editor=self.editor)
        self.agreement_form = AgreementForm(editor=self.editor)
        self.panel.body_layout.insertWidget(0, self.agreement_form)
        # the panel's parts, as the page's tests and slots know them
        for name in (
            "binder",
            "outcomes",
            "outcome_view",
            "outcome_error",
            "live",
            "warning",
            "count_edits",
            "answers_box",
        ):
            setattr(self, name, getattr(self.panel, name))
        self.date_edit, self.evaluation_title = self.panel.date_edit, self.panel.evaluation_title
        return self.panel

    @property
    def evaluation(self):
        return self.panel.evaluation

    @evaluation.setter
    def evaluation(self, value) -> None:
        self.panel.evaluation = value

    @property
    def answer_binder(self) -> FormBinder:
        return self.panel.answer_binder

    def _show_evaluation(self, *, force: bool = False) -> None:
        item = self.evaluations.currentItem()
        self.panel.show(item.data(Qt.ItemDataRole.UserRole) if item else None, self.agreement, force=force)

    # --- showing ------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:
        self.agreements.reload()  # row by row: the current agreement stays current
        if self.agreements.rowCount() and not self.agreement_view.currentIndex().isValid():
            # the first agreement selected: _on_agreement_changed has just shown it and its evaluations
            self.agreement_view.setCurrentIndex(self.agreements.index(0, 0))
        else:
            shown = self.agreement.id if self.agreement else None
            if self.agreement_form.record is not None and self.agreement_form.record.id == shown:
                self.agreement_form.reload()
            else:
                self.agreement_form.show_agreement(shown)
            self._fill_evaluations()
        self._comparison_stale = True
        self._refresh_comparison()
        self.paradigm_tab.reload()

    def _refresh_comparison(self) -> None:
        """The comparison is computed when its tab is looked at (at national scale it reads every evaluation)."""
        if self._comparison_stale and self.currentWidget() is self.comparison_tab:
            self.comparison.reload(self.year)
            self._comparison_stale = False

    @property
    def agreement(self) -> Agreement | None:
        row = self.agreement_view.currentIndex().row()
        return self.agreements.records[row] if 0 <= row < len(self.agreements.records) else None

    def _fill_evaluations(self) -> None:
        keep = self.evaluation.id if self.evaluation else None
        self.evaluations.blockSignals(True)
        self.evaluations.clear()
        agreement = self.agreement
        rows = evaluations(agreement.id if agreement else None)
        for row in rows:
            item = QListWidgetItem(format_field_date(row.date))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.evaluations.addItem(item)
        ids = [e.id for e in rows]
        self.evaluations.setCurrentRow(ids.index(keep) if keep in ids else len(ids) - 1)
        self.evaluations.blockSignals(False)
        self._show_evaluation()

    # --- actions ------------------------------------------------------------------------------------
    def new_agreement(self) -> None:
        enterprise = first_enterprise_id()
        if enterprise is None:
            messages.info(self, _("Ingen virksomheder"), _("Opret først en virksomhed under Virksomheder."))
            return
        number = next_agreement_number()
        record = self.editor.create(
            Agreement,
            {"enterprise": enterprise, "number": number, "places": 0},
            _("ny samarbejdsaftale {n}").format(n=number),
        )
        row = self.agreements.row_of(record.id)
        self.agreement_view.setCurrentIndex(self.agreements.index(row, 0))
        self.agreement_form.enterprise_box.setFocus()

    def delete_agreement(self) -> None:
        agreement = self.agreement
        if agreement is None:
            return
        count = len(evaluations(agreement.id))
        text = _("Vil du slette samarbejdsaftale {n} med {name}?").format(
            n=agreement.number, name=agreement.enterprise_name
        )
        if count:
            text += "\n\n" + _("Med den slettes også {n} evalueringer.").format(n=count)
        if messages.confirm(
            self, _("Slet aftale"), text + "\n\n" + _("Du kan fortryde med Ctrl+Z."), yes=_("&Slet"), no=_("&Annullér")
        ):
            self.editor.delete(
                get_record(Agreement, agreement.id), _("slet samarbejdsaftale {n}").format(n=agreement.number)
            )

    def new_evaluation(self) -> None:
        agreement, paradigm = self.agreement, latest_paradigm()
        if agreement is None or paradigm is None:
            messages.info(self, _("Ny evaluering"), _("Vælg en aftale først (og opret et evalueringsparadigme)."))
            return
        today = dt.date.today()
        day = today if today.year == self.year else dt.date(self.year, 12, 31)
        record = self.editor.create(
            Evaluation,
            {"agreement": agreement.id, "paradigm": paradigm.id, "date": day},
            _("ny evaluering af samarbejdsaftale {n}").format(n=agreement.number),
        )
        ids = [self.evaluations.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.evaluations.count())]
        if record.id in ids:
            self.evaluations.setCurrentRow(ids.index(record.id))
        self.date_edit.setFocus()
        self.date_edit.selectAll()

    def delete_evaluation(self) -> None:
        if self.evaluation is None:
            return
        if messages.confirm(
            self,
            _("Slet evaluering"),
            _("Vil du slette evalueringen {date} med dens svar og udfald?").format(
                date=format_date(self.evaluation.date)
            ),
            yes=_("&Slet"),
            no=_("&Annullér"),
        ):
            self.editor.delete(get_record(Evaluation, self.evaluation.id), _("slet evaluering"))

    # --- slots ----------------------------------------------------------------------------------------
    def _on_agreement_changed(self, current, previous) -> None:
        if current.row() != previous.row() and previous.isValid():
            if not may_discard(self, self.pending_invalid(), leaving=_("skifte aftale")):
                selection = self.agreement_view.selectionModel()
                selection.blockSignals(True)
                self.agreement_view.setCurrentIndex(previous)
                selection.blockSignals(False)
                return
        agreement = self.agreement
        self.agreement_form.show_agreement(agreement.id if agreement else None)
        if current.row() != previous.row():
            self.evaluation = None
            self._fill_evaluations()

    def _on_evaluation_changed(self, _row: int) -> None:
        self._show_evaluation()

    def show_record(self, evaluation_id: int) -> None:
        """Show one evaluation (a link from Overblik): its agreement selected, the evaluation open."""
        shown = evaluation(evaluation_id)
        if shown is None:
            return
        self.setCurrentIndex(0)
        row = self.agreements.row_of(shown.agreement_id)
        if row >= 0:
            self.agreement_view.setCurrentIndex(self.agreements.index(row, 0))
        ids = [self.evaluations.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.evaluations.count())]
        if evaluation_id in ids:
            self.evaluations.setCurrentRow(ids.index(evaluation_id))

    def catch_up(self) -> None:
        self.reload()

    def _on_changes(self, changes: ChangeSet) -> None:
        names = changes.models() & WATCHED
        if (not names and not changes.reset) or self.behind():
            return
        if not changes.reset and names <= {"EvaluationOutcome", "Evaluation", "EvaluationAnswer"}:
            if "Evaluation" in names:
                self.evaluation = evaluation(self.evaluation.id) if self.evaluation else None
                self._fill_evaluations()
            else:
                self.panel.refresh()
            self._comparison_stale = True
            self._refresh_comparison()
            return
        self.reload()

    def pending_invalid(self) -> list[str]:
        return (
            self.agreement_form.binder.invalid_fields()
            + self.binder.invalid_fields()
            + self.answer_binder.invalid_fields()
        )

    def commit_pending(self) -> list[str]:
        invalid = self.agreement_form.binder.commit_all() if self.agreement_form.record else []
        if self.evaluation is None:
            return invalid
        return invalid + self.binder.commit_all() + self.answer_binder.commit_all()
