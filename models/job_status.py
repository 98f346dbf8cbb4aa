"""The job status at a date as plain data: what the Excel job status prints, built from the store."""

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from peewee import fn

from models.base import database_proxy
from models.engine import month_of
from models.enterprises import Enterprise
from models.errors import StoreError
from models.figures import JobCounts, job_counts, known_years, year_end, year_start, yearly_jobs_target
from models.i18n import _
from models.placements import CHANNELS, JobPlacement, PlacementType


class NoDataError(StoreError):
    """The period asked for holds no data; nothing is exported (the command line exits with 2)."""


@dataclass(frozen=True)
class EnterpriseJobs:
    name: str
    jobcenter: int
    own: int
    by_type: tuple[int, ...]  # both channels, in the order of ``JobStatusData.types``


class PlacementLine(NamedTuple):  # a tuple: 100,000 of them at national size are made in a blink
    date: dt.date
    enterprise: str
    type: str
    channel: str  # the Danish label
    hours_per_week: float | None


@dataclass(frozen=True)
class JobStatusData:
    as_of: dt.date
    year: int
    target: int | None
    types: tuple[str, ...]  # every type in vocabulary order, used or not
    jobs: JobCounts  # 1 January .. as_of
    last_year: JobCounts  # the same period a year earlier
    by_enterprise: tuple[EnterpriseJobs, ...]
    by_month: tuple[tuple[int, tuple[int, ...]], ...]  # month 1..as_of.month -> Jobcenter count per type
    placements: tuple[PlacementLine, ...]
    unit: str
    municipality: str
    last_year_placements: tuple[PlacementLine, ...] = ()  # 1 January .. the same date a year earlier
    last_year_has_data: bool = False  # any placement at all in the previous year: else "–", never 0
    has_data: bool = True  # the year is known and a placement is dated on or before ``as_of``
    source: str = ""  # the database file the figures come from

    @property
    def last_year_as_of(self) -> dt.date:
        return _same_day_last_year(self.as_of)

    def require_data(self) -> None:
        """Raise ``NoDataError`` (a Danish message) if there is nothing to export for this date."""
        if not self.has_data:
            raise NoDataError(
                _("Databasen har ingen ansættelser for {year} til og med {date}. Intet er eksporteret.").format(
                    year=self.year, date=self.as_of.strftime("%d.%m.%Y")
                )
            )

    @property
    def expected_by_now(self) -> float | None:
        """The target pro rata: the share of it that the days gone of the year stand for."""
        if self.target is None:
            return None
        days = 366 if calendar.isleap(self.year) else 365
        return self.target * self.as_of.timetuple().tm_yday / days


def _same_day_last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _lines(start: dt.date, end: dt.date) -> tuple[PlacementLine, ...]:
    query = (
        JobPlacement.select(
            JobPlacement.date, Enterprise.name, PlacementType.name, JobPlacement.channel, JobPlacement.hours_per_week
        )
        .join(Enterprise)
        .switch(JobPlacement)
        .join(PlacementType)
        .where(JobPlacement.date.between(start, end))
        .order_by(JobPlacement.date, Enterprise.name, JobPlacement.id)
    )
    # the driver's rows as they are, each date read once: a year at national size is 50,000 rows, and peewee's
    # conversion of every value took longer than the query
    days: dict = {}

    def day(value) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value not in days:
            days[value] = dt.date.fromisoformat(str(value)[:10])
        return days[value]

    def hours(value, when) -> float | None:
        if value is None:
            return None
        number = float(value)
        if not math.isfinite(number):  # written by another program: the forms and imports refuse it
            raise StoreError(
                _("En ansættelse den {date} har et ugyldigt antal timer pr. uge ({value}); ret det først.").format(
                    date=day(when).strftime("%d.%m.%Y"), value=value
                )
            )
        return number

    return tuple(
        PlacementLine(day(d), e, t, CHANNELS[c], hours(h, d)) for d, e, t, c, h in database_proxy.obj.execute(query)
    )


def source_name() -> str:
    """The open database's file name (not its folder: a workbook is mailed, the user's folders stay home)."""
    path = getattr(database_proxy.obj, "path", None)
    return Path(path).name if path else ""


def job_status(as_of: dt.date) -> JobStatusData:
    from models.report_texts import ReportYear

    start = year_start(as_of.year)
    types = tuple(
        name
        for (name,) in PlacementType.select(PlacementType.name)
        .order_by(PlacementType.position, PlacementType.name)
        .tuples()
    )
    index = {name: i for i, name in enumerate(types)}
    period = JobPlacement.date.between(start, as_of)

    per_enterprise: dict[str, list[int]] = {}  # name -> [jobcenter, own, *per type]
    rows = (
        JobPlacement.select(Enterprise.name, PlacementType.name, JobPlacement.channel, fn.COUNT(JobPlacement.id))
        .join(Enterprise)
        .switch(JobPlacement)
        .join(PlacementType)
        .where(period)
        .group_by(Enterprise.id, PlacementType.id, JobPlacement.channel)
        .order_by(Enterprise.name)
    )
    for enterprise, type_name, channel, count in database_proxy.obj.execute(rows):  # the driver's rows as they are
        # (names and counts need no conversion; peewee's per-row work took as long as the query at national size)
        counts = per_enterprise.setdefault(enterprise, [0] * (2 + len(types)))
        counts[0 if channel == "jobcenter" else 1] += count
        counts[2 + index[type_name]] += count

    per_month = {month: [0] * len(types) for month in range(1, as_of.month + 1)}
    month = month_of(JobPlacement.date)
    rows = (
        JobPlacement.select(month, PlacementType.name, fn.COUNT(JobPlacement.id))
        .join(PlacementType)
        .where(period & (JobPlacement.channel == "jobcenter"))
        .group_by(month, PlacementType.id)
        .tuples()
    )
    for month_number, type_name, count in rows:
        per_month[int(month_number)][index[type_name]] = count

    report_year = ReportYear.select().where(ReportYear.year <= as_of.year).order_by(ReportYear.year.desc()).first()
    last_start, last_end = year_start(as_of.year - 1), _same_day_last_year(as_of)
    first = JobPlacement.select(fn.MIN(JobPlacement.date)).scalar()
    return JobStatusData(
        as_of=as_of,
        year=as_of.year,
        target=yearly_jobs_target(as_of.year),
        types=types,
        jobs=job_counts(start, as_of),
        last_year=job_counts(last_start, last_end),
        by_enterprise=tuple(
            EnterpriseJobs(name=name, jobcenter=c[0], own=c[1], by_type=tuple(c[2:]))
            for name, c in per_enterprise.items()
        ),
        by_month=tuple((m, tuple(counts)) for m, counts in per_month.items()),
        placements=_lines(start, as_of),
        unit=report_year.unit if report_year else "",
        municipality=report_year.municipality if report_year else "",
        last_year_placements=_lines(last_start, last_end),
        last_year_has_data=JobPlacement.select()
        .where(JobPlacement.date.between(last_start, year_end(as_of.year - 1)))
        .exists(),
        has_data=as_of.year in known_years() and first is not None and str(first)[:10] <= as_of.isoformat(),
        source=source_name(),
    )
