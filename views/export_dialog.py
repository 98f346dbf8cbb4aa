"""The dialog of Filer → Eksportér årsrapport: year, where to save, and the municipality's template."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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


class ReportExportDialog(QDialog):
    def __init__(
        self, *, years: list[int], year: int, folder: Path, template: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Eksportér årsrapport"))
        self.folder = folder
        self.year_box = QComboBox()
        for value in years:
            self.year_box.addItem(str(value), value)
        self.year_box.setCurrentIndex(max(self.year_box.findData(year), 0))
        self.output_edit = QLineEdit()
        self.output_edit.setObjectName("output")
        browse = QPushButton(_("&Gennemse…"))
        browse.clicked.connect(self._on_browse_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit, 1)
        output_row.addWidget(browse)
        self.template_box = QCheckBox(_("Brug kommunens Word-&skabelon:"))
        self.template_edit = QLineEdit(template)
        self.template_edit.setObjectName("template")
        self.template_box.setChecked(bool(template))
        browse_template = QPushButton(_("G&ennemse…"))
        browse_template.clicked.connect(self._on_browse_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(browse_template)
        self.error = ErrorLabel()
        form = QFormLayout()
        year_label = QLabel(_("&År:"))
        year_label.setBuddy(self.year_box)
        form.addRow(year_label, self.year_box)
        output_label = QLabel(_("&Gem som:"))
        output_label.setBuddy(self.output_edit)
        form.addRow(output_label, output_row)
        form.addRow(self.template_box, template_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Eksportér"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annullér"))
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.year_box.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()
        self.resize(640, self.sizeHint().height())

    def _suggest_name(self) -> None:
        self.output_edit.setText(
            str(self.folder / _("Årsrapport {year}.docx").format(year=self.year_box.currentData()))
        )

    def _on_browse_output(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Gem årsrapporten som"), self.output_edit.text(), _("Word-dokument (*.docx)")
        )
        if path:
            self.output_edit.setText(path if path.lower().endswith(".docx") else path + ".docx")

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

    def _on_accept(self) -> None:
        output = self.output_edit.text().strip()
        if not output:
            self.error.show_message(_("Vælg hvor dokumentet skal gemmes."))
            return
        if not output.lower().endswith(".docx"):
            self.error.show_message(_("Årsrapporten gemmes som Word-dokument; filnavnet skal ende på .docx."))
            return
        if self.template_box.isChecked() and not Path(self.template_edit.text().strip()).is_file():
            self.error.show_message(_("Skabelonen findes ikke. Vælg en anden, eller slå skabelonen fra."))
            return
        self.accept()

    def options(self) -> ReportExportOptions:
        template = self.template_edit.text().strip()
        return ReportExportOptions(
            year=int(self.year_box.currentData()),
            output=Path(self.output_edit.text().strip()),
            template=Path(template) if self.template_box.isChecked() and template else None,
        )
