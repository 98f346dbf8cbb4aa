"""What Rediger → Papirkurv shows: the deleted records in the trash, as plain rows."""

import datetime as dt
from dataclasses import dataclass

from models.history import TrashItem


@dataclass(frozen=True)
class TrashRow:
    id: int
    deleted_at: dt.datetime
    user: str
    description: str


def trash_rows() -> list[TrashRow]:
    """Everything in the trash, the latest deletion first."""
    query = (
        TrashItem.select(TrashItem.id, TrashItem.deleted_at, TrashItem.user, TrashItem.description)
        .order_by(TrashItem.deleted_at.desc(), TrashItem.id.desc())
        .tuples()
    )
    return [TrashRow(*values) for values in query]
