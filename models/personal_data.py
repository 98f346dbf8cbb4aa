"""No personal data about citizens: a text that looks like a CPR number (DDMMYY-XXXX with a real date) is
refused before it is saved and flagged again before an export, with the field named.

A number is recognised however it was typed or pasted: with any short run of spaces or punctuation between
the groups ("01 01 90 1234", "01.01.90-1234", Word's "010190–1234", "010190:1234", a tab), with no-break or
thin spaces, full-width digits, or an invisible character (any Unicode format character: zero-width spaces,
direction marks from Outlook or Teams) inside, and in a list ("010190-1234,020290-4321"). Only an amount
("… 1234 kr.") is let through. Which columns are checked follows from the models' fields, so a
new text column is covered without a change here.
"""

import calendar
import re
import unicodedata

from models.i18n import _

# Characters that do not show but split a number for a naive search (every format character, category Cf,
# is removed too).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"))
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
# between the groups: up to three characters that are neither letters nor digits (space, tab, dot, dash,
# slash, colon, underscore, bullet, ...); after the number, "kr"/"kr." as a whole word marks an amount
_SEP = r"[^\w]{0,3}|_{1,3}"
_CPR = re.compile(
    r"(?<!\d)(?P<d>\d{2})(?:" + _SEP + r")(?P<m>\d{2})(?:" + _SEP + r")(?P<y>\d{2})(?:" + _SEP + r")(?P<n>\d{4})"
    r"(?!\d)(?![^\w\n]{0,2}kr(?:\.|(?!\w)))"
)


_ASCII_DIGITS = "0123456789"
_ANY_DIGIT = re.compile(r"\d")


class _Normaliser(dict):
    """A ``str.translate`` table filled as characters are met (each one looked up in Unicode once)."""

    def __missing__(self, code: int):
        char = chr(code)
        category = unicodedata.category(char)
        if code in _INVISIBLE or category == "Cf":
            value = None
        elif char in _DASHES or (char != "-" and category == "Pd"):
            value = "-"
        elif category == "Zs":
            value = " "
        elif char.isdecimal() and not "0" <= char <= "9":
            value = str(unicodedata.decimal(char))
        elif char == "\uff0e":  # full-width full stop
            value = "."
        elif char == "\uff0f":  # full-width solidus
            value = "/"
        else:
            value = code
        self[code] = value
        return value


_NORMALISER = _Normaliser()


def normalise(text: str) -> str:
    """``text`` with every kind of space as a plain space, every dash as "-", any decimal digit (full-width,
    Arabic-Indic) as 0-9 and invisible characters removed: the form in which CPR numbers are looked for."""
    text = text or ""
    if text.isascii():
        return text
    return text.translate(_NORMALISER)


def _valid_day(day: int, month: int, year2: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # The century follows from the serial number; a 29 February is accepted if any century makes it real.
    longest = max(calendar.monthrange(century + year2, month)[1] for century in (1900, 2000))
    return day <= longest


def find_cpr(text: str) -> list[str]:
    """The CPR-like numbers in ``text`` (a date that exists, then four digits), as written after
    normalising (see ``normalise``)."""
    if not text or len(text) < 10:  # ten digits at least; normalising never lengthens a text
        return []
    # ten digits at least, of any script (normalising turns exactly the decimal digits, \d, into 0-9)
    if sum(map(text.count, _ASCII_DIGITS)) < 10 if text.isascii() else len(_ANY_DIGIT.findall(text)) < 10:
        return []
    found = []
    for match in _CPR.finditer(normalise(text)):
        day, month, year2 = int(match.group("d")), int(match.group("m")), int(match.group("y"))
        if _valid_day(day, month, year2):
            found.append(match.group(0))
    return found


def mask_cpr(text: str) -> str:
    """``text`` with every CPR-like number replaced by its date and XXXX (for a file name written to the
    audit trail)."""
    text = normalise(text)

    def mask(match: re.Match) -> str:
        day, month, year2 = int(match.group("d")), int(match.group("m")), int(match.group("y"))
        if not _valid_day(day, month, year2):
            return match.group(0)
        return f"{match.group('d')}{match.group('m')}{match.group('y')}-XXXX"

    return _CPR.sub(mask, text)


def cpr_message(label: str, found: list[str]) -> str:
    masked = ", ".join(f"{re.sub(r'[^0-9]', '', number)[:6]}-XXXX" for number in found)
    return _(
        "{label} ser ud til at indeholde et CPR-nummer ({masked}). Der må ikke gemmes personoplysninger om "
        "borgere; brug et pseudonym eller et antal."
    ).format(label=label, masked=masked)


# --- every free-text column of every model --------------------------------------------------------------


def text_columns(model, *, history: bool = False) -> list:
    """The model's free-text columns (every TextField/CharField), found from its fields. The history's
    models (audit trail, trash, locks) only with ``history``: they copy what users wrote."""
    from peewee import CharField, TextField

    from models.base import UidField

    if not history and not getattr(model, "holds_user_text", True):
        return []
    return [
        field
        for field in model._meta.sorted_fields
        if isinstance(field, (TextField, CharField)) and not isinstance(field, UidField)
    ]


def _field_label(model, name: str) -> str:
    return _("{kind}, feltet «{field}»,").format(kind=str(model.label).capitalize(), field=name)


def check_record_texts(model, data: dict, *, only=None, history: bool = False) -> None:
    """Raise ``ValidationError`` (naming the field) if any free-text column of ``data`` (a dict of field name
    or field -> value, as a model's ``__data__`` or an import's row) holds a CPR-like number. ``only``
    limits the check to those field names. Import code calls this for each row before it stores anything."""
    from models.errors import ValidationError

    for field in text_columns(model, history=history):
        if only is not None and field.name not in only:
            continue
        value = data.get(field.name, data.get(field, None)) if isinstance(data, dict) else None
        if isinstance(value, str):
            found = find_cpr(value)
            if found:
                raise ValidationError(field.name, cpr_message(_field_label(model, field.name), found))


def scan_store(*, history: bool = False) -> list[str]:
    """A warning for each stored text that looks like it holds a CPR number (a record stored before the
    check, or written around it), naming the record and the field. Run before every export; with
    ``history`` the audit trail and the trash too (the data file carries them)."""
    from functools import reduce
    from operator import or_

    from peewee import fn

    from models.schema import ALL_MODELS

    warnings = []
    for model in ALL_MODELS:
        columns = text_columns(model, history=history)
        if not columns:
            continue
        # a CPR number needs ten digits: shorter texts (most of a large store) never leave SQLite
        long_enough = reduce(or_, [fn.length(column) >= 10 for column in columns])
        from models.base import database_proxy

        names = [model._meta.primary_key.name, *(field.name for field in columns)]
        # the driver's rows as they are (a large store has a hundred thousand long texts: peewee's dict per
        # row cost more than the search)
        for values in database_proxy.obj.execute(model.select(model._meta.primary_key, *columns).where(long_enough)):
            for field, value in zip(columns, values[1:], strict=True):
                found = find_cpr(value if isinstance(value, str) else "")
                if found:
                    record = _record_name(model, dict(zip(names, values, strict=True)))
                    warnings.append(
                        cpr_message(
                            _("{kind} «{record}», feltet «{field}»,").format(
                                kind=str(model.label).capitalize(), record=record, field=field.name
                            ),
                            found,
                        )
                    )
    return warnings


def _record_name(model, row: dict) -> str:
    for attr in ("name", "title", "pseudonym", "label_text", "number"):
        value = row.get(attr)
        if value and not find_cpr(str(value)):
            return str(value)
    return f"{model._meta.primary_key.name} {row.get(model._meta.primary_key.name)}"
