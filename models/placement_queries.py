"""What the Ansættelser page shows, read as plain rows: the placements of a year (or some of them by id) and
the names to show for their enterprise and type."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models.base import database_proxy
from models.placements import PlacementType


@dataclass(frozen=True)
class PlacementRow:
    id: int
    date: dt.date
    enterprise: int  # Enterprise id
    type: int  # PlacementType id
    channel: str
    hours_per_week: Decimal | None
    row_version: int = 0  # what a save passes on: a colleague's save since is refused, not overwritten

    def values(self) -> dict:
        return {
            "date": self.date,
            "enterprise": self.enterprise,
            "type": self.type,
            "channel": self.channel,
            "hours_per_week": self.hours_per_week,
        }


_SELECT = "SELECT id, date, enterprise_id, type_id, channel, hours_per_week, row_version FROM job_placement "


def _day(value) -> dt.date:  # SQLite gives ISO text, PostgreSQL a date
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _execute(sql: str, params: tuple):
    # A year may hold tens of thousands of placements: read them with one plain cursor, not model by model.
    # "?" is SQLite's mark for a value; PostgreSQL's driver has its own (models.engine's placeholder)
    return database_proxy.execute_sql(sql.replace("?", database_proxy.obj.param), params)


def _rows(sql: str, params: tuple) -> list[PlacementRow]:
    return [
        PlacementRow(id_, _day(d), e, t, c, Decimal(str(h)) if h is not None else None, v)
        for id_, d, e, t, c, h, v in _execute(sql, params).fetchall()
    ]


def placement_keys_in_year(year: int) -> list[tuple[int, str]]:
    """The placements dated in ``year`` as (id, date as ISO text) pairs, by date and then in the order they were
    entered: the table's order, read from the date index alone; the rows' values are read as they are shown
    (``placements_by_id``)."""
    sql = "SELECT id, date FROM job_placement WHERE date BETWEEN ? AND ? ORDER BY date, id"
    rows = database_proxy.execute_sql(sql.replace("?", database_proxy.obj.param), (f"{year}-01-01", f"{year}-12-31"))
    found = rows.fetchall()
    if found and isinstance(found[0][1], dt.date):  # PostgreSQL gives dates, SQLite ISO text
        return [(id_, day.isoformat()) for id_, day in found]
    return found


def placements_by_id(ids: Iterable[int]) -> dict[int, PlacementRow]:
    """The placements with these ids that still exist."""
    ids = list(ids)
    found: dict[int, PlacementRow] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((row.id, row) for row in _rows(_SELECT + f"WHERE id IN ({marks})", tuple(chunk)))
    return found


def placement_type_names() -> dict[int, str]:
    """Every placement type's id and name, in the order the users gave them."""
    return dict(
        PlacementType.select(PlacementType.id, PlacementType.name)
        .order_by(PlacementType.position, PlacementType.name)
        .tuples()
    )
