"""The page of an area that a later version builds: says so plainly, shows nothing fake."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.i18n import _


class PlaceholderPage(QWidget):
    def __init__(self, *, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            description
            + "\n\n"
            + _("Denne side kommer snart. Data, der allerede er indtastet, bevares og vises her, når siden er klar.")
        )
        text.setWordWrap(True)
        text.setObjectName("comingSoon")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
