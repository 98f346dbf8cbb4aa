"""Deleting records without leaving orphans or taking anything along silently.

A record's *own* parts (an enterprise's year texts, a grant's funders, an evaluation's answers) are
declared ``ON DELETE CASCADE`` and go with it. Any other record that refers to it (an enterprise's grants,
agreements or placements) makes ``delete_record`` refuse with a message that names them, unless the
caller asks for the cascade explicitly.
"""

from dataclasses import dataclass

from peewee import ForeignKeyField

from models.base import BaseModel, database_proxy
from models.errors import ReferencedError
from models.i18n import _


@dataclass(frozen=True)
class Dependent:
    label: str  # Danish plural noun: "tilskud", "ansættelser"
    count: int
    owned: bool  # goes with the record by itself (ON DELETE CASCADE)


def _referrers(record: BaseModel) -> list[tuple[ForeignKeyField, int]]:
    found = []
    for fk in type(record)._meta.backrefs:
        count = fk.model.select().where(fk == record.get_id()).count()
        if count:
            found.append((fk, count))
    return found


def dependents(record: BaseModel) -> list[Dependent]:
    """What refers to ``record`` directly, by kind, with counts."""
    result = []
    for fk, count in _referrers(record):
        owned = fk.on_delete in ("CASCADE", "SET NULL")
        label = fk.model.label if count == 1 else fk.model.label_plural
        result.append(Dependent(label=label, count=count, owned=owned))
    return result


def describe_dependents(items: list[Dependent]) -> str:
    """ "1 tilskud, 1 samarbejdsaftale og 12 ansættelser" """
    parts = [f"{item.count} {item.label}" for item in items]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return _("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def delete_record(record: BaseModel, *, cascade: bool = False) -> None:
    """Delete ``record`` in one transaction. Without ``cascade``, refuse if records other than its own parts
    refer to it; with ``cascade``, delete those too (recursively)."""
    blocking = [d for d in dependents(record) if not d.owned]
    if blocking and not cascade:
        raise ReferencedError(
            _(
                "{kind} «{name}» kan ikke slettes, fordi {what} hører til. Slet dem først, eller vælg at slette "
                "det hele."
            ).format(kind=record.label.capitalize(), name=record.display_name(), what=describe_dependents(blocking)),
            [(d.label, d.count) for d in blocking],
        )
    with database_proxy.atomic():
        if cascade:
            for fk, _count in _referrers(record):
                if fk.on_delete in ("CASCADE", "SET NULL"):
                    continue
                for child in fk.model.select().where(fk == record.get_id()):
                    delete_record(child, cascade=True)
        record.delete_instance()
