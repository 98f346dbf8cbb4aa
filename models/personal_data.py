"""No personal data about citizens: a text that looks like a CPR number (DDMMYY-XXXX with a real date) is
refused before it is saved and flagged again before an export, with the field named."""

import calendar
import re

from models.i18n import _

# ten digits (a dash or space after the sixth allowed) that are not part of a longer number or an amount
_CPR = re.compile(r"(?<!\d)(?<!\d[.,/-])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d|[.,/-]\d|\s?kr)")


def _valid_day(day: int, month: int, year2: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # The century follows from the serial number; a 29 February is accepted if any century makes it real.
    longest = max(calendar.monthrange(century + year2, month)[1] for century in (1900, 2000))
    return day <= longest


def find_cpr(text: str) -> list[str]:
    """The CPR-like numbers in ``text`` (a date that exists, then four digits)."""
    found = []
    for match in _CPR.finditer(text or ""):
        day, month, year2 = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if _valid_day(day, month, year2):
            found.append(match.group(0))
    return found


def cpr_message(label: str, found: list[str]) -> str:
    masked = ", ".join(f"{number[:6]}-XXXX" for number in found)
    return _(
        "{label} ser ud til at indeholde et CPR-nummer ({masked}). Der må ikke gemmes personoplysninger om "
        "borgere; brug et pseudonym eller et antal."
    ).format(label=label, masked=masked)
