"""Fields in report texts: ``{{name}}`` or ``{{name:argument}}`` stand for figures that follow from data and
are filled in when the report is produced; a paragraph of nothing but ``{{block}}`` stands for a generated
part (a list, a table, the enterprise presentations). See docs/example-data.md for the list."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.activities import Goal
from models.figures import YearStatus, partnerships_started, year_status
from models.formatting import format_int
from models.i18n import _
from models.report_texts import ReportYear

FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*(?::\s*([^{}]*?)\s*)?\}\}")

BLOCKS = {
    "virksomheder": _("Præsentation af hver virksomhed i rapportens rækkefølge"),
    "registrerede_liste": _("Liste over registrerede virksomheder"),
    "registrerende_liste": _("Liste over virksomheder, der arbejder mod registrering"),
    "netvaerkstemaer": _("Liste over næste års temaer for netværksmøderne"),
    "positive_historier": _("Årets positive historier"),
    "tilskud": _("Årets tilskud med bevillingsgivere"),
    "evalueringer": _("Hver samarbejdsaftales seneste evaluering i året"),
    "job_tabel": _("Ansættelser fordelt på type og kanal, tabel og graf"),
    "virksomheder_udvikling": _("Graf over aktive virksomheder ved hvert årsskifte mod målet"),
    "anbefalinger": _("Anbefalingerne fra afsnittene, samlet"),
    "helhedsanbefalinger": _("Anbefalinger ud fra et helhedsorienteret blik"),
}

FIELDS = {
    "aar": _("Rapportens år"),
    "naeste_aar": _("Året efter"),
    "virksomheder_aktive": _("Aktive virksomheder og initiativer ved årets udgang"),
    "job_maal": _("Årligt mål for antal jobs"),
    "job_jobcenter": _("Ansættelser gennem Jobcenteret i året (evt. :type)"),
    "job_egne_kanaler": _("Ansættelser gennem virksomhedernes egne kanaler (evt. :type)"),
    "registrerede": _("Registrerede virksomheder ved årets udgang"),
    "registrerende": _("Virksomheder, der arbejder mod registrering"),
    "registrerede_landsplan": _("Registrerede virksomheder på landsplan (årets tal)"),
    "initiativ_medlemmer": _("Antal deltagere i et fælles initiativ (:navn)"),
    "netvaerksmoeder_afholdt": _("Netværksmøder afholdt i året"),
    "netvaerksmoeder_planlagt": _("Netværksmøder planlagt for næste år"),
    "medunderskrevne_ansoegninger": _("Ansøgninger kommunen har medunderskrevet"),
    "puljemails": _("Mails med puljeoversigt"),
    "csr_samarbejder_nye": _("CSR-samarbejder startet i året"),
    "maal": _("Et måls tal (:kortnavn)"),
}


def block_name(paragraph: str) -> str | None:
    """The block a paragraph stands for, if it consists of nothing but one block field."""
    match = FIELD.fullmatch(paragraph.strip())
    return match.group(1) if match and match.group(1) in BLOCKS and not match.group(2) else None


@dataclass
class FilledText:
    text: str
    unknown: list[str] = field(default_factory=list)


class ReportFields:
    """Resolves the fields of one report year from the store; figures are read on 31 December."""

    def __init__(self, year: int, status: YearStatus | None = None) -> None:
        self.year = year
        self.status = status or year_status(year)
        self.report_year = ReportYear.get_or_none(ReportYear.year == year)
        self._resolvers: dict[str, Callable[[str | None], int | str | None]] = {
            "aar": lambda _arg: str(year),
            "naeste_aar": lambda _arg: str(year + 1),
            "virksomheder_aktive": lambda _arg: self.status.enterprises_active,
            "job_maal": lambda _arg: self.status.jobs_target,
            "job_jobcenter": lambda arg: self._jobs(self.status.jobs.jobcenter, arg),
            "job_egne_kanaler": lambda arg: self._jobs(self.status.jobs.own, arg),
            "registrerede": lambda _arg: len(self.status.registrations.registered),
            "registrerende": lambda _arg: len(self.status.registrations.working),
            "registrerede_landsplan": lambda _arg: self._yearly("national_registered"),
            "initiativ_medlemmer": lambda arg: self.status.initiative_members.get(arg or ""),
            "netvaerksmoeder_afholdt": lambda _arg: self.status.meetings_held,
            "netvaerksmoeder_planlagt": lambda _arg: self.status.meetings_planned_next_year,
            "medunderskrevne_ansoegninger": lambda _arg: self._yearly("cosigned_applications"),
            "puljemails": lambda _arg: self._yearly("pool_mails"),
            "csr_samarbejder_nye": lambda _arg: partnerships_started(year),
            "maal": self._goal_target,
        }

    @staticmethod
    def _jobs(counts: dict[str, int], arg: str | None) -> int:
        if arg is None:
            return sum(counts.values())
        return next((n for name, n in counts.items() if name.casefold() == arg.casefold()), 0)

    def _yearly(self, attr: str) -> int | None:
        return getattr(self.report_year, attr) if self.report_year else None

    @staticmethod
    def _goal_target(arg: str | None) -> int | None:
        goal = Goal.get_or_none(Goal.short_name == (arg or ""))
        return goal.target if goal else None

    def value(self, name: str, arg: str | None = None) -> str | None:
        """The printed value of a field, or None if the field is unknown or has no value in the data."""
        resolver = self._resolvers.get(name)
        if resolver is None:
            return None
        value = resolver(arg)
        if value is None:
            return None
        return format_int(value) if isinstance(value, int) else str(value)

    def fill(self, text: str) -> FilledText:
        """Replace every field in ``text``. A field that is unknown or has no value stays as written and is
        reported in ``unknown``, so the draft shows it and the caller can warn."""
        unknown: list[str] = []

        def replace(match: re.Match) -> str:
            name, arg = match.group(1), match.group(2)
            if name in BLOCKS and not arg:
                return match.group(0)
            value = self.value(name, arg)
            if value is None:
                unknown.append(match.group(0))
                return match.group(0)
            return value

        return FilledText(FIELD.sub(replace, text), unknown)


def fields_in(text: str) -> list[tuple[str, str | None]]:
    """Every (name, argument) field written in ``text``."""
    return [(m.group(1), m.group(2)) for m in FIELD.finditer(text)]
