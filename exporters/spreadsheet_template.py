"""An Excel template for enterprises, grants and placements that users fill from their own spreadsheets, and
the reader that turns a filled template into the data file's rows for the ordinary import (preview, all or
nothing). Cells are read by the forms' rules: whole kroner ("1.5" and 12500,75 are refused, not guessed),
hours with at most two decimals, Danish or ISO dates; every problem names its sheet and row."""

import datetime as dt
import os
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from exporters.excel_common import CellWriter, header_row, properties
from exporters.safe_write import write_atomically
from models.data_codec import ParsedFile
from models.data_codec_v1 import Ref, RowBuilder
from models.enterprises import Enterprise
from models.errors import StoreError, ValidationError
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.placement_rows import channel_of
from models.placements import JobPlacement, PlacementType
from models.validation import parse_amount

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


KIND_WORDS = {
    "": "enterprise",
    "virksomhed": "enterprise",
    "socialøkonomisk virksomhed": "enterprise",
    "enterprise": "enterprise",
    "initiativ": "initiative",
    "socialøkonomisk initiativ": "initiative",
    "virksomhed med socialøkonomisk initiativ": "initiative",
    "initiative": "initiative",
}
# The template's column for each field, so a message names what the user sees.
COLUMN_OF_FIELD = {
    "name": "Navn",
    "legal_form": "Juridisk form",
    "cvr": "CVR",
    "address": "Adresse",
    "place": "By",
    "opened": "Åbnet",
    "closed": "Lukket",
    "report_order": "Rækkefølge i rapporten",
    "year": "År",
    "amount_dkk": "Beløb (kr.)",
    "purpose": "Formål",
    "date": "Dato",
    "type": "Type",
    "channel": "Kanal",
    "hours_per_week": "Timer pr. uge",
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
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _cell(value):
    """A cell as the codec reads it: numbers and dates as they are, text stripped, empty as None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value.strip() if isinstance(value, str) else value


def _amount(value, where: str, builder: RowBuilder) -> tuple[int | None, bool] | None:
    """An amount cell read as the grant form reads it: whole kroner, "ca." allowed; None if unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, False
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return value, False
    if isinstance(value, float):
        if value.is_integer():
            return int(value), False
        builder.problems.append(
            _("{where}, beløb: beløb skrives i hele kroner, ikke {value}.").format(
                where=where, value=str(value).replace(".", ",")
            )
        )
        return None
    try:
        return parse_amount(str(value))
    except ValidationError as error:
        builder.problems.append(_("{where}, beløb: {message}").format(where=where, message=error.message))
        return None


def read_template(path: str | os.PathLike) -> ParsedFile:
    """A filled template as rows for the ordinary import. A value that cannot be read is a problem naming its
    sheet and row; a file that is not such a workbook raises ``StoreError``. The store is not touched."""
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise StoreError(
            _("{name} er ikke en Excel-projektmappe (.xlsx), der kan læses.").format(name=Path(path).name)
        ) from error
    try:
        return _read(workbook)
    except StoreError:
        raise
    except Exception as error:  # a damaged part of the workbook (a cell, a chart sheet): the file cannot be read
        raise StoreError(
            _("{name} kan ikke læses som en udfyldt skabelon: {reason}").format(
                name=Path(path).name, reason=type(error).__name__
            )
        ) from error
    finally:
        workbook.close()


def _read(workbook) -> ParsedFile:
    missing = [name for name in SHEETS if name not in workbook.sheetnames]
    if missing:
        raise StoreError(
            _("Projektmappen mangler arket {sheets}; brug skabelonen fra Filer → Importér.").format(
                sheets=", ".join(missing)
            )
        )
    for sheet, columns in SHEETS.items():
        if not hasattr(workbook[sheet], "iter_rows"):
            raise StoreError(
                _("Arket {sheet} er ikke et regneark; brug skabelonen fra Filer → Importér.").format(sheet=sheet)
            )
        header = next(workbook[sheet].iter_rows(min_row=1, max_row=1, values_only=True), ())
        found = [_text(cell) for cell in header][: len(columns)]
        if found != columns:
            raise StoreError(
                _(
                    "Arket {sheet} har ikke skabelonens kolonner i første række ({columns}). Flyt eller fjern "
                    "ikke kolonnerne; brug skabelonen fra Filer → Importér."
                ).format(sheet=sheet, columns=", ".join(columns))
            )

    def rows(sheet: str):
        for number, row in enumerate(workbook[sheet].iter_rows(min_row=2, values_only=True), start=2):
            if any(_cell(cell) is not None for cell in row):
                yield (
                    number,
                    _("{sheet}, række {n}").format(sheet=sheet, n=number),
                    list(row) + [None] * (len(SHEETS[sheet]) - len(row)),
                )

    builder = RowBuilder(labels=COLUMN_OF_FIELD)
    for _number, where, row in rows("Virksomheder"):
        kind = KIND_WORDS.get(_text(row[1]).casefold())
        if kind is None:
            builder.problems.append(
                _("{where}, Type: «{text}» er hverken virksomhed eller initiativ.").format(
                    where=where, text=_text(row[1])
                )
            )
            continue
        enterprise = builder.add(
            Enterprise,
            where,
            name=_text(row[0]),
            kind=kind,
            legal_form=_text(row[2]),
            cvr=_text(row[3]) or None,
            address=_text(row[4]),
            place=_text(row[5]),
            opened=_cell(row[6]),
            closed=_cell(row[7]),
            report_order=_cell(row[8]) if _cell(row[8]) is not None else 0,
        )
        builder.define(Enterprise, _text(row[0]), enterprise)
    for _number, where, row in rows("Tilskud"):
        enterprise = builder.named(Enterprise, _text(row[0]), where, _("virksomheden"))
        amount = _amount(row[2], where, builder)
        if enterprise is None or amount is None:
            continue
        approximate = (
            amount[1] or row[3] is True or _text(row[3]).casefold() in ("ja", "x", "ca", "ca.", "sand", "true")
        )
        grant = builder.add(
            Grant,
            where,
            enterprise=enterprise,
            year=_cell(row[1]),
            amount_dkk=amount[0],
            approximate=approximate,
            purpose=_text(row[4]),
            position=0,
        )
        for position, name in enumerate(n.strip() for n in _text(row[5]).split(";") if n.strip()):
            if grant is not None:
                builder.add(GrantFunder, where, grant=Ref(grant), position=position, name=name)
    for _number, where, row in rows("Ansættelser"):
        channel = channel_of(_text(row[3])) if _text(row[3]) else "jobcenter"
        if channel is None:
            builder.problems.append(
                _("{where}: kanalen «{text}» er hverken Jobcenteret eller egne kanaler.").format(
                    where=where, text=_text(row[3])
                )
            )
            continue
        enterprise = builder.named(Enterprise, _text(row[1]), where, _("virksomheden"))
        kind = builder.named(PlacementType, _text(row[2]), where, _("ansættelsestypen"))
        if enterprise and kind:
            builder.add(
                JobPlacement,
                where,
                enterprise=enterprise,
                type=kind,
                date=_cell(row[0]),
                channel=channel,
                hours_per_week=_cell(row[4]),
            )
    return ParsedFile(builder.ordered(), builder.problems, {})
