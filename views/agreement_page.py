"""Aftaler og evalueringer: the agreements, each agreement's evaluations (counts, the paradigm's questions
answered, a grid of outcome counts with the shares live beside it and a warning where the counts do not
add up), the agreements side by side, and the versioned evaluation paradigm."""

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.agreement_comparison import agreement_comparison
from models.agreement_queries import (
    agreements,
    answer,
    evaluation,
    evaluations,
    next_agreement_number,
    outcome_categories,
    paradigm_evaluation_count,
    paradigm_questions,
    paradigms,
)
from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.changes import ChangeSet
from models.enterprise_queries import enterprise_names, first_enterprise_id
from models.errors import ValidationError
from models.evaluation_queries import OutcomeRow, outcome_rows
from models.figures import evaluation_figures
from models.formatting import format_date, format_dkk, format_int, format_pct
from models.i18n import _
from models.paradigms import latest_paradigm, new_version
from models.record_rows import get_record
from models.validation import parse_date, parse_int
from views import messages
from views.agreement_form import AgreementForm
from views.editor import Editor
from views.fields import ErrorLabel, FormBinder, add_field_row, date_text
from views.page_refresh import RefreshWhenShown
from views.record_table import Column, RecordTableModel
from views.sheet_view import ListView, SheetView

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
COUNT_FIELDS = (
    ("places_in_use", _("Forløb i &brug:")),
    ("plans_made", _("Deltagere &med plan:")),
    ("plans_missing", _("Deltagere uden p&lan:")),
    ("plans_in_progress", _("Plan under &udarbejdelse:")),
    ("completed", _("Afslu&ttede forløb i alt:")),
    ("continuing", _("Fortsat &i forløb:")),
)


def _enterprise_choices() -> dict:
    return enterprise_names()


class OutcomeGridModel(QAbstractTableModel):
    """Every outcome category of the evaluation's paradigm with its count; an edit is stored at once. A
    changed count updates its cell only, so the cursor stays where it is."""

    error_occurred = Signal(str)

    def __init__(self, *, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.evaluation_id: int | None = None
        self.rows: list[OutcomeRow] = []

    def reload(self, evaluation_id: int | None) -> None:
        """Show another evaluation, or the same one after its paradigm's categories changed."""
        rows = outcome_rows(evaluation_id)
        if evaluation_id == self.evaluation_id and [r.category_id for r in rows] == [r.category_id for r in self.rows]:
            self._update(rows)
            return
        self.beginResetModel()
        self.evaluation_id = evaluation_id
        self.rows = rows
        self.endResetModel()

    def _update(self, rows: list[OutcomeRow]) -> None:
        for row, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
            if old != new:
                self.rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (_("Udfald"), _("Antal"))[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole:
            marks = [_("godt udfald")] * row.is_good + [_("stop")] * row.is_stopped
            return row.name + (f" ({', '.join(marks)})" if marks else "")
        if index.column() == 1 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if row.count is None else str(row.count)
        if index.column() == 1 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        if self.evaluation_id is None:
            return False
        row = self.rows[index.row()]
        try:
            count = parse_int(str(value), field="count", label=row.name)
            text = _("antal «{category}»").format(category=row.name)
            if row.outcome_id is None and count:
                self.editor.create(
                    EvaluationOutcome,
                    {"evaluation": self.evaluation_id, "category": row.category_id, "count": count},
                    text,
                )
            elif row.outcome_id is not None and count is None:
                self.editor.delete(get_record(EvaluationOutcome, row.outcome_id), text)
            elif row.outcome_id is not None:
                self.editor.update(EvaluationOutcome, row.outcome_id, {"count": count}, text)
        except ValidationError as error:
            self.error_occurred.emit(error.message)
            return False
        self.error_occurred.emit("")
        return True


class ComparisonModel(QAbstractTableModel):
    """The agreements side by side (read only)."""

    HEADERS = (
        _("Aftale"),
        _("Forløb"),
        _("Pris"),
        _("Afsluttede"),
        _("Gode udfald"),
        _("Andel gode"),
        _("Andel stoppet"),
        _("Pris pr. godt udfald"),
        _("Seneste evaluering"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []

    def reload(self, year: int) -> None:
        data = agreement_comparison(year, anonymise=False)
        rows = []
        for row in data.rows:
            latest = row.latest
            price_per_good = (
                format_dkk(round(row.price_dkk / latest.good_outcomes))
                if (latest and row.price_dkk and latest.good_outcomes)
                else "–"
            )
            rows.append(
                (
                    f"{row.number}: {row.name}",
                    format_int(row.places) + (f" + {row.extra_places}" if row.extra_places else ""),
                    format_dkk(row.price_dkk) if row.price_dkk else "–",
                    format_int(latest.completed) if latest and latest.completed is not None else "–",
                    format_int(latest.good_outcomes) if latest else "–",
                    format_pct(latest.good_outcome_share) if latest else "–",
                    format_pct(latest.stopped_share) if latest else "–",
                    price_per_good,
                    format_date(latest.date) if latest else _("ingen evaluering"),
                )
            )
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AgreementPage(RefreshWhenShown, QTabWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.evaluation: Evaluation | None = None
        self.binder = FormBinder(self)
        self.addTab(self._agreements_tab(), _("&Aftaler og evalueringer"))
        self.comparison = ComparisonModel(self)
        comparison_view = _table(self.comparison)
        comparison_view.setObjectName("comparison")
        for column, width in enumerate((200, 80, 110, 90, 90, 100, 100, 140)):
            comparison_view.setColumnWidth(column, width)
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
        self.addTab(self._paradigm_tab(), _("Evaluerings&paradigme"))
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
        splitter.addWidget(self._evaluation_panel())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        return splitter

    def _evaluation_panel(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        self.agreement_form = AgreementForm(editor=self.editor)
        layout.addWidget(self.agreement_form)
        self.evaluation_title = QLabel()
        font = self.evaluation_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.evaluation_title.setFont(font)
        layout.addWidget(self.evaluation_title)
        counts_box = QGroupBox(_("Evaluering"))
        form = QFormLayout(counts_box)
        self.date_edit = QLineEdit()
        self.date_edit.setMaximumWidth(140)
        self._row(
            form,
            _("&Dato:"),
            self.date_edit,
            "date",
            lambda: date_text(self.evaluation.date) if self.evaluation else "",
            lambda text: self._set("date", _("dato"), parse_date(text, field="date", label=_("Datoen"))),
        )
        self.count_edits: dict[str, QLineEdit] = {}
        for field, label in COUNT_FIELDS:
            edit = QLineEdit()
            edit.setMaximumWidth(90)
            self.count_edits[field] = edit
            self._row(
                form,
                label,
                edit,
                field,
                lambda f=field: (
                    ""
                    if not self.evaluation or getattr(self.evaluation, f) is None
                    else str(getattr(self.evaluation, f))
                ),
                lambda text, f=field, lab=label: self._set(
                    f,
                    lab.replace("&", "").rstrip(":").lower(),
                    parse_int(text, field=f, label=lab.replace("&", "").rstrip(":")),
                ),
            )
        layout.addWidget(counts_box)

        outcome_box = QGroupBox(_("Overblik efter endt forløb"))
        outcome_layout = QHBoxLayout(outcome_box)
        self.outcomes = OutcomeGridModel(editor=self.editor, parent=self)
        self.outcome_view = SheetView()
        self.outcome_view.setModel(self.outcomes)
        self.outcome_view.verticalHeader().hide()
        self.outcome_view.setObjectName("outcomes")
        self.outcome_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outcome_view.horizontalHeader().setStretchLastSection(False)
        self.outcome_view.setColumnWidth(1, 80)
        self.outcome_view.setMinimumHeight(330)
        self.outcome_error = ErrorLabel()
        self.outcomes.error_occurred.connect(self.outcome_error.show_message)
        grid = QVBoxLayout()
        grid.addWidget(self.outcome_view)
        grid.addWidget(self.outcome_error)
        outcome_layout.addLayout(grid, 3)
        self.live = QLabel()
        self.live.setObjectName("liveFigures")
        self.live.setWordWrap(True)
        self.live.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning = QLabel()
        self.warning.setObjectName("countWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300; font-weight: bold;")
        side = QVBoxLayout()
        side.addWidget(self.live)
        side.addWidget(self.warning)
        side.addStretch(1)
        outcome_layout.addLayout(side, 2)
        layout.addWidget(outcome_box)

        self.answers_box = QGroupBox(_("Svar på paradigmets spørgsmål"))
        self.answers_form = QFormLayout(self.answers_box)
        self.answers_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.answer_binder = FormBinder(self)
        layout.addWidget(self.answers_box)
        layout.addStretch(1)
        return scroll

    def _row(self, form: QFormLayout, label: str, widget: QWidget, name: str, load, commit) -> None:
        add_field_row(form, self.binder, label, widget, name, load, commit)

    def _set(self, field: str, label: str, value) -> None:
        assert self.evaluation is not None
        self.editor.update(
            Evaluation,
            self.evaluation.id,
            {field: value},
            _("{label} i evalueringen {date}").format(label=label, date=date_text(self.evaluation.date)),
        )

    # --- the paradigm tab ---------------------------------------------------------------------------
    def _paradigm_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.paradigm_box = QComboBox()
        self.paradigm_box.setObjectName("paradigmVersion")
        self.paradigm_box.currentIndexChanged.connect(self._on_paradigm_changed)
        version_label = QLabel(_("Versi&on:"))
        version_label.setBuddy(self.paradigm_box)
        self.new_version_button = QPushButton(_("Opret &ny version"))
        self.new_version_button.clicked.connect(self._on_new_version)
        top.addWidget(version_label)
        top.addWidget(self.paradigm_box, 1)
        top.addWidget(self.new_version_button)
        layout.addLayout(top)
        self.paradigm_note = QLabel()
        self.paradigm_note.setWordWrap(True)
        layout.addWidget(self.paradigm_note)

        def paradigm():
            return self.paradigm_box.currentData()

        def locked() -> bool:
            current = paradigm()
            return current is None or bool(paradigm_evaluation_count(current))

        self.questions = RecordTableModel(
            editor=self.editor,
            model=ParadigmQuestion,
            columns=[Column("text", _("Spørgsmål")), Column("is_overview", _("Besvares af udfaldene"), "bool")],
            rows=lambda: paradigm_questions(paradigm()),
            describe=lambda _q: _("evalueringsspørgsmål"),
            read_only=locked,
            parent=self,
        )
        self.categories = RecordTableModel(
            editor=self.editor,
            model=OutcomeCategory,
            columns=[
                Column("name", _("Udfaldskategori")),
                Column("is_good", _("Godt udfald"), "bool"),
                Column("is_stopped", _("Stop"), "bool"),
            ],
            rows=lambda: outcome_categories(paradigm()),
            describe=lambda _c: _("udfaldskategori"),
            read_only=locked,
            parent=self,
        )
        self.paradigm_error = ErrorLabel()
        for model in (self.questions, self.categories):
            model.error_occurred.connect(self.paradigm_error.show_message)
        tables = QHBoxLayout()
        for model, name in ((self.questions, "questions"), (self.categories, "categories")):
            view = _table(model)
            view.setObjectName(name)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            tables.addWidget(view)
        layout.addLayout(tables, 1)
        layout.addWidget(self.paradigm_error)
        return tab

    # --- showing ------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:
        self.agreements.reload()  # row by row: the current agreement stays current
        if self.agreements.rowCount() and not self.agreement_view.currentIndex().isValid():
            self.agreement_view.setCurrentIndex(self.agreements.index(0, 0))
        shown = self.agreement.id if self.agreement else None
        if self.agreement_form.record is not None and self.agreement_form.record.id == shown:
            self.agreement_form.reload()
        else:
            self.agreement_form.show_agreement(shown)
        self._fill_evaluations()
        self._comparison_stale = True
        self._refresh_comparison()
        self._fill_paradigms()

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
            item = QListWidgetItem(format_date(row.date))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.evaluations.addItem(item)
        ids = [e.id for e in rows]
        self.evaluations.setCurrentRow(ids.index(keep) if keep in ids else len(ids) - 1)
        self.evaluations.blockSignals(False)
        self._show_evaluation()

    def _show_evaluation(self, *, force: bool = False) -> None:
        item = self.evaluations.currentItem()
        previous = self.evaluation.id if self.evaluation else None
        self.evaluation = evaluation(item.data(Qt.ItemDataRole.UserRole)) if item else None
        force = force or (self.evaluation.id if self.evaluation else None) != previous
        agreement = self.agreement
        if self.evaluation is None:
            self.evaluation_title.setText(_("Ingen evaluering valgt") if agreement else _("Ingen aftale valgt"))
        else:
            self.evaluation_title.setText(
                _("Samarbejdsaftale {n} ({name}), evaluering {date}").format(
                    n=agreement.number, name=agreement.enterprise_name, date=format_date(self.evaluation.date)
                )
            )
        self.binder.set_enabled(self.evaluation is not None)
        self.binder.load(force=force)
        self.outcomes.reload(self.evaluation.id if self.evaluation else None)
        self._show_live()
        self._fill_answers(force)

    def _show_live(self) -> None:
        if self.evaluation is None:
            self.live.setText("")
            self.warning.setText("")
            return
        figures = evaluation_figures(self.evaluation)
        self.live.setText(
            _(
                "<b>Afsluttede:</b> {completed}<br><b>Gode udfald:</b> {good}<br><b>Andel gode udfald:</b> {share}<br>"
                "<b>Stoppet:</b> {stopped} ({stopped_share})<br><b>Udfald i alt:</b> {sum}"
            ).format(
                completed=figures.completed if figures.completed is not None else "–",
                good=figures.good_outcomes,
                share=format_pct(figures.good_outcome_share),
                stopped=figures.stopped,
                stopped_share=format_pct(figures.stopped_share),
                sum=figures.outcome_sum,
            )
        )
        self.warning.setText("\n".join("⚠ " + w for w in figures.warnings))
        self.warning.setVisible(bool(figures.warnings))

    def _fill_answers(self, force: bool) -> None:
        if not force and self.answer_binder.bindings:
            self.answer_binder.load()
            return
        while self.answers_form.rowCount():
            self.answers_form.removeRow(0)
        self.answer_binder = FormBinder(self)
        if self.evaluation is None:
            return
        for question in paradigm_questions(self.evaluation.paradigm_id):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90)
            edit.setObjectName(f"answer:{question.position}")
            error = ErrorLabel()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(error)
            label = question.text + (" " + _("(uddybning til udfaldene)") if question.is_overview else "")
            self.answers_form.addRow(QLabel(f"<b>{label}</b>"), holder)
            self.answer_binder.bind(
                edit,
                label=question.text,
                error=error,
                load=lambda q=question: self._answer(q).answer if self._answer(q) else "",
                commit=lambda text, q=question: self._commit_answer(q, text),
            )
        self.answer_binder.load(force=True)

    def _answer(self, question: ParadigmQuestion) -> EvaluationAnswer | None:
        if self.evaluation is None:
            return None
        return answer(self.evaluation.id, question.id)

    def _commit_answer(self, question: ParadigmQuestion, text: str) -> None:
        existing = self._answer(question)
        description = _("svar på «{question}»").format(question=question.text)
        if existing is None:
            self.editor.create(
                EvaluationAnswer,
                {"evaluation": self.evaluation.id, "question": question.id, "answer": text},
                description,
            )
        else:
            self.editor.update(EvaluationAnswer, existing.id, {"answer": text}, description)

    def _fill_paradigms(self) -> None:
        current = self.paradigm_box.currentData()
        self.paradigm_box.blockSignals(True)
        self.paradigm_box.clear()
        for paradigm_id, name in paradigms():
            self.paradigm_box.addItem(name, paradigm_id)
        index = self.paradigm_box.findData(current)
        self.paradigm_box.setCurrentIndex(index if index >= 0 else self.paradigm_box.count() - 1)
        self.paradigm_box.blockSignals(False)
        self._on_paradigm_changed()

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

    def _on_new_version(self) -> None:
        current = self.paradigm_box.currentData()
        if current is None:
            return
        copy = new_version(get_record(Paradigm, current))
        self.editor.undo_stack.clear()
        self.editor.changed.emit("Paradigm")
        self.editor.changes.emit(ChangeSet.of("Paradigm", "added", [copy.id]))
        self.paradigm_box.setCurrentIndex(self.paradigm_box.findData(copy.id))

    # --- slots ----------------------------------------------------------------------------------------
    def _on_agreement_changed(self, current, previous) -> None:
        agreement = self.agreement
        self.agreement_form.show_agreement(agreement.id if agreement else None)
        if current.row() != previous.row():
            self.evaluation = None
            self._fill_evaluations()

    def _on_evaluation_changed(self, _row: int) -> None:
        self._show_evaluation()

    def _on_paradigm_changed(self, _index: int = 0) -> None:
        current = self.paradigm_box.currentData()
        in_use = paradigm_evaluation_count(current)
        if in_use is None:
            self.paradigm_note.setText(_("Der er intet evalueringsparadigme endnu."))
        elif in_use:
            self.paradigm_note.setText(
                _(
                    "Denne version er brugt af {n} evalueringer og kan derfor ikke ændres; de "
                    "beholder den, de er lavet med. Opret en ny version for at ændre spørgsmål "
                    "eller hvilke udfald der er gode."
                ).format(n=in_use)
            )
        else:
            self.paradigm_note.setText(
                _("Denne version er ikke brugt endnu og kan ændres. Nye evalueringer bruger den nyeste version.")
            )
        self.questions.reload()
        self.categories.reload()

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
            self.evaluation = evaluation(self.evaluation.id) if self.evaluation else None
            if "Evaluation" in names:
                self._fill_evaluations()
            else:
                self.outcomes.reload(self.evaluation.id if self.evaluation else None)
                self.binder.load()
                self._show_live()
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
