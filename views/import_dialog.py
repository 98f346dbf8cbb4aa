"""The preview of an import: what will be added, what is there already, what conflicts, what is invalid.
Importér is only offered when nothing is invalid."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from models.data_import import ImportReport
from models.i18n import _


class ImportPreviewDialog(QDialog):
    def __init__(self, *, name: str, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Importér {name}").format(name=name))
        if report.invalid:
            lead = _("Filen kan ikke importeres: den har ugyldige poster (se nedenfor). Intet er ændret.")
        elif not report.added:
            lead = _("Der er intet nyt at importere; alt i filen findes allerede.")
        else:
            lead = _("Sådan bliver importen. Der tages en sikkerhedskopi lige før.")
        label = QLabel(lead)
        label.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(report.lines()))
        self.details.setObjectName("importPreview")
        self.details.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Importér"))
        ok.setEnabled(bool(report.added) and not report.invalid)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            _("Luk") if not ok.isEnabled() else _("Annullér")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
