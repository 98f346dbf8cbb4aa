"""The agreement comparison as an Excel workbook: one row per agreement with live formulas for shares and
price per good outcome, and a sheet per agreement with the outcome counts of every evaluation over time."""

import os

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from exporters.excel_common import (
    DATE,
    DKK,
    INTEGER,
    PERCENT,
    TOTAL_FONT,
    CellWriter,
    fit_columns,
    header_row,
    print_setup,
    properties,
    title,
)
from exporters.safe_write import write_atomically
from models.agreement_comparison import ComparisonData, evaluation_label
from models.i18n import _
from models.report_data import Progress

COLUMNS = (
    "name",
    "places",
    "extra",
    "framework",
    "price",
    "completed",
    "good",
    "good_share",
    "stopped",
    "stopped_share",
    "price_per_good",
    "latest",
    "warnings",
)


def _no_progress(_percent: int, _text: str) -> None:
    return None


def _ratio(share) -> float | str:
    return float(share) if share is not None else ""


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(c for c in name if c not in "[]:*?/\\")[:28] or _("Aftale")
    candidate, number = base, 2
    while candidate.casefold() in used:
        candidate, number = f"{base[:25]} {number}", number + 1
    used.add(candidate.casefold())
    return candidate


def write_agreement_comparison(
    data: ComparisonData, path: str | os.PathLike, progress: Progress = _no_progress
) -> list[str]:
    """Write the workbook to ``path`` via a temporary file; return warnings for the user."""
    workbook, writer = build_agreement_comparison(data, progress)
    progress(92, _("Gemmer projektmappen"))
    write_atomically(path, lambda temporary: workbook.save(str(temporary)))
    progress(100, _("Færdig"))
    return list(dict.fromkeys(writer.warnings))


def build_agreement_comparison(data: ComparisonData, progress: Progress = _no_progress) -> tuple[Workbook, CellWriter]:
    """The workbook, and the writer that holds its warnings and every formula's expected value."""
    writer = CellWriter()
    workbook = Workbook()
    heading = _("Sammenligning af samarbejdsaftaler {year}").format(year=data.year)
    ws = workbook.active
    ws.title = _("Sammenligning")
    title(
        ws,
        heading,
        _("Seneste evaluering til og med 31. december {year}; gode udfald: {good}").format(
            year=data.year, good=", ".join(n for n, good, _s in data.categories if good)
        ),
        writer,
    )
    header = 4
    labels = [
        _("Aftale") if data.anonymised else _("Virksomhed"),
        _("Forløb"),
        _("Ekstra forløb"),
        _("Ramme (uger)"),
        _("Pris (kr.)"),
        _("Afsluttede forløb"),
        _("Gode udfald"),
        _("Andel gode udfald"),
        _("Stoppet"),
        _("Andel stoppet"),
        _("Pris pr. godt udfald (kr.)"),
        _("Seneste evaluering"),
        _("Bemærkninger"),
    ]
    header_row(ws, header, labels, writer)
    col = {key: index + 1 for index, key in enumerate(COLUMNS)}
    letter = {key: get_column_letter(index) for key, index in col.items()}
    for offset, row_data in enumerate(data.rows):
        row = header + 1 + offset
        latest = row_data.latest
        writer.put(ws, row, col["name"], row_data.name)
        writer.put(ws, row, col["places"], row_data.places, number_format=INTEGER)
        writer.put(ws, row, col["extra"], row_data.extra_places, number_format=INTEGER)
        writer.put(ws, row, col["framework"], row_data.framework_weeks, number_format=INTEGER)
        writer.put(ws, row, col["price"], row_data.price_dkk, number_format=DKK)
        if latest is not None:
            writer.put(ws, row, col["completed"], latest.completed, number_format=INTEGER)
            writer.put(ws, row, col["good"], latest.good_outcomes, number_format=INTEGER)
            writer.put(ws, row, col["stopped"], latest.stopped, number_format=INTEGER)
            writer.put(ws, row, col["latest"], latest.date, number_format=DATE)
            writer.put(ws, row, col["warnings"], " ".join(latest.warnings))
        c, g, s, p = (f"{letter[k]}{row}" for k in ("completed", "good", "stopped", "price"))
        good_share = _ratio(latest.good_outcome_share) if latest else ""
        stopped_share = _ratio(latest.stopped_share) if latest else ""
        price_per_good = (
            row_data.price_dkk / latest.good_outcomes if latest and row_data.price_dkk and latest.good_outcomes else ""
        )
        writer.formula(
            ws, row, col["good_share"], f'=IF(N({c})>0,{g}/{c},"")', expected=good_share, number_format=PERCENT
        )
        writer.formula(
            ws, row, col["stopped_share"], f'=IF(N({c})>0,{s}/{c},"")', expected=stopped_share, number_format=PERCENT
        )
        writer.formula(
            ws,
            row,
            col["price_per_good"],
            f'=IF(AND(N({p})>0,N({g})>0),{p}/{g},"")',
            expected=price_per_good,
            number_format=DKK,
        )
    if not data.rows:
        writer.put(ws, header + 1, 1, _("Ingen samarbejdsaftaler i {year}.").format(year=data.year))
    ws.freeze_panes = f"B{header + 1}"
    fit_columns(ws)
    ws.column_dimensions[letter["warnings"]].width = 60
    ws.row_dimensions[header].height = 32
    print_setup(ws, heading)

    used = {ws.title.casefold()}
    for index, row_data in enumerate(data.rows):
        progress(10 + 80 * index // max(len(data.rows), 1), row_data.name)
        sheet = workbook.create_sheet(_sheet_name(row_data.name, used))
        title(sheet, row_data.name, _("Udfald ved hver evaluering"), writer)
        dates = [evaluation_label(e.date) for e in row_data.history]
        header_row(sheet, 4, [_("Udfald"), *dates], writer)
        writer.put(sheet, 5, 1, _("Afsluttede forløb i alt"), font=TOTAL_FONT)
        writer.put(sheet, 6, 1, _("Fortsat i forløb"))
        first_category = 7
        for offset, (name, good, stopped) in enumerate(data.categories):
            label = name + (" " + _("(godt udfald)") if good else "") + (" " + _("(stop)") if stopped else "")
            writer.put(sheet, first_category + offset, 1, label)
        last_category = first_category + len(data.categories) - 1
        good_row, share_row, sum_row = last_category + 2, last_category + 3, last_category + 4
        writer.put(sheet, good_row, 1, _("Gode udfald"), font=TOTAL_FONT)
        writer.put(sheet, share_row, 1, _("Andel gode udfald"), font=TOTAL_FONT)
        writer.put(sheet, sum_row, 1, _("Udfald i alt (kontrol mod afsluttede)"))
        for column, evaluation in enumerate(row_data.history, start=2):
            counts = {o.category: o.count for o in evaluation.outcomes}
            letter_ = get_column_letter(column)
            writer.put(sheet, 5, column, evaluation.completed, number_format=INTEGER)
            writer.put(sheet, 6, column, evaluation.continuing, number_format=INTEGER)
            good_cells = []
            for offset, (name, good, _stopped) in enumerate(data.categories):
                writer.put(sheet, first_category + offset, column, counts.get(name, 0), number_format=INTEGER)
                if good:
                    good_cells.append(f"{letter_}{first_category + offset}")
            writer.formula(
                sheet,
                good_row,
                column,
                "=" + ("+".join(good_cells) or "0"),
                expected=evaluation.good_outcomes,
                font=TOTAL_FONT,
            )
            writer.formula(
                sheet,
                share_row,
                column,
                f'=IF(N({letter_}5)>0,{letter_}{good_row}/{letter_}5,"")',
                expected=_ratio(evaluation.good_outcome_share),
                number_format=PERCENT,
                font=TOTAL_FONT,
            )
            writer.formula(
                sheet,
                sum_row,
                column,
                f"=SUM({letter_}{first_category}:{letter_}{last_category})",
                expected=sum(counts.get(name, 0) for name, _g, _s in data.categories),
            )
        sheet.freeze_panes = "B5"
        fit_columns(sheet)
        print_setup(sheet, heading)
    properties(
        workbook,
        title_text=heading,
        author=data.unit,
        subject=_("Effekt, pris og kvalitet på tværs af samarbejdsaftaler"),
    )
    return workbook, writer
