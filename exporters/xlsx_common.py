"""What the exported workbooks share, written with XlsxWriter.

Why XlsxWriter and not openpyxl for the exports: XlsxWriter stores each formula's computed value beside the
formula (``write_formula(..., value)``), so mail and phone previews, viewers and ``openpyxl`` with
``data_only=True`` show the figures without recalculating; it writes Excel tables with total rows and native
charts with cached data. openpyxl stays for reading and for the import template. (XlsxWriter's constant-memory
mode cannot hold Excel tables, so the workbooks are built in memory: 100,000 placements take a few seconds.)

The finished workbook is built in memory and written to a temporary file in one plain write, then renamed
(``exporters.safe_write``): a full disk gives the clear message and nothing else (no half-closed zip file).
"""

import datetime as dt
import io
import os
import re
import string
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from importlib import metadata
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from exporters.safe_write import write_atomically
from models.i18n import _
from models.personal_data import cpr_message, find_cpr

# Characters Excel's XML cannot hold: control characters, U+FFFE/U+FFFF and lone surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
CELL_MAX = 32767  # characters a cell holds
SHEET_NAME_MAX = 31  # counted in UTF-16 code units, as Excel counts
NBSP = "\u00a0"
# [$-406]: the format's language is Danish, so LibreOffice prints "1.687.000 kr." and "30. juni 2018" in any
# locale; Excel shows Danish month names and takes the separators from the reader's Windows settings.
DA = "[$-406]"
INTEGER = DA + "#,##0"
DECIMAL = DA + "#,##0.0"
SIGNED_DECIMAL = DA + "+#,##0.0;−#,##0.0;0"
DKK = DA + f'#,##0"{NBSP}kr."'
PERCENT = DA + f'0"{NBSP}"%'
PERCENT_1 = DA + f'0.0"{NBSP}"%'
DATE = DA + "d. mmmm yyyy"
SHORT_DATE = DA + "d.m.yyyy"
MONTH = DA + "mmmm"
DASH = "–"  # a year or a figure without data: never 0
COLOUR = "#1F5F8B"
BASE_SIZE = 10  # at fit-to-width scales down to 90 % this still prints at 9 pt


def clean(text: str) -> str:
    """``text`` as the workbook holds it: without the characters Excel cannot store."""
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def date_words(cell: str) -> str:
    """A formula expression for the date in ``cell`` as "30. juni 2018", the same in every language of Excel
    and LibreOffice (TEXT's format codes are not: "yyyy" is "åååå" in a Danish Excel)."""
    from models.formatting import MONTHS

    names = ",".join(f'"{name}"' for name in MONTHS)
    return f'DAY({cell})&". "&CHOOSE(MONTH({cell}),{names})&" "&YEAR({cell})'


def date_digits(cell: str) -> str:
    """A formula expression for the date in ``cell`` as "30.6.2018"."""
    return f'DAY({cell})&"."&MONTH({cell})&"."&YEAR({cell})'


def text_formula(template: str, **expressions: str) -> str:
    """A formula giving ``template`` with each ``{name}`` replaced by the value of its expression."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        if literal:
            parts.append('"' + literal.replace('"', '""') + '"')
        if field is not None:
            parts.append(expressions[field])
    return "=" + "&".join(parts)


def wrapped_height(text: str, width: float) -> float:
    """The height in points of a row whose wrapped text runs in a column ``width`` characters wide."""
    lines = sum(max(1, -(-len(part) // max(int(width * 1.1), 1))) for part in text.split("\n"))
    return max(lines, 1) * 13 + 2


def sheet_name(name: str, used: set[str], fallback: str, keep: str = "") -> str:
    """A sheet name Excel and LibreOffice both accept: no ``[]:*?/\\``, no apostrophe at either end, at most 31
    UTF-16 units, not "History", and unique (case-insensitive) among ``used``, which it is added to."""
    base = _SHEET_FORBIDDEN.sub(" ", _ILLEGAL.sub("", name))
    base = " ".join(base.split()).strip("'").strip()
    if not base or base.casefold() == "history":
        base = fallback

    def cut(text: str, limit: int) -> str:
        while len(text.encode("utf-16-le")) // 2 > limit:
            text = text[:-1]
        return text.rstrip().rstrip("'").rstrip() or fallback[:limit]

    # ``keep`` (e.g. " (aftale 3)") stays whole at the end: the name is cut before it
    candidate, number = cut(base, SHEET_NAME_MAX - len(keep)) + keep, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate, number = cut(base, SHEET_NAME_MAX - len(keep) - len(suffix)) + keep + suffix, number + 1
    used.add(candidate.casefold())
    return candidate


def quoted(name: str) -> str:
    """A sheet name as a formula refers to it: 'Name', with an apostrophe inside doubled."""
    return "'" + name.replace("'", "''") + "'"


def percent_format(share: float | Fraction | None) -> str:
    """ "40 %" for a whole percentage, "64,7 %" otherwise, as ``models.formatting.format_pct`` prints them."""
    if share is None:
        return PERCENT
    return PERCENT if round(float(share) * 1000) % 10 == 0 else PERCENT_1


def live_percent(book: "Book", ws: Worksheet, cells: str) -> None:
    """Shares in ``cells`` (formatted ``PERCENT_1``) print as "40 %" when whole and "64,7 %" otherwise, also
    after a recalculation: the whole-number format is a conditional one on the live value."""
    first = cells.split(":")[0].replace("$", "")
    if "whole" not in book._formats:
        book._formats["whole"] = book.workbook.add_format({"num_format": PERCENT})
    ws.conditional_format(
        cells,
        {"type": "formula", "criteria": f"=MOD(ROUND({first}*1000,0),10)=0", "format": book._formats["whole"]},
    )


def app_version() -> str:
    try:
        return metadata.version("socialokonomi")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return _("ukendt")


def made_at(now: dt.datetime | None = None) -> str:
    """The local time with its offset from UTC, e.g. "27. november 2026 kl. 15.31 (UTC+01:00)"."""
    from models.formatting import format_date

    now = (now or dt.datetime.now(dt.UTC)).astimezone()
    offset = now.strftime("%z")
    return _("{date} kl. {time} (UTC{offset})").format(
        date=format_date(now.date()), time=now.strftime("%H.%M"), offset=f"{offset[:3]}:{offset[3:]}"
    )


@dataclass(frozen=True)
class Live:
    """A text or date that is a formula (of the date a workbook is counted at), with its exported value."""

    formula: str
    expected: object


class _Worksheet(Worksheet):
    """XlsxWriter's worksheet, minus the 60-odd regular expressions it runs over every formula to prefix
    functions newer than Excel 2010 (``_xlfn.``): these workbooks use none, and in a large workbook (tens of
    thousands of COUNTIFS) those expressions took more time than all the rest of the export."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula.removeprefix("=")


class Book:
    """One workbook being written: formats, safe cells, and every formula's expected value.

    ``expected[(sheet, "B9")]`` is the application's own figure for the formula in that cell; it is also the
    value stored with the formula. Tests compare it with what a real client's recalculation gives."""

    def __init__(self, output) -> None:
        self.workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self.workbook.set_size(1400, 900)
        self.warnings: list[str] = []
        self.expected: dict[tuple[str, str], object] = {}
        self.used_names: set[str] = set()
        self._formats: dict[tuple, object] = {}
        self._seen: dict[str, str] = {}

    def fmt(self, **props):
        """A cached cell format; every format is in the base size unless it says otherwise."""
        props.setdefault("font_size", BASE_SIZE)
        props.setdefault("valign", "top")
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def header_format(self, **extra):
        return self.fmt(bold=True, font_color="#FFFFFF", bg_color=COLOUR, text_wrap=True, valign="vcenter", **extra)

    def sheet(self, name: str, fallback: str, keep: str = "", worksheet_class=None) -> Worksheet:
        name = sheet_name(name, self.used_names, fallback, keep)
        return self.workbook.add_worksheet(name, worksheet_class=worksheet_class or _Worksheet)

    def text(self, value: str) -> str:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = clean(value)
        if cleaned != value:
            self.warnings.append(
                _("Tegn, som Excel ikke kan gemme, er fjernet fra «{text}».").format(text=cleaned[:40])
            )
        if len(cleaned) > CELL_MAX:
            self.warnings.append(
                _("«{text}…» er afkortet til {limit} tegn, det højeste en celle i Excel kan rumme.").format(
                    text=cleaned[:40], limit=f"{CELL_MAX:,}".replace(",", ".")
                )
            )
        return cleaned[:CELL_MAX]

    def _checked(self, value: str, where) -> str:
        """``value`` cleaned for Excel, with a warning for a CPR number; a text is checked once (a list repeats
        the same names and types tens of thousands of times)."""
        if value in self._seen:
            return self._seen[value]
        text = self.text(value)
        found = find_cpr(text)
        if found:
            self.warnings.append(cpr_message(where(), found))
        self._seen[value] = text
        return text

    def put(self, ws: Worksheet, row: int, col: int, value, cell_format=None) -> None:
        """Write one cell (0-based). A string is always text: "=HYPERLINK(...)" stays that exact text."""
        cell_format = cell_format or self.fmt()
        if value is None:
            ws.write_blank(row, col, None, cell_format)
        elif isinstance(value, str):

            def where() -> str:
                return _("Arket «{sheet}», celle {cell},").format(sheet=ws.name, cell=xl_rowcol_to_cell(row, col))

            ws.write_string(row, col, self._checked(value, where), cell_format)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, cell_format)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), cell_format)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, cell_format)
        else:
            ws.write_number(row, col, float(value) if isinstance(value, Fraction) else value, cell_format)

    def formula(self, ws: Worksheet, row: int, col: int, formula: str, expected, cell_format=None) -> None:
        """A live formula stored with ``expected``, the application's own figure ("" for an empty result)."""
        if isinstance(expected, Fraction):
            expected = float(expected)
        self.expected[(ws.name, xl_rowcol_to_cell(row, col))] = expected
        stored = expected
        if isinstance(expected, dt.date):
            # the date's serial number, as Excel stores it: Excel counts a 29 February 1900 that never was
            stored = (expected - dt.date(1899, 12, 30 if expected >= dt.date(1900, 3, 1) else 31)).days
        ws.write_formula(row, col, formula, cell_format or self.fmt(), stored)

    def title(self, ws: Worksheet, text, subtitle) -> None:
        """The title and subtitle in rows 1 and 2; each a text, or a ``Live`` text that follows a cell."""
        ws.set_row(0, 22)
        for row, value, cell_format in (
            (0, text, self.fmt(bold=True, font_size=14, font_color=COLOUR, valign="bottom")),
            (1, subtitle, self.fmt(italic=True, font_color="#555555")),
        ):
            if isinstance(value, Live):
                self.formula(ws, row, 0, value.formula, value.expected, cell_format)
            else:
                self.put(ws, row, 0, value, cell_format)

    def header_row(self, ws: Worksheet, row: int, labels: list, *, date_format: str = SHORT_DATE) -> None:
        for col, label in enumerate(labels):
            align = "left" if col == 0 else "center"
            if isinstance(label, dt.date):
                self.put(ws, row, col, label, self.header_format(align=align, num_format=date_format))
            else:
                self.put(ws, row, col, label, self.header_format(align=align))

    def about_sheet(self, title, lines: list[tuple[str, object]], *, page_header: str | None = None) -> Worksheet:
        """The "Om" sheet: what the workbook shows, from what, when, and where its figures come from."""
        ws = self.sheet(_("Om"), "Om")
        self.title(ws, title, _("Om denne projektmappe"))
        label = self.fmt(bold=True)
        for offset, (name, value) in enumerate(lines):
            row = 3 + offset
            self.put(ws, row, 0, name, label)
            if isinstance(value, Live):
                date = isinstance(value.expected, dt.date)
                cell_format = self.fmt(num_format=DATE, align="left") if date else self.fmt(align="left")
                self.formula(ws, row, 1, value.formula, value.expected, cell_format)
            elif isinstance(value, dt.date):
                self.put(ws, row, 1, value, self.fmt(num_format=DATE, align="left"))
            else:
                self.put(ws, row, 1, value, self.fmt(text_wrap=True, align="left"))
                ws.set_row(row, wrapped_height(str(value), 100))
        print_setup(ws, page_header or str(getattr(title, "expected", title)), columns(ws, [28, 100]))
        return ws

    def properties(self, *, title: str, author: str, subject: str, keywords: str | None = None) -> None:
        self.workbook.set_properties(
            {
                "title": self.text(title),
                "subject": subject,
                "author": self.text(author),
                "company": self.text(author),
                "keywords": keywords or _("socialøkonomi; jobstatus"),
                "comments": _("Lavet med Socialøkonomi {version}").format(version=app_version()),
                # XlsxWriter writes this time with "Z": give it in UTC
                "created": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            }
        )


ROW_HEIGHT = 15  # points, every row unless set otherwise: page breaks can be counted
PAGE_CHARS = {True: 132, False: 90}  # column-width characters an A4 page holds at 100 %, by landscape
MIN_SCALE = 90  # per cent: BASE_SIZE 10 pt prints at 9 pt
PAGE_HEIGHT = {True: 8.27 * 72, False: 11.69 * 72}  # A4, by landscape
TOP_BOTTOM_MARGINS = (0.75 + 0.75) * 72


def columns(ws: Worksheet, widths: list[float]) -> list[float]:
    """Set the column widths (in characters, from column A) and return them for ``print_setup``."""
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)
    return widths


def print_setup(
    ws: Worksheet, header: str, widths: list[float], *, landscape: bool = True, repeat: int | None = None
) -> None:
    """A4 with the title in the header and page numbers in the footer; ``repeat`` (a 0-based row) printed
    at the top of every page. One page wide at 100 % when the columns fit; fitted to the width when that
    takes no more than 90 % (10 pt text prints at 9 pt or more); else at 100 % over more pages wide, with
    column A repeated on each. Never fitted to a page's height: that is how text shrinks below legibility."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_default_row(ROW_HEIGHT)
    needed = sum(widths) + 0.75 * len(widths)  # a column's padding is about ¾ of a character
    room = PAGE_CHARS[landscape]
    if needed <= room:
        ws.set_print_scale(100)
    elif needed * MIN_SCALE / 100 <= room:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(100)
        ws.repeat_columns(0)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    ws.set_header("&C&10" + header.replace("&", "&&"))
    ws.set_footer("&R&10" + _("Side &P af &N"))
    if repeat is not None:
        ws.repeat_rows(repeat)


def keep_chart_whole(ws: Worksheet, chart_row: int, above: float, chart_height_px: int, *, landscape: bool = True):
    """Start a new page at ``chart_row`` when the chart would not fit under the ``above`` points of rows."""
    if above + chart_height_px * 0.75 > PAGE_HEIGHT[landscape] - TOP_BOTTOM_MARGINS - 12:
        ws.set_h_pagebreaks([chart_row])


def break_pages(
    ws: Worksheet,
    first: int,
    last: int,
    *,
    above: float,
    header: float,
    landscape: bool,
    heights: dict[int, float] | None = None,
) -> list[int]:
    """Manual page breaks for rows ``first``..``last`` (0-based, the last one a total row) of ``ROW_HEIGHT``
    each, or of ``heights[row]`` points where given (wrapped text): pages are filled evenly, so a total row is
    never alone on the last page. ``above`` is the height of what stands above ``first`` on the first page,
    ``header`` the height of the repeated header row."""
    usable = PAGE_HEIGHT[landscape] - TOP_BOTTOM_MARGINS - 24  # a little room for LibreOffice's rounding
    room = max(int((usable - max(above, header)) // ROW_HEIGHT), 5) * ROW_HEIGHT
    rows = [(heights or {}).get(row, ROW_HEIGHT) for row in range(first, last + 1)]
    pages = -(-int(sum(rows)) // int(room))
    if pages <= 1:
        return []
    target = min(room, -(-sum(rows) / pages // ROW_HEIGHT) * ROW_HEIGHT)  # uniform rows: the same count a page
    breaks, filled = [], 0.0
    for offset, height in enumerate(rows):
        if filled + height > target and filled > 0:
            breaks.append(first + offset)
            filled = 0.0
        filled += height
    ws.set_h_pagebreaks(breaks)
    return breaks


def save(book_builder: Callable[[io.BytesIO], None], path: str | os.PathLike) -> None:
    """Build the workbook into memory, then write it to ``path`` through a temporary file and a rename."""

    def write(temporary: Path) -> None:
        buffer = io.BytesIO()
        book_builder(buffer)
        with temporary.open("wb") as handle:
            handle.write(buffer.getbuffer())
            handle.flush()

    write_atomically(path, write)
