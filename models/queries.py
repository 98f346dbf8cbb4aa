"""Bulk queries that feed the window's lists: a few queries per list, never one per row."""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass

from peewee import fn

from models.base import database_proxy
from models.enterprises import Enterprise
from models.figures import registration_statuses
from models.grants import Grant, GrantFunder


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    report_order: int
    name: str
    kind: str
    place: str
    cvr: str
    registration: str  # "registered", "working", "not_registered" or "" if none
    active: bool
    target_groups: str  # joined with ", "
    search_text: str  # casefolded name, CVR, place and target groups


_EnterpriseRecord = namedtuple("_EnterpriseRecord", "id report_order name kind place address cvr opened closed")


def enterprise_rows(on: dt.date) -> list[EnterpriseRow]:
    """Every enterprise with what its list shows, read on ``on``, in report order. Three queries in all."""
    # plain cursors, not model objects: 5,000 enterprises and their target groups at national size
    groups: dict[int, list[str]] = {}
    links = database_proxy.execute_sql(
        "SELECT l.enterprise_id, g.name FROM enterprise_target_group AS l "
        "JOIN target_group AS g ON g.id = l.target_group_id ORDER BY g.name"
    ).fetchall()
    for enterprise_id, name in links:
        groups.setdefault(enterprise_id, []).append(name)
    statuses = registration_statuses(on)
    rows = []
    query = database_proxy.execute_sql(
        "SELECT id, report_order, name, kind, place, address, cvr, opened, closed FROM enterprise "
        "ORDER BY report_order, name"
    ).fetchall()

    def parse(value) -> dt.date:  # SQLite gives ISO text, PostgreSQL a date
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)

    for e in (_EnterpriseRecord(*record) for record in query):
        tags = ", ".join(groups.get(e.id, []))
        opened = parse(e.opened) if e.opened else None
        closed = parse(e.closed) if e.closed else None
        active = (opened is None or opened <= on) and (closed is None or closed > on)
        status = statuses.get(e.id)
        rows.append(
            EnterpriseRow(
                id=e.id,
                report_order=e.report_order,
                name=e.name,
                kind=e.kind,
                place=e.place,
                cvr=e.cvr or "",
                registration=status or "",
                active=active,
                target_groups=tags,
                search_text=" ".join((e.name, e.cvr or "", e.place, e.address, tags)).casefold(),
            )
        )
    return rows


@dataclass(frozen=True)
class GrantRow:
    id: int
    enterprise_id: int
    enterprise: str
    year: int
    amount_dkk: int | None
    approximate: bool
    covers_until_year: int | None
    purpose: str
    funders: int
    funder_names: str


def grant_rows(year: int, enterprise_id: int | None = None) -> list[GrantRow]:
    """The grants received in ``year`` (or, for one enterprise, in every year), with their funders."""
    where = (Grant.enterprise == enterprise_id) if enterprise_id is not None else (Grant.year == year)
    funders: dict[int, list[str]] = {}
    for grant_id, name in (
        GrantFunder.select(GrantFunder.grant, GrantFunder.name)
        .join(Grant)
        .where(where)
        .order_by(GrantFunder.position)
        .tuples()
    ):
        funders.setdefault(grant_id, []).append(name)
    # a plain cursor, not model objects (5,000 grants a year at national size); "grant" is quoted on both engines
    sql = (
        "SELECT g.id, g.enterprise_id, e.name, g.year, g.amount_dkk, g.approximate, g.covers_until_year, g.purpose "
        'FROM "grant" AS g JOIN enterprise AS e ON e.id = g.enterprise_id '
        + ("WHERE g.enterprise_id = ? " if enterprise_id is not None else "WHERE g.year = ? ")
        + "ORDER BY g.year, g.position, g.id"
    )
    cursor = database_proxy.execute_sql(
        sql.replace("?", database_proxy.obj.param), (enterprise_id if enterprise_id is not None else year,)
    )
    return [
        GrantRow(
            id=id_,
            enterprise_id=owner,
            enterprise=name,
            year=year_,
            amount_dkk=amount,
            approximate=bool(approximate),
            covers_until_year=until,
            purpose=purpose,
            funders=len(funders.get(id_, [])),
            funder_names=", ".join(funders.get(id_, [])),
        )
        for id_, owner, name, year_, amount, approximate, until, purpose in cursor.fetchall()
    ]


def next_report_order() -> int:
    return (Enterprise.select(fn.MAX(Enterprise.report_order)).scalar() or 0) + 1


def unique_name(model, base: str) -> str:
    """``base``, or ``base 2``, ``base 3``... whichever is free."""
    names = {n.casefold() for (n,) in model.select(model.name).tuples()}
    if base.casefold() not in names:
        return base
    number = 2
    while f"{base} {number}".casefold() in names:
        number += 1
    return f"{base} {number}"
