"""The placements as an Excel table with a total row: the list the job status workbook counts from."""

import datetime as dt
from collections.abc import Callable
from functools import partial

from xlsxwriter.utility import xl_rowcol_to_cell

from exporters.xlsx_common import DATE, DECIMAL, Book, break_pages, columns, print_setup, wrapped_height
from exporters.xlsx_stream import StreamedListSheet
from models.i18n import _
from models.job_status import PlacementLine

# the table's column names, which the job status formulas refer to
DATE_COLUMN, ENTERPRISE_COLUMN, TYPE_COLUMN, CHANNEL_COLUMN = _("Dato"), _("Virksomhed"), _("Type"), _("Kanal")


def placements_list(
    book: Book,
    name: str,
    table: str,
    lines: tuple[PlacementLine, ...],
    *,
    types: tuple[str, ...],
    heading: str,
    progress: Callable[[int], None],
) -> None:
    """A sheet ``name`` holding ``lines`` as the Excel table ``table`` (Dato, Virksomhed, Type, Kanal, Timer pr.
    uge), printed landscape at 100 % with its header on every page and the pages filled evenly."""
    b = book
    ws = b.sheet(name, name, worksheet_class=StreamedListSheet)
    date_format = b.fmt(num_format=DATE, align="left")
    hours = b.fmt(num_format=DECIMAL)
    head = b.header_format()
    total_row = 1 + max(len(lines), 1)
    ws.add_table(
        0,
        0,
        total_row,
        4,
        {
            "name": table,
            "style": "Table Style Light 9",
            "total_row": True,
            "columns": [
                # header formats spelled out: LibreOffice does not draw Excel's table styles
                {"header": DATE_COLUMN, "format": date_format, "total_string": _("I alt"), "header_format": head},
                {
                    "header": ENTERPRISE_COLUMN,
                    "format": b.fmt(align="left"),  # also the total row's count: left under the names
                    # the table's name spelled out: LibreOffice cannot read "[Virksomhed]" alone
                    "total_function": f"=SUBTOTAL(103,{table}[{ENTERPRISE_COLUMN}])",
                    "total_value": len(lines),
                    "header_format": head,
                },
                {"header": TYPE_COLUMN, "header_format": head},
                {"header": CHANNEL_COLUMN, "header_format": head},
                {"header": _("Timer pr. uge"), "format": hours, "header_format": head},
            ],
        },
    )
    b.expected[(ws.name, xl_rowcol_to_cell(total_row, 1))] = len(lines)
    widest = max([len(line.enterprise) for line in lines] + [12])
    name_width, type_width = min(widest + 3, 40), min(max([len(t) for t in types] + [8]) + 3, 24)
    wrap, heights = b.fmt(text_wrap=True), {}
    formats, seen = (date_format, b.fmt(), hours), b._seen
    for offset, line in enumerate(lines):
        row = 1 + offset
        long_name, long_type = len(line.enterprise) > name_width - 2, len(line.type) > type_width - 2
        if not (long_name or long_type) and _streamable(line):  # the common row: streamed, not held as cells
            texts = (  # each text checked once (Book._checked keeps what it found): most rows repeat names
                seen[text] if text in seen else b._checked(text, partial(_where, ws, row, col))
                for col, text in ((1, line.enterprise), (2, line.type), (3, line.channel))
            )
            ws.stream_row(row, line.date, texts, line.hours_per_week, formats)
            if offset % 5000 == 0:
                progress(offset)
            continue
        b.put(ws, row, 0, line.date, date_format)
        b.put(ws, row, 1, line.enterprise, wrap if long_name else None)
        b.put(ws, row, 2, line.type, wrap if long_type else None)
        if long_name or long_type:  # a long name wraps, not cut off in print
            heights[row] = max(
                wrapped_height(line.enterprise, name_width - 2), wrapped_height(line.type, type_width - 2)
            )
            ws.set_row(row, heights[row])
        b.put(ws, row, 3, line.channel)
        b.put(ws, row, 4, line.hours_per_week, hours)
        if offset % 5000 == 0:
            progress(offset)
    widths = columns(ws, [19, name_width, type_width, 27, 13])
    ws.freeze_panes(1, 0)
    print_setup(ws, heading, widths, repeat=0)
    break_pages(ws, 1, total_row, above=15, header=15, landscape=True, heights=heights)


def _streamable(line: PlacementLine) -> bool:
    """Whether the row is a date, three texts and hours (a number or none), as the streamed sheet writes them."""
    return (
        type(line.date) is dt.date
        and all(type(text) is str for text in (line.enterprise, line.type, line.channel))
        and (line.hours_per_week is None or type(line.hours_per_week) in (int, float))
    )


def _where(ws, row: int, col: int) -> str:
    return _("Arket «{sheet}», celle {cell},").format(sheet=ws.name, cell=xl_rowcol_to_cell(row, col))
