"""The figures the report states, derived from the store. Every function takes the date or period it is
read at and returns plain values or frozen dataclasses; none of them changes anything."""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, field
from fractions import Fraction

from peewee import JOIN, fn

from models.activities import Goal, NetworkMeeting, Partnership
from models.agreements import Agreement, Evaluation, EvaluationOutcome, OutcomeCategory
from models.engine import month_of
from models.enterprises import Enterprise, Initiative, InitiativeMembership, Registration
from models.formatting import format_date, format_pct
from models.grants import Grant
from models.i18n import _
from models.placements import JobPlacement, PlacementType
from models.report_texts import ReportYear


def year_start(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _active_clause(on: dt.date):
    return ((Enterprise.opened.is_null()) | (Enterprise.opened <= on)) & (
        (Enterprise.closed.is_null()) | (Enterprise.closed > on)
    )


def enterprises_active(on: dt.date) -> list[Enterprise]:
    """Enterprises and initiatives active on ``on`` (opened, and not closed on or before it), in report order."""
    return list(Enterprise.select().where(_active_clause(on)).order_by(Enterprise.report_order, Enterprise.name))


def count_enterprises_active(on: dt.date) -> int:
    return Enterprise.select().where(_active_clause(on)).count()


def registration_statuses(on: dt.date) -> dict[int, str]:
    """Each enterprise's registration status on ``on`` (its latest change on or before that date)."""
    statuses: dict[int, str] = {}
    query = (
        Registration.select(Registration.enterprise, Registration.status)
        .where(Registration.date <= on)
        .order_by(Registration.date, Registration.id)
        .tuples()
    )
    for enterprise_id, status in query:
        statuses[enterprise_id] = status
    return statuses


@dataclass(frozen=True)
class RegistrationCounts:
    registered: list[str]
    working: list[str]


def registration_counts(as_of: dt.date, *, since: dt.date | None = None) -> RegistrationCounts:
    """Enterprises registered / working towards registration on ``as_of``, among those active at some time
    in [``since``, ``as_of``] (default: since 1 January of that year). An enterprise that closed at the
    year end (BEVAR) still counts for that year, as the report counts it."""
    since = since or year_start(as_of.year)
    statuses = registration_statuses(as_of)
    present = (
        Enterprise.select(Enterprise.id, Enterprise.name)
        .where(
            ((Enterprise.opened.is_null()) | (Enterprise.opened <= as_of))
            & ((Enterprise.closed.is_null()) | (Enterprise.closed > since))
        )
        .order_by(Enterprise.report_order, Enterprise.name)
    )
    present = list(present.tuples())  # 5,000 enterprises at national size: two columns, no model objects
    registered = [name for id_, name in present if statuses.get(id_) == "registered"]
    working = [name for id_, name in present if statuses.get(id_) == "working"]
    return RegistrationCounts(registered=registered, working=working)


@dataclass(frozen=True)
class JobCounts:
    """Placements in a period by type, for each channel. Types are listed in their vocabulary order."""

    start: dt.date
    end: dt.date
    jobcenter: dict[str, int]
    own: dict[str, int]

    @property
    def jobcenter_total(self) -> int:
        return sum(self.jobcenter.values())

    @property
    def own_total(self) -> int:
        return sum(self.own.values())


def job_counts(start: dt.date, end: dt.date) -> JobCounts:
    """Placements dated in [start, end], by type and channel."""
    # counted on the index job_placement(date, channel, type_id) alone (the year's 50,000 placements at national
    # size are never read), then named in the types' order
    counts = {
        (channel, type_id): count
        for channel, type_id, count in JobPlacement.select(JobPlacement.channel, JobPlacement.type, fn.COUNT(1))
        .where(JobPlacement.date.between(start, end))
        .group_by(JobPlacement.channel, JobPlacement.type)
        .tuples()
    }
    types = PlacementType.select(PlacementType.id, PlacementType.name).order_by(
        PlacementType.position, PlacementType.name
    )
    by_channel: dict[str, dict[str, int]] = {"jobcenter": {}, "own": {}}
    for type_id, type_name in types.tuples():
        for channel, named in by_channel.items():
            if (channel, type_id) in counts:
                named[type_name] = counts[(channel, type_id)]
    return JobCounts(start=start, end=end, jobcenter=by_channel["jobcenter"], own=by_channel["own"])


@dataclass(frozen=True)
class OutcomeCount:
    category: str
    count: int
    is_good: bool
    is_stopped: bool


@dataclass(frozen=True)
class EvaluationFigures:
    evaluation_id: int
    agreement_number: int
    enterprise: str
    date: dt.date
    places: int
    extra_places: int
    places_in_use: int | None
    completed: int | None
    continuing: int | None
    outcomes: list[OutcomeCount]
    good_outcomes: int
    stopped: int
    outcome_sum: int
    warnings: list[str] = field(default_factory=list)

    @property
    def good_outcome_share(self) -> Fraction | None:
        return Fraction(self.good_outcomes, self.completed) if self.completed else None

    @property
    def stopped_share(self) -> Fraction | None:
        return Fraction(self.stopped, self.completed) if self.completed else None


def evaluation_figures(evaluation: Evaluation) -> EvaluationFigures:
    """Good outcomes, stopped, shares and consistency warnings of one evaluation. Counts that do not add up
    are warned about, never refused."""
    return evaluation_figures_many([evaluation.id])[0]


def evaluation_figures_many(evaluation_ids: list[int]) -> list[EvaluationFigures]:
    """The figures of many evaluations in three queries, in the order of ``evaluation_ids``."""
    if not evaluation_ids:
        return []
    # the columns the figures need as tuples, not three model objects per evaluation (500 a year at national size)
    evaluations = {
        row.id: row
        for row in map(
            _EvaluationRead._make,
            Evaluation.select(
                Evaluation.id,
                Evaluation.date,
                Evaluation.places_in_use,
                Evaluation.completed,
                Evaluation.continuing,
                Agreement.number,
                Agreement.places,
                Agreement.extra_places,
                Enterprise.name,
            )
            .join(Agreement)
            .join(Enterprise)
            .where(Evaluation.id.in_(evaluation_ids))
            .tuples(),
        )
    }
    outcomes: dict[int, list[OutcomeCount]] = {}
    rows = (
        EvaluationOutcome.select(
            EvaluationOutcome.evaluation,
            OutcomeCategory.name,
            EvaluationOutcome.count,
            OutcomeCategory.is_good,
            OutcomeCategory.is_stopped,
        )
        .join(OutcomeCategory)
        .where(EvaluationOutcome.evaluation.in_(evaluation_ids))
        .order_by(OutcomeCategory.position)
        .tuples()
    )
    for evaluation_id, name, count, good, stopped in rows:
        outcomes.setdefault(evaluation_id, []).append(OutcomeCount(name, count, bool(good), bool(stopped)))
    return [_figures(evaluations[i], outcomes.get(i, [])) for i in evaluation_ids if i in evaluations]


_EvaluationRead = namedtuple(
    "_EvaluationRead", "id date places_in_use completed continuing number places extra_places enterprise_name"
)


def _figures(evaluation: _EvaluationRead, outcomes: list[OutcomeCount]) -> EvaluationFigures:
    agreement = evaluation
    good = sum(o.count for o in outcomes if o.is_good)
    stopped = sum(o.count for o in outcomes if o.is_stopped)
    total = sum(o.count for o in outcomes)
    name = _("Samarbejdsaftale {n}").format(n=agreement.number)
    warnings = []
    if evaluation.completed is not None and total != evaluation.completed:
        warnings.append(
            _(
                "{name}, evaluering {date}: udfaldene summer til {sum}, men afsluttede forløb i alt er {completed}."
            ).format(name=name, date=format_date(evaluation.date), sum=total, completed=evaluation.completed)
        )
    if evaluation.completed is None and outcomes:
        warnings.append(
            _(
                "{name}, evaluering {date}: antallet af afsluttede forløb mangler, så andelene kan ikke beregnes."
            ).format(name=name, date=format_date(evaluation.date))
        )
    capacity = agreement.places + agreement.extra_places
    if evaluation.places_in_use is not None and evaluation.places_in_use > capacity:
        warnings.append(
            _("{name}, evaluering {date}: {used} forløb i brug, men aftalen har kun {places}.").format(
                name=name, date=format_date(evaluation.date), used=evaluation.places_in_use, places=capacity
            )
        )
    return EvaluationFigures(
        evaluation_id=evaluation.id,
        agreement_number=agreement.number,
        enterprise=evaluation.enterprise_name,
        date=evaluation.date,
        places=agreement.places,
        extra_places=agreement.extra_places,
        places_in_use=evaluation.places_in_use,
        completed=evaluation.completed,
        continuing=evaluation.continuing,
        outcomes=outcomes,
        good_outcomes=good,
        stopped=stopped,
        outcome_sum=total,
        warnings=warnings,
    )


def evaluations_in_period(start: dt.date, end: dt.date) -> list[EvaluationFigures]:
    """Every evaluation dated in [start, end], by agreement number and date."""
    ids = [
        i
        for (i,) in Evaluation.select(Evaluation.id)
        .join(Agreement)
        .where(Evaluation.date.between(start, end))
        .order_by(Agreement.number, Evaluation.date)
        .tuples()
    ]
    return evaluation_figures_many(ids)


def latest_evaluations(start: dt.date, end: dt.date) -> list[EvaluationFigures]:
    """Each agreement's latest evaluation in [start, end]."""
    latest: dict[int, EvaluationFigures] = {}
    for figures in evaluations_in_period(start, end):
        latest[figures.agreement_number] = figures
    return list(latest.values())


def initiative_members(on: dt.date) -> dict[str, int]:
    """Each shared initiative's number of member enterprises on ``on``."""
    member = ((InitiativeMembership.joined.is_null()) | (InitiativeMembership.joined <= on)) & (
        (InitiativeMembership.left.is_null()) | (InitiativeMembership.left > on)
    )
    rows = (
        Initiative.select(Initiative.name, fn.COUNT(InitiativeMembership.id))
        .join(InitiativeMembership, JOIN.LEFT_OUTER, on=(InitiativeMembership.initiative == Initiative.id) & member)
        .group_by(Initiative.id)
        .order_by(Initiative.name)
        .tuples()
    )
    return dict(rows)


@dataclass(frozen=True)
class GrantsTotal:
    total_dkk: int
    approximate: bool  # at least one amount in the total is approximate
    count: int


def grants_total(year: int) -> GrantsTotal:
    """The sum of the grants received in ``year`` (a grant is counted in the year it was received)."""
    rows = list(Grant.select(Grant.amount_dkk, Grant.approximate).where(Grant.year == year).tuples())
    return GrantsTotal(
        total_dkk=sum(a or 0 for a, _ap in rows), approximate=any(ap for _a, ap in rows), count=len(rows)
    )


def meetings(year: int, status: str) -> int:
    """Network meetings dated in ``year`` with ``status`` ("held" or "planned")."""
    return (
        NetworkMeeting.select()
        .where(NetworkMeeting.date.between(year_start(year), year_end(year)), NetworkMeeting.status == status)
        .count()
    )


def partnerships_started(year: int) -> int:
    return Partnership.select().where(Partnership.started.between(year_start(year), year_end(year))).count()


@dataclass(frozen=True)
class GoalStatus:
    name: str
    short_name: str
    measure: str
    target: int | None
    value: int | None
    deadline: dt.date | None
    met: bool
    achieved_on: dt.date | None


def goal_status(goal: Goal, as_of: dt.date) -> GoalStatus:
    """A goal's status on ``as_of``: measured from data where the goal says how, else as set by hand.
    A yearly goal (30 jobs a year) is measured over the year of ``as_of``."""
    value: int | None = None
    if goal.measure == "enterprises_active":
        value = count_enterprises_active(as_of)
    elif goal.measure == "jobs_jobcenter_year":
        value = job_counts(year_start(as_of.year), as_of).jobcenter_total
    if goal.measure == "manual":
        met = goal.achieved_on is not None and goal.achieved_on <= as_of
    else:
        met = value is not None and goal.target is not None and value >= goal.target
    return GoalStatus(
        name=goal.name,
        short_name=goal.short_name,
        measure=goal.measure,
        target=goal.target,
        value=value,
        deadline=goal.deadline,
        met=met,
        achieved_on=goal.achieved_on if met and goal.measure == "manual" else None,
    )


def goal_statuses(as_of: dt.date) -> list[GoalStatus]:
    return [goal_status(g, as_of) for g in Goal.select().order_by(Goal.position, Goal.id)]


def yearly_jobs_target(year: int) -> int | None:
    """The jobs target of a year: the yearly goal measured by placements through the Jobcenter."""
    goal = Goal.get_or_none((Goal.measure == "jobs_jobcenter_year") & (Goal.yearly == True))  # noqa: E712
    return goal.target if goal else None


def known_years() -> list[int]:
    """Years that hold report texts or dated records, oldest first."""
    years = {y for (y,) in ReportYear.select(ReportYear.year).tuples()}
    years |= {y for (y,) in Grant.select(Grant.year).distinct().tuples()}
    for model, column in ((JobPlacement, JobPlacement.date), (Evaluation, Evaluation.date)):
        # two queries: SQLite answers a lone MIN or MAX from the index's end, but MIN and MAX together by
        # reading the whole index (70 ms at national size, before the window's first paint)
        low, high = model.select(fn.MIN(column)).scalar(), model.select(fn.MAX(column)).scalar()
        if low and high:
            years |= set(range(_as_date(low).year, _as_date(high).year + 1))
    return sorted(years)


def has_data(year: int) -> bool:
    """True if the store holds anything for ``year`` (report texts or dated records): the one test the
    status and every export share before they report on a year."""
    return year in known_years()


def no_data_message(year: int) -> str:
    return _("Databasen har ingen data for {year}.").format(year=year)


def default_year(today: dt.date | None = None) -> int:
    """The year a new session shows: the latest year with report texts, else the current year."""
    latest = ReportYear.select(fn.MAX(ReportYear.year)).scalar()
    return latest or (today or dt.date.today()).year


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class YearStatus:
    year: int
    as_of: dt.date
    enterprises_active: int
    registrations: RegistrationCounts
    jobs: JobCounts
    jobs_target: int | None
    grants: GrantsTotal
    initiative_members: dict[str, int]
    evaluations: list[EvaluationFigures]
    goals: list[GoalStatus]
    meetings_held: int
    meetings_planned_next_year: int

    @property
    def warnings(self) -> list[str]:
        return [w for e in self.evaluations for w in e.warnings]

    def to_json(self) -> dict:
        """The status as plain JSON values (the ``status --json`` contract)."""

        def share(value: Fraction | None) -> float | None:
            return None if value is None else round(float(value), 4)

        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "enterprises_active": self.enterprises_active,
            "registered": len(self.registrations.registered),
            "registering": len(self.registrations.working),
            "registered_names": self.registrations.registered,
            "registering_names": self.registrations.working,
            "jobs_jobcenter": {**self.jobs.jobcenter, "total": self.jobs.jobcenter_total},
            "jobs_own_channels": {**self.jobs.own, "total": self.jobs.own_total},
            "jobs_own_channels_total": self.jobs.own_total,
            "jobs_target": self.jobs_target,
            "grants_total_dkk": self.grants.total_dkk,
            "grants_total_approximate": self.grants.approximate,
            "initiative_members": self.initiative_members,
            "meetings_held": self.meetings_held,
            "meetings_planned_next_year": self.meetings_planned_next_year,
            "evaluations": [
                {
                    "agreement": _("Samarbejdsaftale {n}").format(n=e.agreement_number),
                    "enterprise": e.enterprise,
                    "date": e.date.isoformat(),
                    "completed": e.completed,
                    "good_outcomes": e.good_outcomes,
                    "good_outcome_share": share(e.good_outcome_share),
                    "good_outcome_share_text": format_pct(e.good_outcome_share),
                    "stopped": e.stopped,
                    "stopped_share": share(e.stopped_share),
                    "outcome_sum": e.outcome_sum,
                    "warnings": e.warnings,
                }
                for e in self.evaluations
            ],
            "goals": [
                {
                    "name": g.name,
                    "target": g.target,
                    "value": g.value,
                    "met": g.met,
                    "deadline": g.deadline.isoformat() if g.deadline else None,
                    "achieved_on": g.achieved_on.isoformat() if g.achieved_on else None,
                }
                for g in self.goals
            ],
            "warnings": self.warnings,
        }


def year_status(year: int, as_of: dt.date | None = None) -> YearStatus:
    """The year's key figures read on ``as_of`` (default 31 December of the year)."""
    as_of = as_of or year_end(year)
    start = year_start(year)
    return YearStatus(
        year=year,
        as_of=as_of,
        enterprises_active=count_enterprises_active(as_of),
        registrations=registration_counts(as_of, since=start),
        jobs=job_counts(start, as_of),
        jobs_target=yearly_jobs_target(year),
        grants=grants_total(year),
        initiative_members=initiative_members(as_of),
        evaluations=evaluations_in_period(start, as_of),
        goals=goal_statuses(as_of),
        meetings_held=NetworkMeeting.select()
        .where(NetworkMeeting.date.between(start, as_of), NetworkMeeting.status == "held")
        .count(),
        meetings_planned_next_year=meetings(year + 1, "planned"),
    )


def jobcenter_by_month(year: int, as_of: dt.date | None = None) -> list[int]:
    """Placements through the Jobcenter in each month of ``year`` up to ``as_of`` (one grouped query)."""
    as_of = as_of or year_end(year)
    month = month_of(JobPlacement.date)
    counts = dict(
        JobPlacement.select(month, fn.COUNT(JobPlacement.id))
        .where(JobPlacement.date.between(year_start(year), as_of) & (JobPlacement.channel == "jobcenter"))
        .group_by(month)
        .tuples()
    )
    return [counts.get(m, 0) for m in range(1, as_of.month + 1)] if as_of.year == year else []
