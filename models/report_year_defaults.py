"""The one place that says what a new report year starts with, wherever it is created (the report texts page,
or the grants page when a yearly figure is typed for a year without report texts)."""

from models.i18n import _
from models.report_texts import ReportYear


def new_report_year_values(year: int, **values) -> dict:
    """The values of a new, empty report year for ``year`` (with ``values`` set as well)."""
    return {"year": year, "title": _("Den Socialøkonomiske Årsrapport"), **values}


def report_year_id(year: int) -> int | None:
    """The id of ``year``'s report texts, None if the year has none."""
    return ReportYear.select(ReportYear.id).where(ReportYear.year == year).scalar()


def report_year_value(year: int, field: str):
    """One stored value of ``year``'s report texts (None if the year has none)."""
    report_year = ReportYear.get_or_none(ReportYear.year == year)
    return getattr(report_year, field) if report_year else None
