"""Hjælp → Om: the version, and where the database, its backups and the log are, so a user can tell IT
exactly what runs and where its files lie. The caller supplies the facts; the dialog only shows them."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.i18n import _


@dataclass(frozen=True)
class AboutFacts:
    version: str
    database: Path | str  # a file, or a server's address (no password)
    backups: Path | None  # None on a server: its administrator's pg_dump keeps them
    log: Path
    runtime: str = ""  # e.g. "Qt 6.11.3, Python 3.11.7, pakke (PyInstaller)"


def open_folder(folder: Path) -> bool:
    """Open ``folder`` in the file manager (Stifinder); the nearest existing parent if it is not made yet."""
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(self, *, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle(_("Om Socialøkonomi"))
        title = QLabel(_("Socialøkonomi {version}").format(version=facts.version))
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        intro = QLabel(
            _(
                "Socialøkonomi holder registret over kommunens socialøkonomiske virksomheder og laver årsrapporten "
                "og jobstatus ud fra data."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        self._add_row(form, "version", _("Version:"), facts.version)
        on_file = isinstance(facts.database, Path)
        self._add_row(form, "database", _("Database:"), str(facts.database), facts.database.parent if on_file else None)
        self._add_row(form, "backups", _("Sikkerhedskopier:"), self._backups_text(), facts.backups)
        self._add_row(form, "log", _("Fejllog:"), str(facts.log), facts.log.parent)
        if facts.runtime:
            self._add_row(form, "runtime", _("Kører med:"), facts.runtime)
        note = QLabel(_("Fejlloggen findes først, når der er sket en uventet fejl."))
        note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("&Kopiér oplysningerne"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(_("Kopiér version og stier, fx til en henvendelse til it-support"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Luk"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        # never narrower than the longest path (Qt would otherwise cap the first size at 2/3 of the screen)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def _add_row(self, form: QFormLayout, key: str, label: str, value: str, folder: Path | None = None) -> None:
        text = QLabel(value)
        text.setObjectName(f"about_{key}")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # one line, never wrapped: a path broken over lines is hard to read out to IT; the dialog widens instead
        self.values[key] = text
        if folder is None:
            form.addRow(label, text)
            return
        row = QHBoxLayout()
        row.addWidget(text, 1)
        button = QPushButton(_("Åbn mappen"))
        button.setObjectName(f"open_{key}")
        button.setToolTip(_("Åbn mappen i Stifinder"))
        button.clicked.connect(lambda _checked=False, f=folder: open_folder(f))
        row.addWidget(button)
        form.addRow(label, row)

    def _backups_text(self) -> str:
        if self.facts.backups is None:
            return _("tages af databaseserverens administrator (pg_dump)")
        return str(self.facts.backups)

    def text(self) -> str:
        """The facts as plain lines, as copied to the clipboard."""
        lines = [
            _("Socialøkonomi {version}").format(version=self.facts.version),
            _("Database: {path}").format(path=self.facts.database),
            _("Sikkerhedskopier: {path}").format(path=self._backups_text()),
            _("Fejllog: {path}").format(path=self.facts.log),
        ]
        if self.facts.runtime:
            lines.append(_("Kører med: {runtime}").format(runtime=self.facts.runtime))
        return "\n".join(lines)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
