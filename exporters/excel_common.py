"""What every workbook shares: text written as text (never a formula), characters Excel cannot hold removed
with a warning, header styling, fitted widths, frozen headers, print set-up and document properties."""

import datetime as dt
import re

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.i18n import _
from models.personal_data import cpr_message, find_cpr

# Characters Excel's XML cannot hold: control characters (openpyxl refuses them at assignment), and
# U+FFFE/U+FFFF and lone surrogates (which pass that check but break the file on save).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="1F5F8B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="1F5F8B")
TOTAL_FONT = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
TOTAL_BORDER = Border(top=Side(style="thin", color="1F5F8B"))
INTEGER = "#,##0"
PERCENT = "0.0%"
DECIMAL = "#,##0.0"
DKK = '#,##0" kr."'
DATE = "dd.mm.yyyy"


class CellWriter:
    """Writes values into worksheets safely and collects the warnings for the user."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        # what the application computes for every formula, by (sheet title, cell): a real client's
        # recalculation must give the same (checked in CI with LibreOffice)
        self.expected: dict[tuple[str, str], object] = {}

    def text(self, value: str) -> str:
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # XML would turn a lone CR into LF anyway
        cleaned = _ILLEGAL.sub("", value)
        if cleaned != value:
            self.warnings.append(
                _("Tegn, som Excel ikke kan gemme, er fjernet fra «{text}».").format(text=cleaned[:40])
            )
        return cleaned

    def put(
        self, ws: Worksheet, row: int, column: int, value, *, number_format: str | None = None, font: Font | None = None
    ):
        """Write one cell. A string is always text: "=HYPERLINK(...)" or "+45 1234" stays that exact text."""
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            text = self.text(value)
            found = find_cpr(text)
            if found:
                self.warnings.append(
                    cpr_message(_("Arket «{sheet}», celle {cell},").format(sheet=ws.title, cell=cell.coordinate), found)
                )
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the first character
            if text.startswith(FORMULA_STARTS):
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too
        else:
            cell.value = value
        if number_format:
            cell.number_format = number_format
        if font:
            cell.font = font
        return cell

    def formula(
        self,
        ws: Worksheet,
        row: int,
        column: int,
        formula: str,
        *,
        expected,
        number_format: str = INTEGER,
        font: Font | None = None,
    ):
        """Write a live formula; ``expected`` is the application's own figure for it ("" for an empty result)."""
        cell = ws.cell(row=row, column=column, value=formula)
        self.expected[(ws.title, cell.coordinate)] = expected
        cell.number_format = number_format
        if font:
            cell.font = font
        return cell


def header_row(ws: Worksheet, row: int, labels: list[str], writer: CellWriter) -> None:
    for column, label in enumerate(labels, start=1):
        cell = writer.put(ws, row, column, label, font=HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center" if column > 1 else "left", vertical="center", wrap_text=True)


def title(ws: Worksheet, text: str, subtitle: str, writer: CellWriter) -> None:
    writer.put(ws, 1, 1, text, font=TITLE_FONT)
    writer.put(ws, 2, 1, subtitle, font=Font(italic=True, color="555555"))


def fit_columns(ws: Worksheet, *, minimum: int = 8, maximum: int = 50, first_row: int = 3) -> None:
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
                length = 10
            elif isinstance(value, dt.date):
                length = 10
            elif isinstance(value, float):
                length = len(f"{value:,.1f}")
            else:
                length = len(str(value))
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, minimum), maximum)


def print_setup(ws: Worksheet, header: str, *, one_page: bool = False) -> None:
    """Landscape A4, one page wide (and, for a summary sheet with a chart, one page tall)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = header.replace("&", "&&")
    ws.oddFooter.right.text = _("Side &P af &N")
    ws.print_options.gridLines = False


def properties(workbook, *, title_text: str, author: str, subject: str) -> None:
    props = workbook.properties
    props.title = title_text
    props.creator = author
    props.lastModifiedBy = author
    props.subject = subject
    props.language = "da-DK"
    props.keywords = _("socialøkonomi; jobstatus")
    props.created = dt.datetime.now()
