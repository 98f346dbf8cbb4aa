"""Placements typed or pasted as rows (from Excel: tab-separated): each row is checked field by field; bad
rows are refused with their row number and field, good rows kept."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from models.enterprises import Enterprise
from models.errors import ValidationError
from models.i18n import _
from models.placements import CHANNELS, PlacementType
from models.validation import parse_date, parse_decimal

CHANNEL_WORDS = {
    "jobcenter": "jobcenter",
    "jobcenteret": "jobcenter",
    "gennem jobcenteret": "jobcenter",
    "jc": "jobcenter",
    "egne": "own",
    "egne kanaler": "own",
    "own": "own",
    "virksomhedens egne kanaler": "own",
    "egen": "own",
}
FIELDS = (_("dato"), _("virksomhed"), _("type"), _("kanal"), _("timer pr. uge"))


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based, as the user counts them
    field: str
    message: str

    def __str__(self) -> str:
        message = self.message
        named = f"{self.field}:".casefold()
        if message.casefold().startswith(named):  # the parser's message names the field already
            message = message[len(named) :].lstrip()
        return _("Række {row}, {field}: {message}").format(row=self.row, field=self.field, message=message)


def channel_of(text: str) -> str | None:
    key = text.strip().casefold()
    if key in CHANNEL_WORDS:
        return CHANNEL_WORDS[key]
    for value, label in CHANNELS.items():
        if label.casefold() == key:
            return value
    return None


def parse_row(cells: list[str], *, enterprises: dict[str, int], types: dict[str, int]) -> dict:
    """One row as placement values, or ``ValidationError`` naming the field."""
    cells = [c.strip() for c in cells] + [""] * (5 - len(cells))
    date_text, enterprise_text, type_text, channel_text, hours_text = cells[:5]
    day = parse_date(date_text, field="date", label=_("Dato"))
    if day is None:
        raise ValidationError("date", _("datoen mangler"))
    enterprise = enterprises.get(enterprise_text.casefold())
    if enterprise is None:
        raise ValidationError(
            "enterprise",
            _("«{name}» findes ikke i registret").format(name=enterprise_text)
            if enterprise_text
            else _("virksomheden mangler"),
        )
    type_id = types.get(type_text.casefold())
    if type_id is None:
        raise ValidationError(
            "type",
            _("«{name}» er ikke en kendt ansættelsestype").format(name=type_text) if type_text else _("typen mangler"),
        )
    channel = channel_of(channel_text) if channel_text else "jobcenter"
    if channel is None:
        raise ValidationError(
            "channel", _("«{text}» er hverken Jobcenteret eller egne kanaler").format(text=channel_text)
        )
    hours: Decimal | None = None
    if hours_text:
        hours = parse_decimal(hours_text.replace(".", ","), field="hours_per_week", label=_("Timer pr. uge"))
    return {"date": day, "enterprise": enterprise, "type": type_id, "channel": channel, "hours_per_week": hours}


_FIELD_NAMES = dict(zip(("date", "enterprise", "type", "channel", "hours_per_week"), FIELDS, strict=True))


def parse_rows(text: str) -> tuple[list[dict], list[RowProblem]]:
    """Tab-separated rows (as Excel copies them) -> (good rows, problems). A header row is skipped."""
    enterprises = {name.casefold(): id_ for id_, name in Enterprise.select(Enterprise.id, Enterprise.name).tuples()}
    types = {name.casefold(): id_ for id_, name in PlacementType.select(PlacementType.id, PlacementType.name).tuples()}
    good, problems = [], []
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if number == 1 and cells[0].strip().casefold() in ("dato", "date"):
            continue
        try:
            good.append(parse_row(cells, enterprises=enterprises, types=types))
        except ValidationError as error:
            problems.append(RowProblem(number, _FIELD_NAMES.get(error.field, error.field), error.message))
    return good, problems


def default_date(year: int, today: dt.date | None = None) -> dt.date:
    """Today in the running year, else the last day of the selected year."""
    today = today or dt.date.today()
    return today if today.year == year else dt.date(year, 12, 31)


def placements_in_year(year: int) -> list[tuple]:
    """(id, ISO date, enterprise id, type id, channel, hours, row version) of the year's placements, by date. A
    year may hold tens of thousands: read with one plain cursor, not model by model."""
    from models.base import database_proxy
    from models.figures import year_end, year_start

    mark = database_proxy.obj.param
    cursor = database_proxy.execute_sql(
        "SELECT id, date, enterprise_id, type_id, channel, hours_per_week, row_version FROM job_placement "
        f"WHERE date BETWEEN {mark} AND {mark} ORDER BY date, id",
        (year_start(year).isoformat(), year_end(year).isoformat()),
    )
    rows = cursor.fetchall()
    if rows and not isinstance(rows[0][1], str):  # PostgreSQL hands back dates (and hours as Decimal)
        rows = [
            (rid, date.isoformat(), enterprise, kind, channel, None if hours is None else float(hours), version)
            for rid, date, enterprise, kind, channel, hours, version in rows
        ]
    return rows
