"""Danish formatting of amounts, percentages, numbers and dates, as the report prints them.

A NO-BREAK SPACE stands before "kr." and "%" so that a figure never breaks from its unit at a line end.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NBSP = "\u00a0"
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def format_int(value: int) -> str:
    """12345 -> "12.345" """
    return f"{value:,}".replace(",", ".")


def format_dkk(amount: int, *, approximate: bool = False) -> str:
    """150000 -> "150.000 kr."; approximate -> "ca. 650.000 kr." """
    text = f"{format_int(amount)}{NBSP}kr."
    return f"ca.{NBSP}{text}" if approximate else text


def format_decimal(value: Decimal | float | int, places: int = 1) -> str:
    """4.5 -> "4,5"; 15 -> "15"; a decimal comma and no trailing zeros."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    return format_int(int(whole)) + ("," + frac if frac else "")


def format_pct(share: Fraction | float | None, places: int = 1) -> str:
    """Fraction(2, 5) -> "40 %"; Fraction(22, 34) -> "64,7 %"; None -> "–" """
    if share is None:
        return "–"
    value = (
        Decimal(share.numerator) / Decimal(share.denominator) if isinstance(share, Fraction) else Decimal(str(share))
    )
    return f"{format_decimal(value * 100, places)}{NBSP}%"


def format_date(day: dt.date) -> str:
    """ "15. juni 2018" """
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def format_field_date(day: dt.date) -> str:
    """ "08.09.2016": how fields and tables show a date (prose uses ``format_date``)"""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def format_short_date(day: dt.date) -> str:
    """ "8.9.2016" """
    return f"{day.day}.{day.month}.{day.year}"


def format_month(day: dt.date) -> str:
    """ "Januar 2019" """
    return f"{MONTHS[day.month - 1].capitalize()} {day.year}"
