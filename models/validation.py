"""Validators shared by the models, the forms and the importers. Each raises ``ValidationError`` with a
Danish message naming what is wrong; none of them changes anything."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from models.errors import ValidationError
from models.i18n import _
from models.personal_data import cpr_message, find_cpr

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
# Characters that Word's and Excel's XML cannot hold (tab and newline are fine).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MAX_AMOUNT_DKK = 10_000_000_000


def is_valid_cvr(cvr: str) -> bool:
    """True if ``cvr`` has 8 digits, no leading 0 and a correct modulus-11 check (Erhvervsstyrelsen's rule)."""
    if not re.fullmatch(r"[1-9]\d{7}", cvr):
        return False
    return sum(int(d) * w for d, w in zip(cvr, CVR_WEIGHTS, strict=True)) % 11 == 0


def clean_cvr(field: str, value: str | None) -> str | None:
    """Normalise a CVR number (spaces removed) or raise. Empty means no CVR."""
    if value is None:
        return None
    cvr = re.sub(r"\s", "", value)
    if not cvr:
        return None
    if not cvr.isdigit() or len(cvr) != 8:
        raise ValidationError(field, _("Et CVR-nummer har 8 cifre."))
    if not is_valid_cvr(cvr):
        raise ValidationError(field, _("CVR-nummeret {cvr} findes ikke: kontrolcifferet passer ikke.").format(cvr=cvr))
    return cvr


def check_text(field: str, value: str | None, *, label: str, required: bool = False, max_length: int = 100_000) -> str:
    """Return the text stripped of surrounding whitespace, or raise if it is required and empty, too long,
    or holds characters a Word or Excel file cannot hold."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, _("{label} skal udfyldes.").format(label=label))
    if len(text) > max_length:
        raise ValidationError(
            field, _("{label} må højst have {max} tegn (her er {n}).").format(label=label, n=len(text), max=max_length)
        )
    found = find_cpr(text)
    if found:
        raise ValidationError(field, cpr_message(label, found))
    if _ILLEGAL_XML.search(text):
        raise ValidationError(
            field,
            _("{label} indeholder et usynligt styretegn, som ikke kan gemmes. Skriv teksten igen.").format(label=label),
        )
    return text


def check_amount(field: str, value: int | None, *, label: str) -> int | None:
    """An amount in whole kroner: not negative, not absurdly large."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, _("{label} skal være et helt antal kroner.").format(label=label))
    if value < 0:
        raise ValidationError(field, _("{label} kan ikke være negativt.").format(label=label))
    if value > MAX_AMOUNT_DKK:
        raise ValidationError(field, _("{label} er urimeligt stort.").format(label=label))
    return value


def check_count(field: str, value: int | None, *, label: str) -> int | None:
    """A count: a whole number, not negative."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(field, _("{label} skal være et helt tal, 0 eller derover.").format(label=label))
    return value


def check_hours(field: str, value, *, label: str, required: bool = False) -> Decimal | None:
    """Hours a week: a number above 0 and at most 80, with at most two decimals (7,25), never rounded."""
    if value is None:
        if required:
            raise ValidationError(field, _("{label} skal udfyldes.").format(label=label))
        return None
    if isinstance(value, bool):
        raise ValidationError(field, _("{label} skal være et tal.").format(label=label))
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as error:
        raise ValidationError(field, _("{label} skal være et tal.").format(label=label)) from error
    if not number.is_finite():
        raise ValidationError(field, _("{label} skal være et tal.").format(label=label))
    if not 0 < number <= 80:
        raise ValidationError(field, _("{label} skal være mellem 0 og 80.").format(label=label))
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(field, _("{label} har højst to decimaler, fx 7,25.").format(label=label))
    return number.quantize(Decimal("0.01"))


def check_date_order(field: str, start: dt.date | None, end: dt.date | None, *, label: str) -> None:
    """Raise if ``end`` comes before ``start``."""
    if start and end and end < start:
        raise ValidationError(field, _("{label} ligger før startdatoen.").format(label=label))


def parse_amount(text: str) -> tuple[int, bool]:
    """Parse a Danish amount as typed: "150.000", "150.000 kr.", "ca. 650.000" -> (kroner, approximate).

    Dots are thousands separators; a decimal comma is allowed only with zero øre ("150.000,00"). Anything
    else raises ``ValidationError`` rather than guessing ("1.5" is refused, not read as 15 or 1.5).
    """
    raw = text.strip().lower()
    approximate = False
    if raw.startswith("ca."):
        approximate, raw = True, raw[3:].strip()
    elif raw.startswith("ca "):
        approximate, raw = True, raw[3:].strip()
    raw = raw.removesuffix("kr.").removesuffix("kr").strip().replace("\u00a0", " ").replace(" ", "")
    if not raw:
        raise ValidationError("amount", _("Skriv et beløb i kroner, fx 150.000."))
    match = re.fullmatch(r"(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{1,2}))?", raw)
    if not match:
        raise ValidationError(
            "amount", _("«{text}» er ikke et beløb. Skriv fx 150.000 eller ca. 650.000.").format(text=text)
        )
    if match.group(2) and int(match.group(2)) != 0:
        raise ValidationError("amount", _("Beløb skrives i hele kroner."))
    value = int(match.group(1).replace(".", ""))
    return check_amount("amount", value, label=_("Beløbet")), approximate


def parse_decimal(text: str, *, field: str, label: str) -> Decimal:
    """Parse a Danish decimal number with a decimal comma ("4,5")."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"\d+(,\d+)?", raw):
        raise ValidationError(
            field,
            _("{label}: «{text}» er ikke et tal. Brug komma som decimaltegn, fx 4,5.").format(label=label, text=text),
        )
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only valid numbers
        raise ValidationError(field, _("{label} er ikke et tal.").format(label=label)) from error


def parse_date(text: str, *, field: str = "date", label: str = "Datoen") -> dt.date | None:
    """Parse a date as a Dane types it: "15.6.2018", "15-06-2018", "15/6 2018" or ISO "2018-06-15".
    Empty means no date. An impossible date ("30.2.2018") raises ``ValidationError``."""
    raw = text.strip()
    if not raw:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    danish = re.fullmatch(r"(\d{1,2})[.\-/ ]\s*(\d{1,2})[.\-/ ]\s*(\d{4})", raw)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif danish:
        day, month, year = (int(g) for g in danish.groups())
    else:
        raise ValidationError(
            field, _("{label}: «{text}» er ikke en dato. Skriv fx 15.6.2018.").format(label=label, text=text)
        )
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValidationError(
            field, _("{label}: {text} findes ikke i kalenderen.").format(label=label, text=text)
        ) from error


def parse_int(text: str, *, field: str, label: str) -> int | None:
    """A whole number, 0 or more, as typed ("1.200" allowed); empty means none."""
    raw = text.strip().replace(".", "").replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError(field, _("{label} skal være et helt tal, 0 eller derover.").format(label=label))
    return int(raw)
