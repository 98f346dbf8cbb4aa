"""The areas of the application, in the order of the navigation sidebar."""

from dataclasses import dataclass

from models.i18n import _


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    description: str  # what the area is for; the sidebar's tooltip


AREAS = (
    Area("overview", _("Overblik"), _("Året på ét blik: mål, jobs, virksomheder, tilskud og advarsler.")),
    Area("enterprises", _("Virksomheder"), _("Registret over socialøkonomiske virksomheder og initiativer.")),
    Area("grants", _("Tilskud"), _("Puljer og fondsmidler, som virksomhederne har modtaget, med bevillingsgivere.")),
    Area(
        "agreements",
        _("Aftaler og evalueringer"),
        _("Jobcenterets samarbejdsaftaler om forløb og evalueringerne af dem."),
    ),
    Area("placements", _("Ansættelser"), _("Jobs skabt gennem socialøkonomiske virksomheder, som antal.")),
    Area("partnerships", _("CSR-samarbejder"), _("Samarbejder mellem virksomheder og virksomheder med CSR-profil.")),
    Area("network", _("Netværk"), _("Netværksmøder, afholdte og planlagte, med temaer.")),
    Area("progression", _("Progression"), _("Pseudonyme forløb fulgt over tid: timer pr. uge og intensitet.")),
    Area("goals", _("Mål"), _("Strategiens mål og hvordan de opgøres.")),
    Area("report_texts", _("Årsrapport-tekster"), _("Årets tekster til årsrapporten: forord, afsnit og anbefalinger.")),
)
