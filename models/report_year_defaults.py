"""The one place that says what a new, empty report year starts with (its title), wherever it is created."""

from models.i18n import _


def new_report_year_values(year: int, **values) -> dict:
    """The values of a new, empty report year for ``year`` (with ``values`` set as well)."""
    return {"year": year, "title": _("Den Socialøkonomiske Årsrapport"), **values}
