"""What the Tilskud page shows of one grant, as plain rows, and the defaults for a new grant."""

from models.enterprises import Enterprise
from models.grants import Grant, GrantFunder
from models.record_rows import as_row, as_rows


def grant(grant_id: int | None):
    """The grant as a row with its ``display_name`` and ``funder_count``; None if there is no such grant."""
    record = Grant.get_or_none(Grant.id == grant_id) if grant_id else None
    if record is None:
        return None
    return as_row(record, display_name=lambda g: g.display_name(), funder_count=lambda g: g.funders.count())


def funders(grant_id: int | None) -> list:
    if not grant_id:
        return []
    return as_rows(
        GrantFunder.select().where(GrantFunder.grant == grant_id).order_by(GrantFunder.position, GrantFunder.id)
    )


def next_grant_position(year: int) -> int:
    return Grant.select().where(Grant.year == year).count()


def enterprise_named(name: str) -> int | None:
    """The id of the enterprise called ``name`` (any case), None if there is none."""
    return Enterprise.select(Enterprise.id).where(Enterprise.name == name.strip()).scalar()
