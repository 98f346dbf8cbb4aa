"""What the CSR-samarbejder, Netværk, Progression and Mål pages show, as plain rows, and the defaults for a
new row there."""

import datetime as dt
from decimal import Decimal

from models.activities import Goal, NetworkMeeting, NetworkTheme, Partnership, ProgressionCase, ProgressionStep
from models.figures import goal_status, year_end, year_start
from models.i18n import _
from models.record_rows import as_rows


def partnerships() -> list:
    """Every partnership, the latest started first (those without a start date last)."""
    query = Partnership.select().order_by(Partnership.started.desc(nulls="LAST"), Partnership.id)
    return as_rows(query, display_name=lambda p: p.display_name())


def partnerships_started(year: int) -> int:
    return Partnership.select().where(Partnership.started.between(year_start(year), year_end(year))).count()


def network_meetings(year: int) -> list:
    """Meetings dated in ``year`` and the year after, by date."""
    query = (
        NetworkMeeting.select()
        .where(NetworkMeeting.date.between(year_start(year), year_end(year + 1)))
        .order_by(NetworkMeeting.date)
    )
    return as_rows(query)


def meetings_held(year: int) -> int:
    """Meetings held in ``year`` (the figure the report gives)."""
    return (
        NetworkMeeting.select()
        .where(NetworkMeeting.date.between(year_start(year), year_end(year)), NetworkMeeting.status == "held")
        .count()
    )


def meetings_planned(year: int) -> int:
    """Meetings planned in ``year``."""
    return (
        NetworkMeeting.select()
        .where(NetworkMeeting.date.between(year_start(year), year_end(year)), NetworkMeeting.status == "planned")
        .count()
    )


def network_themes(year: int) -> list:
    return as_rows(NetworkTheme.select().where(NetworkTheme.year == year).order_by(NetworkTheme.position))


def next_theme_position(year: int) -> int:
    return NetworkTheme.select().where(NetworkTheme.year == year).count()


def progression_cases() -> list:
    return as_rows(ProgressionCase.select().order_by(ProgressionCase.pseudonym))


def case_pseudonym(case_id: int) -> str:
    case = ProgressionCase.get_or_none(ProgressionCase.id == case_id)
    return case.pseudonym if case else ""


def new_case_name() -> str:
    """The first free "Forløb n"."""
    names = {n for (n,) in ProgressionCase.select(ProgressionCase.pseudonym).tuples()}
    number = 1
    while _("Forløb {n}").format(n=number) in names:
        number += 1
    return _("Forløb {n}").format(n=number)


def progression_steps(case_id: int | None) -> list:
    if case_id is None:
        return []
    query = ProgressionStep.select().where(ProgressionStep.case == case_id).order_by(ProgressionStep.date)
    return as_rows(query, effective_hours=lambda s: s.effective_hours)


def new_step_values(case_id: int, day: dt.date) -> dict:
    """A new step continues the case's last hours and intensity (one hour at 100 % for the first)."""
    last = ProgressionStep.select().where(ProgressionStep.case == case_id).order_by(ProgressionStep.date.desc()).first()
    return {
        "case": case_id,
        "date": day,
        "hours_per_week": last.hours_per_week if last else Decimal(1),
        "intensity_pct": last.intensity_pct if last else 100,
    }


def goals(as_of: dt.date) -> list:
    """Every goal in the strategy's order, each with its ``status`` (a figures.GoalStatus) on ``as_of``."""
    return as_rows(Goal.select().order_by(Goal.position, Goal.id), status=lambda g: goal_status(g, as_of))


def new_goal_values() -> dict:
    count = Goal.select().count()
    return {"name": _("Nyt mål {n}").format(n=count + 1), "measure": "manual", "position": count}
