"""Which report year a record belongs to, and refusing changes to a locked year."""

import datetime as dt

from peewee import IntegrityError

from models.errors import ValidationError
from models.history import YearLock
from models.i18n import _


def _year_of(value) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


# Records that count in every year of a period (an enterprise is active, a member takes part): start and end
# fields, the end being the first day no longer counted (closed) or the last day counted (left, ended).
SPANS = {
    "Enterprise": ("opened", "closed", True),
    "InitiativeMembership": ("joined", "left", False),
    "Partnership": ("started", "ended", False),
}


def span_years(model_name: str, data: dict, among: set[int]) -> set[int]:
    """The years of ``among`` in which a record with a period counts (an open end counts for ever)."""
    start_name, end_name, end_exclusive = SPANS[model_name]
    start, end = _as_date(data.get(start_name)), _as_date(data.get(end_name))
    if end is not None and end_exclusive:
        end -= dt.timedelta(days=1)
    return {y for y in among if (start is None or start.year <= y) and (end is None or y <= end.year)}


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def years_of(model_name: str, data: dict, among: set[int] | None = None) -> set[int]:
    """The years whose figures or texts a record with these values belongs to (for a record that counts over
    a period, those of ``among``, the locked years)."""
    from models.agreements import Evaluation
    from models.grants import Grant
    from models.report_texts import ReportSection, ReportYear

    years: set[int | None] = set()
    if model_name in ("Grant", "EnterpriseText", "NetworkTheme", "ReportYear"):
        years.add(data.get("year"))
    elif model_name in ("JobPlacement", "Evaluation", "NetworkMeeting", "Registration", "ProgressionStep"):
        years.add(_year_of(data.get("date")))
    elif model_name in SPANS:
        years |= span_years(model_name, data, among or set())
    elif model_name == "GrantFunder":
        grant = Grant.get_or_none(Grant.id == data.get("grant"))
        years.add(grant.year if grant else None)
    elif model_name in ("EvaluationAnswer", "EvaluationOutcome"):
        evaluation = Evaluation.get_or_none(Evaluation.id == data.get("evaluation"))
        years.add(evaluation.date.year if evaluation else None)
    elif model_name in ("ReportSection", "Story", "HolisticRecommendation", "Reference"):
        report_year = ReportYear.get_or_none(ReportYear.id == data.get("report_year"))
        years.add(report_year.year if report_year else None)
    elif model_name == "SectionDecision":
        section = ReportSection.get_or_none(ReportSection.id == data.get("section"))
        years.add(section.report_year.year if section else None)
    return {int(y) for y in years if y is not None}


def locked_years() -> set[int]:
    return {y for (y,) in YearLock.select(YearLock.year).tuples()}


def check_unlocked(model_name: str, *datas: dict) -> None:
    """Raise ``ValidationError`` if any of these versions of a record belongs to a locked year. For a record that
    counts over a period (an enterprise while it is active), a change is checked for the years it moves in or
    out of, so its name can still be edited."""
    locked = locked_years()
    if not locked:
        return
    if model_name in SPANS and len(datas) == 2:
        before, after = (span_years(model_name, data, locked) for data in datas)
        _refuse(before ^ after, model_name, datas[1])
        return
    for data in datas:
        _refuse(years_of(model_name, data, locked) & locked, model_name, data)


def _refuse(hit: set[int], model_name: str, data: dict) -> None:
    if not hit:
        return
    year = min(hit)
    message = _(
        "{year} er låst, fordi årsrapporten er afleveret til udvalgene; ændringen er ikke gemt. Lås året op under "
        "Rediger, hvis det er meningen."
    ).format(year=year)
    if model_name == "Enterprise":
        message += " " + _(
            "En virksomhed tæller med i alle år, den er aktiv; giv den en åbningsdato efter {year}, hvis den er ny."
        ).format(year=year)
    raise ValidationError("", message)


def lock_year(year: int) -> None:
    """Lock ``year``; recorded in the audit trail."""
    from models.base import database_proxy
    from models.editing import _audit, ensure_writable

    ensure_writable()
    if _is_locked(year):
        return
    try:
        with database_proxy.atomic():
            YearLock.create(year=year)
            _audit("lock", YearLock, year, str(year))
    except IntegrityError:  # a colleague locked it at the same moment: it is locked, as asked
        return


def _is_locked(year: int) -> bool:
    return YearLock.select().where(YearLock.year == year).exists()


def unlock_year(year: int) -> None:
    """Unlock ``year`` (the caller has asked the user); recorded in the audit trail."""
    from models.base import database_proxy
    from models.editing import _audit, ensure_writable

    ensure_writable()
    with database_proxy.atomic():
        if YearLock.delete().where(YearLock.year == year).execute():
            _audit("unlock", YearLock, year, str(year))
