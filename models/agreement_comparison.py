"""Agreements side by side (recommendation 6.10 of the 2018 report: effect, price and quality across
agreements), from each agreement's evaluations up to the end of a year."""

import datetime as dt
from dataclasses import dataclass, field

from models.agreements import Agreement, Evaluation, OutcomeCategory, Paradigm
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
    latest: EvaluationFigures | None  # the latest evaluation in the year (as ``status``), or None
    history: tuple[EvaluationFigures, ...]  # every evaluation up to the year end, oldest first
    enterprise: str = ""  # the enterprise's name when not anonymised

    @property
    def number_label(self) -> str:
        """ " (aftale 3)" after an enterprise's name: two agreements of one enterprise are told apart."""
        return "" if not self.enterprise else " " + _("(aftale {n})").format(n=self.number)

    @property
    def label(self) -> str:
        """The name with the agreement's number where the name is the enterprise's: "VeteranHaven (aftale 3)"."""
        return self.name + self.number_label

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
    # (name, is_good, is_stopped) in paradigm order: one row per category *with its flags*, so a category that
    # a later paradigm version judges differently is a row of its own
    categories: tuple[tuple[str, bool, bool], ...]
    rows: tuple[AgreementRow, ...]
    unit: str
    municipality: str = ""
    has_data: bool = True  # the year is known and an agreement runs in it
    source: str = ""  # the database file the figures come from
    # the evaluation's id -> the categories (as in ``categories``) of the paradigm it was made with
    evaluation_categories: dict[int, frozenset[tuple[str, bool, bool]]] = field(default_factory=dict)
    good_by_paradigm: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (paradigm, its good categories) in use

    def require_data(self) -> None:
        """Raise ``NoDataError`` (a Danish message) if there is nothing to compare for the year: no agreement
        runs in it, or none was evaluated in it (``status`` shows no evaluations then either)."""
        if not self.has_data:
            raise NoDataError(
                _("Databasen har ingen samarbejdsaftaler i {year}. Intet er eksporteret.").format(year=self.year)
            )
        if not any(row.latest for row in self.rows):
            raise NoDataError(
                _("Ingen samarbejdsaftale er evalueret i {year}. Intet er eksporteret.").format(year=self.year)
            )

    def good_text(self) -> str:
        """The good outcomes in words: "Fleksjob, I ordinært job", or by paradigm where versions differ."""
        names = {good for _paradigm, good in self.good_by_paradigm}
        if len(names) <= 1:
            return ", ".join(next(iter(names), ()))
        return "; ".join(f"{paradigm}: {', '.join(good) or '–'}" for paradigm, good in self.good_by_paradigm)


def agreement_comparison(year: int, *, anonymise: bool | None = None) -> ComparisonData:
    """Every agreement running in ``year``, with its latest evaluation in the year and its history up to 31
    December.
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
    evaluations = list(
        Evaluation.select(Evaluation.id, Evaluation.paradigm)
        .where(Evaluation.agreement.in_([a.id for a in agreements]) & (Evaluation.date <= end))
        .order_by(Evaluation.date)
        .tuples()
    )
    ids = [i for i, _paradigm in evaluations]
    by_agreement: dict[int, list[EvaluationFigures]] = {}
    for figures in evaluation_figures_many(ids):  # three queries for all agreements, not three per evaluation
        by_agreement.setdefault(figures.agreement_number, []).append(figures)
    rows = []
    for agreement in agreements:
        history = tuple(by_agreement.get(agreement.number, []))
        enterprise = "" if anonymise else agreement.enterprise.name
        name = enterprise or _("Samarbejdsaftale {n}").format(n=agreement.number)
        in_year = [figures for figures in history if figures.date >= start]
        rows.append(
            AgreementRow(
                number=agreement.number,
                name=name,
                places=agreement.places,
                extra_places=agreement.extra_places,
                framework_weeks=agreement.framework_weeks,
                price_dkk=agreement.price_dkk,
                latest=in_year[-1] if in_year else None,
                history=history,
                enterprise=enterprise,
            )
        )
    used = {paradigm for _i, paradigm in evaluations}
    per_paradigm: dict[int, list[tuple[str, bool, bool]]] = {}
    for category in OutcomeCategory.select().order_by(OutcomeCategory.paradigm, OutcomeCategory.position):
        if not used or category.paradigm_id in used:
            key = (category.name, bool(category.is_good), bool(category.is_stopped))
            per_paradigm.setdefault(category.paradigm_id, []).append(key)
    categories = dict.fromkeys(key for keys in per_paradigm.values() for key in keys)
    names = {p.id: p.display_name() for p in Paradigm.select().where(Paradigm.id.in_(list(per_paradigm)))}
    return ComparisonData(
        year=year,
        anonymised=anonymise,
        categories=tuple(categories),
        evaluation_categories={i: frozenset(per_paradigm.get(paradigm, ())) for i, paradigm in evaluations},
        good_by_paradigm=tuple(
            (names[p], tuple(name for name, good, _stopped in keys if good)) for p, keys in per_paradigm.items()
        ),
        rows=tuple(rows),
        unit=report_year.unit if report_year else "",
        municipality=report_year.municipality if report_year else "",
        has_data=bool(rows) and year in known_years(),
        source=source_name(),
    )


def evaluation_label(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
