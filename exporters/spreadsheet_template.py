"""An Excel template for enterprises, grants and placements that users fill from their own spreadsheets, and
the reader that turns a filled template into a data file for the ordinary import (preview, all or nothing)."""

import datetime as dt
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from exporters.excel_common import CellWriter, header_row, properties
from exporters.safe_write import write_atomically
from models.data_import import FORMAT, VERSION
from models.errors import StoreError
from models.i18n import _

SHEETS = {
    "Virksomheder": [
        "Navn",
        "Type (virksomhed/initiativ)",
        "Juridisk form",
        "CVR",
        "Adresse",
        "By",
        "Åbnet",
        "Lukket",
        "Rækkefølge i rapporten",
    ],
    "Tilskud": ["Virksomhed", "År", "Beløb (kr.)", "Ca. (ja/nej)", "Formål", "Bevillingsgivere (adskilt af ;)"],
    "Ansættelser": ["Dato", "Virksomhed", "Type", "Kanal (Jobcenteret/egne)", "Timer pr. uge"],
}


def write_template(path: str | os.PathLike) -> None:
    workbook = Workbook()
    writer = CellWriter()
    for index, (title, columns) in enumerate(SHEETS.items()):
        ws = workbook.active if index == 0 else workbook.create_sheet()
        ws.title = title
        header_row(ws, 1, columns, writer)
        ws.freeze_panes = "A2"
        for column in range(1, len(columns) + 1):
            ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = 24
    properties(
        workbook,
        title_text=_("Skabelon til import i Socialøkonomi"),
        author="",
        subject=_("Virksomheder, tilskud og ansættelser"),
    )
    write_atomically(path, lambda temporary: workbook.save(str(temporary)))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _iso(value, where: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    from models.validation import parse_date

    try:
        day = parse_date(str(value), label=where)
    except Exception as error:  # a ValidationError with a Danish message
        raise StoreError(str(error)) from error
    return day.isoformat() if day else None


def read_template(path: str | os.PathLike) -> dict:
    """A filled template as a data file. Raises ``StoreError`` naming the sheet, row and column of a value
    that cannot be read; the store is not touched here."""
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise StoreError(
            _("{name} er ikke en Excel-projektmappe (.xlsx), der kan læses.").format(name=Path(path).name)
        ) from error
    missing = [name for name in SHEETS if name not in workbook.sheetnames]
    if missing:
        raise StoreError(
            _("Projektmappen mangler arket {sheets}; brug skabelonen fra Filer → Importér.").format(
                sheets=", ".join(missing)
            )
        )

    def rows(sheet: str):
        for number, row in enumerate(workbook[sheet].iter_rows(min_row=2, values_only=True), start=2):
            if any(cell not in (None, "") for cell in row):
                yield number, list(row) + [None] * (len(SHEETS[sheet]) - len(row))

    enterprises = []
    for number, row in rows("Virksomheder"):
        where = _("Virksomheder, række {n}").format(n=number)
        kind = _text(row[1]).casefold()
        enterprises.append(
            {
                "name": _text(row[0]),
                "kind": "initiative" if kind.startswith("init") else "enterprise",
                "legal_form": _text(row[2]),
                "cvr": _text(row[3]) or None,
                "address": _text(row[4]),
                "place": _text(row[5]),
                "opened": _iso(row[6], where),
                "closed": _iso(row[7], where),
                "report_order": int(row[8]) if isinstance(row[8], int | float) else 0,
                "target_groups": [],
                "registrations": [],
                "texts": {},
            }
        )
    grants = []
    for number, row in rows("Tilskud"):
        where = _("Tilskud, række {n}").format(n=number)
        try:
            amount = int(Decimal(str(row[2]).replace(".", "").replace(",", "."))) if row[2] not in (None, "") else None
            year = int(row[1])
        except (InvalidOperation, TypeError, ValueError) as error:
            raise StoreError(_("{where}: år og beløb skal være tal.").format(where=where)) from error
        grants.append(
            {
                "enterprise": _text(row[0]),
                "year": year,
                "amount_dkk": amount,
                "approximate": _text(row[3]).casefold() in ("ja", "x", "ca", "ca."),
                "covers_until_year": None,
                "purpose": _text(row[4]),
                "note": "",
                "funders": [
                    {"name": name.strip(), "purpose": "", "amount_dkk": None}
                    for name in _text(row[5]).split(";")
                    if name.strip()
                ],
            }
        )
    placements = []
    for number, row in rows("Ansættelser"):
        where = _("Ansættelser, række {n}").format(n=number)
        from models.placement_rows import channel_of

        channel = channel_of(_text(row[3])) if _text(row[3]) else "jobcenter"
        if channel is None:
            raise StoreError(
                _("{where}: kanalen «{text}» er hverken Jobcenteret eller egne kanaler.").format(
                    where=where, text=_text(row[3])
                )
            )
        placements.append(
            {
                "enterprise": _text(row[1]),
                "date": _iso(row[0], where),
                "type": _text(row[2]),
                "channel": channel,
                "hours_per_week": _text(row[4]).replace(",", ".") or None,
            }
        )
    workbook.close()
    return {
        "format": FORMAT,
        "version": VERSION,
        "data": {
            "enterprises.json": {"target_groups": [], "enterprises": enterprises},
            "activity.json": {"grants": grants, "placements": placements},
            "report_texts.json": {"years": []},
        },
    }
