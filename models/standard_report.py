"""A report year for a municipality that starts from nothing: the standard structure of a social-economy annual
report, with fields and generated blocks where data gives the content and short placeholder texts (marked
``[Pladsholder]``) where the unit must write. ``export-report`` then gives a complete, correct report from data
alone, and each placeholder becomes a comment for the author.

``new_report_year`` is what the command line and "Opret en tom årsrapport" call; with an earlier year it copies
that year's texts instead (``models.report_years.create_next_year``).
"""

from models import editing
from models.base import database_proxy
from models.enterprises import Enterprise, EnterpriseText
from models.errors import StoreError
from models.figures import year_end, year_start
from models.i18n import _
from models.report_blocks import PLACEHOLDER
from models.report_texts import Reference, ReportSection, ReportYear, Story


def _placeholder(text: str) -> str:
    return f"{PLACEHOLDER} {text}"


def standard_sections() -> list[tuple[str, str, str, str]]:
    """(number, title, body, recommendation) of the standard report, in order."""
    p = _placeholder
    return [
        (
            "1",
            _("Indledning"),
            "\n\n".join(
                [
                    p(
                        _(
                            "Årsrapporten giver udvalgene et samlet billede af socialøkonomien i kommunen i "
                            "{{aar}}: virksomhederne, de job de skaber, samarbejdet med Jobcenteret og de "
                            "anbefalinger, vi giver videre."
                        )
                    ),
                    _(
                        "Ved udgangen af {{aar}} er der {{virksomheder_aktive}} aktive socialøkonomiske "
                        "virksomheder og initiativer i kommunen."
                    ),
                    "{{virksomheder_udvikling}}",
                ]
            ),
            "",
        ),
        (
            "2",
            _("De socialøkonomiske virksomheder og initiativer"),
            p(
                _(
                    "Kort om, hvad der kendetegner virksomhederne og initiativerne i kommunen, og hvordan de "
                    "arbejder med beskæftigelse og social merværdi."
                )
            ),
            "",
        ),
        ("2.1", _("Mød virksomheder og initiativer"), "{{virksomheder}}", ""),
        (
            "3",
            _("Registrering"),
            "\n\n".join(
                [
                    _("Registrerede socialøkonomiske virksomheder ved udgangen af {{aar}} (i alt {{registrerede}}):"),
                    "{{registrerede_liste}}",
                    _("Virksomheder, der arbejder mod registrering (i alt {{registrerende}}):"),
                    "{{registrerende_liste}}",
                ]
            ),
            "",
        ),
        (
            "4",
            _("Socialøkonomisk netværk"),
            "\n\n".join(
                [
                    _(
                        "Netværksmøder afholdt i {{aar}}: {{netvaerksmoeder_afholdt}}. Møder planlagt i "
                        "{{naeste_aar}}: {{netvaerksmoeder_planlagt}}. Temaerne:"
                    ),
                    "{{netvaerkstemaer}}",
                ]
            ),
            "",
        ),
        ("5", _("Positive historier"), "{{positive_historier}}", ""),
        (
            "6",
            _("Afrapportering på strategiens punkter"),
            p(_("Kort om kommunens strategi for socialøkonomi og de punkter, der afrapporteres på nedenfor.")),
            "",
        ),
        (
            "6.1",
            _("Ansøgninger, puljer og fondsmidler"),
            "{{tilskud}}",
            p(_("Det anbefales at fortsætte arbejdet med ansøgninger til puljer og fonde.")),
        ),
        (
            "6.2",
            _("Samarbejdsaftaler om forløb"),
            "{{evalueringer}}",
            p(_("Det anbefales at evaluere samarbejdsaftalerne hvert år efter samme paradigme.")),
        ),
        (
            "6.3",
            _("Ansættelser i socialøkonomiske virksomheder"),
            "\n\n".join(
                [
                    _(
                        "I {{aar}} er der ansat {{job_jobcenter}} personer gennem Jobcenteret og "
                        "{{job_egne_kanaler}} gennem virksomhedernes egne kanaler."
                    ),
                    "{{job_tabel}}",
                ]
            ),
            p(_("Det anbefales at fastholde målet for antal job gennem socialøkonomiske virksomheder.")),
        ),
        ("7", _("Anbefalinger"), _("Nedenstående er de samlede anbefalinger:") + "\n\n{{anbefalinger}}", ""),
    ]


def _check_new(year: int) -> None:
    if ReportYear.select().where(ReportYear.year == year).exists():
        raise StoreError(_("Årsrapporten for {year} findes allerede.").format(year=year))


def create_standard_year(year: int) -> ReportYear:
    """The standard structure for ``year``: title-page fields, foreword, sections with their blocks, a story
    and a reference to be written, and a presentation to be written for each enterprise active in the year."""
    _check_new(year)
    previous = ReportYear.select().order_by(ReportYear.year.desc()).first()  # the municipality's own names
    with database_proxy.atomic():
        report_year = editing.add_checked(
            ReportYear,
            year=year,
            title=previous.title if previous else _("Den Socialøkonomiske Årsrapport"),
            committees=previous.committees if previous else _placeholder(_("Udvalgenes navne")),
            municipality=previous.municipality if previous else _placeholder(_("Kommunens navn")),
            unit=previous.unit if previous else _placeholder(_("Enhedens navn")),
            revised=True,
            foreword=_placeholder(
                _(
                    "Forordet: et par afsnit om året, der er gået, og om hvad årsrapporten indeholder. "
                    "Skrives af den, der præsenterer rapporten for udvalgene."
                )
            ),
        )
        for position, (number, title, body, recommendation) in enumerate(standard_sections()):
            editing.add_checked(
                ReportSection,
                report_year=report_year,
                position=position,
                number=number,
                title=title,
                body=body,
                recommendation=recommendation,
            )
        editing.add_checked(
            Story,
            report_year=report_year,
            position=0,
            text=_placeholder(_("En god historie fra året: hvem, hvad, og hvad det betød for borgerne.")),
        )
        editing.add_checked(
            Reference,
            report_year=report_year,
            position=0,
            text=_("Lov om registrering af socialøkonomiske virksomheder"),
        )
        _enterprise_placeholders(year)
    return report_year


def _enterprise_placeholders(year: int) -> None:
    start, end = year_start(year), year_end(year)
    active = Enterprise.select().where(
        ((Enterprise.opened.is_null()) | (Enterprise.opened <= end))
        & ((Enterprise.closed.is_null()) | (Enterprise.closed > start))
    )
    written = {t.enterprise_id for t in EnterpriseText.select().where(EnterpriseText.year == year)}
    for enterprise in active:
        if enterprise.id in written:
            continue
        editing.add_checked(
            EnterpriseText,
            enterprise=enterprise,
            year=year,
            presentation=_placeholder(
                _("Kort om {name}: hvad virksomheden laver, hvem den beskæftiger, og hvad den har nået i år.").format(
                    name=enterprise.name
                )
            ),
            revised=True,
        )


def new_report_year(year: int, from_year: int | None = None) -> ReportYear:
    """A new report year as one audited command (one entry in the audit trail naming what was added)."""
    return editing.run_bulk(
        "new-report-year", _("Årsrapport {year}").format(year=year), lambda: build_report_year(year, from_year)
    ).value


def build_report_year(year: int, from_year: int | None = None) -> ReportYear:
    """The rows of a new report year: a copy of ``from_year``'s texts (which must be the year before), or the
    standard structure. Refuses a year that already has report texts. Run it as a command (``new_report_year``
    or the Editor's ``run_bulk``)."""
    if from_year is None:
        return create_standard_year(year)
    from models.report_years import create_next_year

    if from_year != year - 1:
        raise StoreError(
            _(
                "Teksterne kan kun kopieres fra året før ({previous}). Opret {year} uden --from for at få "
                "standardopbygningen."
            ).format(previous=year - 1, year=year)
        )
    _check_new(year)
    return create_next_year(from_year)
