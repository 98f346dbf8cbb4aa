"""Row versions: every record counts its saves (``row_version``), so a save based on what a colleague has
changed since is refused instead of silently overwriting it (optimistic locking; models.editing.save_changes
writes with ``WHERE id = ? AND row_version = ?``). This module words the refusal from the audit trail."""

import peewee

from models.base import BaseModel
from models.errors import StaleRecordError
from models.i18n import _


def _name(record: BaseModel) -> str:
    try:
        return record.display_name()
    except peewee.DoesNotExist:  # a reference in the name that is gone: the kind alone names it
        return ""


def stale_error(model: type[BaseModel], record_id: int, current: BaseModel | None) -> StaleRecordError:
    """The message for a save refused because a colleague changed or deleted the record since it was read:
    who and when, from the audit trail."""
    from models.formatting import format_date
    from models.history import AuditEntry

    last = (
        AuditEntry.select()
        .where((AuditEntry.model == model.__name__) & (AuditEntry.record_id == record_id))
        .order_by(AuditEntry.id.desc())
        .first()
    )
    who = last.user if last and last.user else _("en anden bruger")
    when = (
        _(" den {date} kl. {time}").format(date=format_date(last.at.date()), time=last.at.strftime("%H:%M"))
        if last
        else ""
    )
    kind = model.label.capitalize()
    if current is None:
        message = _("Denne {label} er slettet af {who}{when}, efter du hentede den. Din ændring er ikke gemt.")
        return StaleRecordError("", message.format(label=model.label, who=who, when=when))
    message = _(
        "{kind} «{name}» er ændret af {who}{when}, efter du hentede den. Din ændring er ikke gemt; du ser nu "
        "den gemte værdi."
    )
    return StaleRecordError("", message.format(kind=kind, name=_name(current), who=who, when=when))
