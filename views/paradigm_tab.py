"""Evalueringsparadigme: the versions of the evaluation paradigm, each with its questions and outcome
categories. A version in use by an evaluation is locked; a new version is a copy that may be changed."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from models.agreement_queries import outcome_categories, paradigm_evaluation_count, paradigm_questions, paradigms
from models.agreements import OutcomeCategory, Paradigm, ParadigmQuestion
from models.errors import StoreError
from models.i18n import _
from models.paradigms import new_version
from models.record_rows import get_record
from views import messages
from views.editor import Editor
from views.fields import ErrorLabel
from views.record_table import Column, RecordTableModel
from views.sheet_view import SheetView


class ParadigmTab(QWidget):
    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
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
            view = SheetView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.setObjectName(name)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            tables.addWidget(view)
        layout.addLayout(tables, 1)
        layout.addWidget(self.paradigm_error)

    def reload(self) -> None:
        current = self.paradigm_box.currentData()
        self.paradigm_box.blockSignals(True)
        self.paradigm_box.clear()
        for paradigm_id, name in paradigms():
            self.paradigm_box.addItem(name, paradigm_id)
        index = self.paradigm_box.findData(current)
        self.paradigm_box.setCurrentIndex(index if index >= 0 else self.paradigm_box.count() - 1)
        self.paradigm_box.blockSignals(False)
        self._on_paradigm_changed()

    def _on_new_version(self) -> None:
        current = self.paradigm_box.currentData()
        if current is None:
            return
        try:
            copy = self.editor.run_bulk(
                _("ny version af evalueringsparadigmet"),
                "new-paradigm-version",
                lambda: new_version(get_record(Paradigm, current)),
            ).value
        except StoreError as error:
            messages.error(self, _("Opret ny version"), str(error))
            return
        self.paradigm_box.setCurrentIndex(self.paradigm_box.findData(copy.id))

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
