"""One guard for typing that is not stored because it is invalid: before the user leaves the record (another
row, another page, another year, a new record, closing the window), ask whether to throw it away. Every page
asks through here."""

from PySide6.QtWidgets import QWidget

from models.i18n import _
from views import messages


def may_discard(parent: QWidget, invalid: list[str], *, leaving: str) -> bool:
    """True if nothing invalid is pending, or the user agrees to throw it away. ``leaving`` says what the
    user is about to do ("skifte virksomhed", "lukke")."""
    if not invalid:
        return True
    return messages.confirm(
        parent,
        _("Ugyldig værdi"),
        _("Feltet «{field}» har en ugyldig værdi, som ikke er gemt. Vil du {leaving} og kassere den?").format(
            field=invalid[0], leaving=leaving
        ),
        yes=_("&Kassér"),
        no=_("&Bliv"),
    )


def leave_pending(parent: QWidget, pages: list, *, leaving: str) -> bool:
    """Before the pages show other records: store the valid typing still in their fields, ask about the
    invalid; True if the user may go on (then the invalid typing is thrown away)."""
    from views.fields import FormBinder

    invalid = [field for page in pages for field in page.commit_pending()]
    if not may_discard(parent, invalid, leaving=leaving):
        return False
    for page in pages:
        for binder in page.findChildren(FormBinder):
            binder.discard_invalid()
    return True
