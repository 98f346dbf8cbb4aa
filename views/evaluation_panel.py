"""The evaluation panel of Aftaler og evalueringer: one evaluation's counts, a grid of outcome counts with
the shares live beside it and a warning where the counts do not add up, and the paradigm's questions
answered."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.agreement_queries import answer, evaluation, paradigm_questions
from models.agreements import Evaluation, EvaluationAnswer, ParadigmQuestion
from models.figures import evaluation_figures
from models.formatting import format_date, format_pct
from models.i18n import _
from models.validation import parse_date, parse_int
from views.agreement_models import OutcomeGridModel
from views.editor import Editor
from views.fields import ErrorLabel, FormBinder, add_field_row, date_text
from views.sheet_view import SheetView

COUNT_FIELDS = (
    ("places_in_use", _("Forløb i &brug:")),
    ("plans_made", _("Deltagere &med plan:")),
    ("plans_missing", _("Deltagere uden p&lan:")),
    ("plans_in_progress", _("Plan under &udarbejdelse:")),
    ("completed", _("Afslu&ttede forløb i alt:")),
    ("continuing", _("Fortsat &i forløb:")),
)


class EvaluationPanel(QScrollArea):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.evaluation = None
        self.binder = FormBinder(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.body_layout = layout
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

    def _row(self, form: QFormLayout, label: str, widget: QWidget, name: str, load, commit) -> None:
        add_field_row(form, self.binder, label, widget, name, load, commit)

    def _set(self, field: str, label: str, value) -> None:
        assert self.evaluation is not None
        self.editor.update(
            Evaluation,
            self.evaluation.id,
            {field: value},
            _("{label} i evalueringen {date}").format(label=label, date=date_text(self.evaluation.date)),
            version=self.evaluation.row_version,
        )

    def show(self, evaluation_id: int | None, agreement, *, force: bool = False) -> None:
        """Show the evaluation (None: none) of ``agreement`` (an agreement row, or None)."""
        previous = self.evaluation.id if self.evaluation else None
        self.evaluation = evaluation(evaluation_id)
        force = force or (self.evaluation.id if self.evaluation else None) != previous
        if self.evaluation is None:
            self.evaluation_title.setText(_("Ingen evaluering valgt") if agreement else _("Ingen aftale valgt"))
        else:
            self.evaluation_title.setText(
                _("Samarbejdsaftale {n} ({name}), evaluering {date}").format(
                    n=agreement.number, name=agreement.enterprise_name, date=format_date(self.evaluation.date)
                )
            )
        self.binder.set_enabled(self.evaluation is not None)
        self.binder.load(force=force, record=self.evaluation.id if self.evaluation else None)
        self.outcomes.reload(self.evaluation.id if self.evaluation else None)
        self._show_live()
        self._fill_answers(force)

    def refresh(self) -> None:
        """The shown evaluation read again (after an edit of its counts, outcomes or answers)."""
        self.evaluation = evaluation(self.evaluation.id) if self.evaluation else None
        self.outcomes.reload(self.evaluation.id if self.evaluation else None)
        self.binder.load(record=self.evaluation.id if self.evaluation else None)
        self._show_live()

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
            self.editor.update(
                EvaluationAnswer, existing.id, {"answer": text}, description, version=existing.row_version
            )
