"""The job status at a date as plain data: what the Excel job status prints, built from the store."""

import calendar
import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.engine import month_of
from models.enterprises import Enterprise
from models.figures import JobCounts, job_counts, year_start, yearly_jobs_target
from models.placements import CHANNELS, JobPlacement, PlacementType


@dataclass(frozen=True)
class PlacementLine:
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
    by_enterprise: tuple[tuple[str, tuple[int, ...]], ...]  # enterprise -> count per type (both channels)
    by_month: tuple[tuple[int, tuple[int, ...]], ...]  # month 1..as_of.month -> Jobcenter count per type
    placements: tuple[PlacementLine, ...]
    unit: str
    municipality: str

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

    per_enterprise: dict[str, list[int]] = {}
    rows = (
        JobPlacement.select(Enterprise.name, PlacementType.name, fn.COUNT(JobPlacement.id))
        .join(Enterprise)
        .switch(JobPlacement)
        .join(PlacementType)
        .where(period)
        .group_by(Enterprise.id, PlacementType.id)
        .order_by(Enterprise.name)
        .tuples()
    )
    for enterprise, type_name, count in rows:
        per_enterprise.setdefault(enterprise, [0] * len(types))[index[type_name]] = count

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

    lines = tuple(
        PlacementLine(
            date=d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)),
            enterprise=e,
            type=t,
            channel=CHANNELS[c],
            hours_per_week=float(h) if h is not None else None,
        )
        for d, e, t, c, h in JobPlacement.select(
            JobPlacement.date, Enterprise.name, PlacementType.name, JobPlacement.channel, JobPlacement.hours_per_week
        )
        .join(Enterprise)
        .switch(JobPlacement)
        .join(PlacementType)
        .where(period)
        .order_by(JobPlacement.date, Enterprise.name, JobPlacement.id)
        .tuples()
    )
    report_year = ReportYear.select().where(ReportYear.year <= as_of.year).order_by(ReportYear.year.desc()).first()
    return JobStatusData(
        as_of=as_of,
        year=as_of.year,
        target=yearly_jobs_target(as_of.year),
        types=types,
        jobs=job_counts(start, as_of),
        last_year=job_counts(year_start(as_of.year - 1), _same_day_last_year(as_of)),
        by_enterprise=tuple((name, tuple(counts)) for name, counts in per_enterprise.items()),
        by_month=tuple((m, tuple(counts)) for m, counts in per_month.items()),
        placements=lines,
        unit=report_year.unit if report_year else "",
        municipality=report_year.municipality if report_year else "",
    )
