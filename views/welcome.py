"""The welcome on an empty database: three ways in, each one button."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from models.i18n import _

CHOICES = (
    (
        "create",
        _("&Opret den første virksomhed"),
        _("Start forfra: skriv kommunens socialøkonomiske virksomheder ind én ad gangen."),
    ),
    (
        "import",
        _("&Importér en datafil eller en udfyldt Excel-skabelon…"),
        _(
            "Har du data fra en anden computer, eller har du udfyldt importskabelonen (Filer → Gem importskabelon), "
            "så hent det hele ind på én gang."
        ),
    ),
    (
        "example",
        _("Indlæs &eksempeldata"),
        _(
            "Se programmet med eksemplets virksomheder, tilskud og årsrapport. "
            "Eksemplet kan ikke blandes med egne data."
        ),
    ),
)


class Welcome(QGroupBox):
    """Shown instead of the year's figures while the database is empty. ``chosen`` gives "create", "import"
    or "example"."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Velkommen til Socialøkonomi"), parent)
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        intro = QLabel(_("Databasen er tom. Vælg, hvordan du vil begynde:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, hint in CHOICES:
            button = QPushButton(label)
            button.setObjectName(f"welcome:{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.chosen.emit(k))
            text = QLabel(hint)
            text.setWordWrap(True)
            text.setContentsMargins(12, 0, 0, 8)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(text)
            self.buttons[key] = button
