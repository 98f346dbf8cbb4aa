"""The export dialogs of the Filer menu: what to export, where to save it (and, for the report, the
municipality's template). Each returns a plain options object; the window runs the export."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.i18n import _
from views.fields import ErrorLabel


@dataclass(frozen=True)
class ReportExportOptions:
    year: int
    output: Path
    template: Path | None


@dataclass(frozen=True)
class JobsExportOptions:
    as_of: dt.date
    output: Path


@dataclass(frozen=True)
class AgreementsExportOptions:
    year: int
    output: Path


class _SaveDialog(QDialog):
    """A form with rows of the caller's, a "Gem som" row, a message line and Eksportér / Annullér."""

    suffix = ".xlsx"
    file_filter = _("Excel-projektmappe (*.xlsx)")

    def __init__(self, *, title: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.folder = folder
        self.form = QFormLayout()
        self.output_edit = QLineEdit()
        self.output_edit.setObjectName("output")
        browse = QPushButton(_("&Gennemse…"))
        browse.clicked.connect(self._on_browse_output)
        self.output_row = QHBoxLayout()
        self.output_row.addWidget(self.output_edit, 1)
        self.output_row.addWidget(browse)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Eksportér"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annullér"))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, field) -> None:
        caption = QLabel(label)
        if isinstance(field, QWidget):
            caption.setBuddy(field)
        self.form.addRow(caption, field)

    def finish_rows(self) -> None:
        output_label = QLabel(_("Gem &som:"))
        output_label.setBuddy(self.output_edit)
        self.form.addRow(output_label, self.output_row)
        self.suggest_name()
        self.resize(640, self.sizeHint().height())

    def suggested_name(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def suggest_name(self) -> None:
        self.output_edit.setText(str(self.folder / self.suggested_name()))

    def _on_browse_output(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), self.output_edit.text(), self.file_filter)
        if path:
            self.output_edit.setText(path if path.lower().endswith(self.suffix) else path + self.suffix)

    def problem(self) -> str:
        """A Danish message if the choices cannot be exported, else ""."""
        output = self.output_edit.text().strip()
        if not output:
            return _("Vælg hvor filen skal gemmes.")
        if not output.lower().endswith(self.suffix):
            return _("Filnavnet skal ende på {suffix}.").format(suffix=self.suffix)
        return ""

    def _on_accept(self) -> None:
        message = self.problem()
        self.error.show_message(message)
        if not message:
            self.accept()

    @property
    def output(self) -> Path:
        return Path(self.output_edit.text().strip())


class ReportExportDialog(_SaveDialog):
    suffix = ".docx"
    file_filter = _("Word-dokument (*.docx)")

    def __init__(
        self, *, years: list[int], year: int, folder: Path, template: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(title=_("Eksportér årsrapport"), folder=folder, parent=parent)
        self.year_box = QComboBox()
        for value in years:
            self.year_box.addItem(str(value), value)
        self.year_box.setCurrentIndex(max(self.year_box.findData(year), 0))
        self.year_box.currentIndexChanged.connect(self.suggest_name)
        self.add_row(_("&År:"), self.year_box)
        self.template_box = QCheckBox(_("Brug kommunens Word-&skabelon:"))
        self.template_edit = QLineEdit(template)
        self.template_edit.setObjectName("template")
        self.template_box.setChecked(bool(template))
        browse_template = QPushButton(_("G&ennemse…"))
        browse_template.clicked.connect(self._on_browse_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(browse_template)
        self.finish_rows()
        self.form.addRow(self.template_box, template_row)

    def suggested_name(self) -> str:
        return _("Årsrapport {year}.docx").format(year=self.year_box.currentData())

    def _on_browse_template(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Vælg kommunens skabelon"),
            self.template_edit.text(),
            _("Word-dokument eller -skabelon (*.docx *.dotx)"),
        )
        if path:
            self.template_edit.setText(path)
            self.template_box.setChecked(True)

    def problem(self) -> str:
        message = super().problem()
        if message:
            return (
                _("Årsrapporten gemmes som Word-dokument; filnavnet skal ende på .docx.")
                if "ende på" in message
                else message
            )
        if not self.template_box.isChecked():
            return ""
        template = Path(self.template_edit.text().strip())
        if template.is_dir():
            return _("Skabelonen er en mappe; vælg en Word-fil (.docx eller .dotx).")
        if not template.exists():
            return _("Skabelonen findes ikke. Vælg en anden, eller slå skabelonen fra.")
        if not template.is_file():
            return _("Skabelonen er ikke en almindelig fil; vælg en Word-fil (.docx eller .dotx).")
        if template.suffix.lower() in (".dotm", ".docm"):
            return _("Skabeloner med makroer (.dotm, .docm) understøttes ikke; gem skabelonen som .dotx i Word.")
        if template.resolve() == self.output.resolve():
            return _("Rapporten kan ikke gemmes oven i skabelonen; vælg et andet filnavn til rapporten.")
        return ""

    def options(self) -> ReportExportOptions:
        template = self.template_edit.text().strip()
        return ReportExportOptions(
            year=int(self.year_box.currentData()),
            output=self.output,
            template=Path(template) if self.template_box.isChecked() and template else None,
        )


class JobsExportDialog(_SaveDialog):
    def __init__(self, *, as_of: dt.date, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(title=_("Eksportér jobstatus"), folder=folder, parent=parent)
        self.date_edit = QDateEdit(QDate(as_of.year, as_of.month, as_of.day))
        self.date_edit.setObjectName("asOf")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.dateChanged.connect(self.suggest_name)
        self.add_row(_("&Opgjort pr.:"), self.date_edit)
        self.finish_rows()

    @property
    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def suggested_name(self) -> str:
        return _("Jobstatus {date}.xlsx").format(date=self.as_of.isoformat())

    def options(self) -> JobsExportOptions:
        return JobsExportOptions(as_of=self.as_of, output=self.output)


class AgreementsExportDialog(_SaveDialog):
    def __init__(self, *, years: list[int], year: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(title=_("Eksportér sammenligning af samarbejdsaftaler"), folder=folder, parent=parent)
        self.year_box = QComboBox()
        for value in years:
            self.year_box.addItem(str(value), value)
        self.year_box.setCurrentIndex(max(self.year_box.findData(year), 0))
        self.year_box.currentIndexChanged.connect(self.suggest_name)
        self.add_row(_("&År:"), self.year_box)
        self.finish_rows()

    def suggested_name(self) -> str:
        return _("Samarbejdsaftaler {year}.xlsx").format(year=self.year_box.currentData())

    def options(self) -> AgreementsExportOptions:
        return AgreementsExportOptions(year=int(self.year_box.currentData()), output=self.output)
