"""Agreements side by side (recommendation 6.10 of the 2018 report: effect, price and quality across
agreements), from each agreement's evaluations up to the end of a year."""

import datetime as dt
from dataclasses import dataclass

from models.agreements import Agreement, Evaluation, OutcomeCategory
from models.enterprises import Enterprise
from models.figures import EvaluationFigures, evaluation_figures_many, known_years, year_end, year_start
from models.i18n import _
from models.job_status import NoDataError, source_name
from models.report_texts import ReportYear


@dataclass(frozen=True)
class AgreementRow:
    number: int
    name: str  # "Samarbejdsaftale 1", or the enterprise's name when not anonymised
    places: int
    extra_places: int
    framework_weeks: int | None
    price_dkk: int | None
    latest: EvaluationFigures | None
    history: tuple[EvaluationFigures, ...]  # every evaluation up to the year end, oldest first

    @property
    def price_per_good_outcome(self) -> int | None:
        """The agreement's price divided by the good outcomes of its latest evaluation, in whole kroner;
        None without a price, an evaluation or a good outcome."""
        if not (self.latest and self.price_dkk and self.latest.good_outcomes):
            return None
        return round(self.price_dkk / self.latest.good_outcomes)


@dataclass(frozen=True)
class ComparisonData:
    year: int
    anonymised: bool
    categories: tuple[tuple[str, bool, bool], ...]  # (name, is_good, is_stopped) in paradigm order
    rows: tuple[AgreementRow, ...]
    unit: str
    municipality: str = ""
    has_data: bool = True  # the year is known and an agreement runs in it
    source: str = ""  # the database file the figures come from

    def require_data(self) -> None:
        """Raise ``NoDataError`` (a Danish message) if there is nothing to compare for the year."""
        if not self.has_data:
            raise NoDataError(
                _("Databasen har ingen samarbejdsaftaler i {year}. Intet er eksporteret.").format(year=self.year)
            )


def agreement_comparison(year: int, *, anonymise: bool | None = None) -> ComparisonData:
    """Every agreement running in ``year``, with its latest evaluation up to 31 December and its history.
    Names are anonymised as the year's report setting says, unless ``anonymise`` is given."""
    report_year = ReportYear.get_or_none(ReportYear.year == year)
    if anonymise is None:
        anonymise = report_year.anonymise_agreements if report_year else True
    end, start = year_end(year), year_start(year)
    agreements = (
        Agreement.select(Agreement, Enterprise)
        .join(Enterprise)
        .where(
            ((Agreement.start.is_null()) | (Agreement.start <= end))
            & ((Agreement.end.is_null()) | (Agreement.end >= start))
        )
        .order_by(Agreement.number)
    )
    agreements = list(agreements)
    ids = [
        i
        for (i,) in Evaluation.select(Evaluation.id)
        .where(Evaluation.agreement.in_([a.id for a in agreements]) & (Evaluation.date <= end))
        .order_by(Evaluation.date)
        .tuples()
    ]
    by_agreement: dict[int, list[EvaluationFigures]] = {}
    for figures in evaluation_figures_many(ids):  # three queries for all agreements, not three per evaluation
        by_agreement.setdefault(figures.agreement_number, []).append(figures)
    rows = []
    for agreement in agreements:
        history = tuple(by_agreement.get(agreement.number, []))
        name = _("Samarbejdsaftale {n}").format(n=agreement.number) if anonymise else agreement.enterprise.name
        rows.append(
            AgreementRow(
                number=agreement.number,
                name=name,
                places=agreement.places,
                extra_places=agreement.extra_places,
                framework_weeks=agreement.framework_weeks,
                price_dkk=agreement.price_dkk,
                latest=history[-1] if history else None,
                history=history,
            )
        )
    seen: dict[str, tuple[str, bool, bool]] = {}
    for category in OutcomeCategory.select().order_by(OutcomeCategory.paradigm, OutcomeCategory.position):
        seen.setdefault(category.name, (category.name, category.is_good, category.is_stopped))
    return ComparisonData(
        year=year,
        anonymised=anonymise,
        categories=tuple(seen.values()),
        rows=tuple(rows),
        unit=report_year.unit if report_year else "",
        municipality=report_year.municipality if report_year else "",
        has_data=bool(rows) and year in known_years(),
        source=source_name(),
    )


def evaluation_label(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
