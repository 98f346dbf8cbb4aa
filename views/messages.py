"""The one place that opens modal message boxes, so tests can replace it and never block."""

from PySide6.QtWidgets import QMessageBox, QWidget

from models.i18n import _


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str, no: str) -> bool:
    """Ask a yes/no question with the given button texts; the safe answer (no) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def first_lines(lines: list[str], limit: int = 10) -> str:
    """The first ``limit`` lines and how many more there are: a message that always fits on the screen."""
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(_("… og {n} flere").format(n=len(lines) - limit))
    return "\n".join(shown)


def problems(parent: QWidget | None, title: str, summary: str, lines: list[str]) -> None:
    """A warning with the first problems in the box and every one of them in its scrollable details."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, summary + "\n\n" + first_lines(lines), QMessageBox.StandardButton.Ok, parent
    )
    if len(lines) > 10:
        box.setDetailedText("\n".join(lines))
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def finished(parent: QWidget | None, title: str, text: str, *, details: list[str], open_label: str) -> bool:
    """Tell that an export is done, with its warnings; True if the user chose to open the file."""
    box = QMessageBox(
        QMessageBox.Icon.Information if not details else QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    if details:
        box.setInformativeText("\n".join("• " + line for line in details))
    open_button = box.addButton(open_label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Luk"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button
