"""The job status at a date as an Excel workbook (openpyxl): Status, Pr. virksomhed, Pr. måned and the
underlying Ansættelser as an Excel table. Counts are values; totals, shares and cumulative sums are live
formulas, so a corrected count recalculates. Native charts: jobs by type; cumulative jobs by month against
the target."""

import os

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from exporters.excel_common import (
    DATE,
    DECIMAL,
    INTEGER,
    PERCENT,
    TOTAL_BORDER,
    TOTAL_FONT,
    CellWriter,
    fit_columns,
    header_row,
    print_setup,
    properties,
    title,
)
from exporters.safe_write import write_atomically
from models.formatting import MONTHS, format_date
from models.i18n import _
from models.job_status import JobStatusData
from models.report_data import Progress


def _no_progress(_percent: int, _text: str) -> None:
    return None


def _col(index: int) -> str:
    return get_column_letter(index)


class _JobsWorkbook:
    def __init__(self, data: JobStatusData, progress: Progress) -> None:
        self.data = data
        self.progress = progress
        self.writer = CellWriter()
        self.workbook = Workbook()
        self.heading = _("Jobstatus pr. {date}").format(date=format_date(data.as_of))

    def status_sheet(self) -> None:
        d, w = self.data, self.writer
        ws = self.workbook.active
        ws.title = _("Status")
        title(
            ws,
            self.heading,
            _("Ansættelser gennem socialøkonomiske virksomheder og initiativer, 1. januar – {date}").format(
                date=format_date(d.as_of)
            ),
            w,
        )
        w.put(ws, 4, 1, _("Opgjort pr."))
        w.put(ws, 4, 2, d.as_of, number_format=DATE)
        w.put(ws, 5, 1, _("Årets mål (jobs gennem Jobcenteret)"))
        w.put(ws, 5, 2, d.target if d.target is not None else _("intet mål"), number_format=INTEGER)
        w.put(ws, 6, 1, _("Forventet pr. dato (målet fordelt over året)"))
        if d.target is not None:
            # target x days gone / days in the year, from the date in B4: a changed date recalculates
            w.formula(
                ws,
                6,
                2,
                "=B5*(B4-DATE(YEAR(B4),1,1)+1)/(DATE(YEAR(B4),12,31)-DATE(YEAR(B4),1,1)+1)",
                expected=d.expected_by_now,
                number_format=DECIMAL,
            )
        header = 8
        header_row(
            ws,
            header,
            [
                _("Type"),
                _("Gennem Jobcenteret"),
                _("Egne kanaler"),
                _("I alt"),
                _("Samme dato sidste år, Jobcenteret"),
                _("Samme dato sidste år, egne kanaler"),
            ],
            w,
        )
        first = header + 1
        for offset, type_name in enumerate(d.types):
            row = first + offset
            jobcenter, own = d.jobs.jobcenter.get(type_name, 0), d.jobs.own.get(type_name, 0)
            w.put(ws, row, 1, type_name)
            w.put(ws, row, 2, jobcenter, number_format=INTEGER)
            w.put(ws, row, 3, own, number_format=INTEGER)
            w.formula(ws, row, 4, f"=B{row}+C{row}", expected=jobcenter + own)
            w.put(ws, row, 5, d.last_year.jobcenter.get(type_name, 0), number_format=INTEGER)
            w.put(ws, row, 6, d.last_year.own.get(type_name, 0), number_format=INTEGER)
        last = first + len(d.types) - 1
        total = last + 1
        w.put(ws, total, 1, _("I alt"), font=TOTAL_FONT)
        totals = (
            d.jobs.jobcenter_total,
            d.jobs.own_total,
            d.jobs.jobcenter_total + d.jobs.own_total,
            d.last_year.jobcenter_total,
            d.last_year.own_total,
        )
        for column, expected in zip(range(2, 7), totals, strict=True):
            letter = _col(column)
            cell = w.formula(
                ws, total, column, f"=SUM({letter}{first}:{letter}{last})", expected=expected, font=TOTAL_FONT
            )
            cell.border = TOTAL_BORDER
        ws.cell(row=total, column=1).border = TOTAL_BORDER
        share_row = total + 2
        w.put(ws, share_row, 1, _("Andel af årets mål nået"))
        w.put(ws, share_row + 1, 1, _("Jobs over (+) eller under (−) det forventede pr. dato"))
        if d.target:
            w.formula(
                ws, share_row, 2, f"=B{total}/B5", expected=d.jobs.jobcenter_total / d.target, number_format=PERCENT
            )
            w.formula(
                ws,
                share_row + 1,
                2,
                f"=B{total}-B6",
                expected=d.jobs.jobcenter_total - d.expected_by_now,
                number_format=DECIMAL,
            )
        self.status_total_row = total
        ws.freeze_panes = f"A{first}"
        fit_columns(ws)
        ws.column_dimensions["A"].width = 46
        for letter in "BCDEF":
            ws.column_dimensions[letter].width = 18
        ws.row_dimensions[header].height = 32
        print_setup(ws, self.heading, one_page=True)

        chart = BarChart()
        chart.type = "col"
        chart.grouping = "clustered"
        chart.title = _("Ansættelser efter type og kanal")
        chart.y_axis.title = _("Antal")
        chart.y_axis.numFmt = "0"
        chart.y_axis.majorGridlines = None
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=header, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 7, 20  # fits under the table on one landscape page
        ws.add_chart(chart, f"A{share_row + 3}")  # below the table, so the page prints at a readable size

    def enterprise_sheet(self) -> None:
        d, w = self.data, self.writer
        ws = self.workbook.create_sheet(_("Pr. virksomhed"))
        title(
            ws,
            _("Ansættelser pr. virksomhed, 1. januar – {date}").format(date=format_date(d.as_of)),
            _("Begge kanaler"),
            w,
        )
        header = 4
        header_row(ws, header, [_("Virksomhed"), *d.types, _("I alt")], w)
        first = header + 1
        n = len(d.types)
        for offset, (name, counts) in enumerate(d.by_enterprise):
            row = first + offset
            w.put(ws, row, 1, name)
            for index, count in enumerate(counts):
                w.put(ws, row, 2 + index, count, number_format=INTEGER)
            w.formula(ws, row, 2 + n, f"=SUM(B{row}:{_col(1 + n)}{row})", expected=sum(counts))
        last = first + max(len(d.by_enterprise), 1) - 1
        total = last + 1
        w.put(ws, total, 1, _("I alt"), font=TOTAL_FONT)
        column_totals = [sum(counts[i] for _name, counts in d.by_enterprise) for i in range(n)]
        for column, expected in zip(range(2, 3 + n), [*column_totals, sum(column_totals)], strict=True):
            letter = _col(column)
            w.formula(
                ws, total, column, f"=SUM({letter}{first}:{letter}{last})", expected=expected, font=TOTAL_FONT
            ).border = TOTAL_BORDER
        ws.freeze_panes = f"B{first}"
        fit_columns(ws)
        print_setup(ws, self.heading)

    def month_sheet(self) -> None:
        d, w = self.data, self.writer
        ws = self.workbook.create_sheet(_("Pr. måned"))
        title(
            ws,
            _("Ansættelser gennem Jobcenteret pr. måned {year}").format(year=d.year),
            _("Løbende total mod årets mål"),
            w,
        )
        header = 4
        n = len(d.types)
        header_row(ws, header, [_("Måned"), *d.types, _("I alt"), _("Løbende total"), _("Mål")], w)
        first = header + 1
        running = 0
        for offset, (month, counts) in enumerate(d.by_month):
            row = first + offset
            running += sum(counts)
            w.put(ws, row, 1, MONTHS[month - 1].capitalize())
            for index, count in enumerate(counts):
                w.put(ws, row, 2 + index, count, number_format=INTEGER)
            w.formula(ws, row, 2 + n, f"=SUM(B{row}:{_col(1 + n)}{row})", expected=sum(counts))
            total_col = _col(2 + n)
            w.formula(ws, row, 3 + n, f"=SUM({total_col}${first}:{total_col}{row})", expected=running)
            if d.target is not None:
                w.formula(ws, row, 4 + n, "=Status!$B$5", expected=d.target)
        last = first + len(d.by_month) - 1
        ws.freeze_panes = f"B{first}"
        fit_columns(ws)
        print_setup(ws, self.heading, one_page=True)

        chart = LineChart()
        chart.title = _("Løbende antal jobs mod årets mål")
        chart.y_axis.title = _("Jobs gennem Jobcenteret")
        chart.y_axis.numFmt = "0"
        columns = (3 + n, 4 + n) if d.target is not None else (3 + n, 3 + n)
        chart.add_data(
            Reference(ws, min_col=columns[0], max_col=columns[1], min_row=header, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        for series in chart.series:
            series.smooth = False
        if len(chart.series) > 1:
            chart.series[1].graphicalProperties.line.dashStyle = "dash"
        chart.height, chart.width = 8, 20
        ws.add_chart(chart, f"A{last + 3}")

    def placements_sheet(self) -> None:
        d, w = self.data, self.writer
        ws = self.workbook.create_sheet(_("Ansættelser"))
        columns = [_("Dato"), _("Virksomhed"), _("Type"), _("Kanal"), _("Timer pr. uge")]
        header_row(ws, 1, columns, w)
        total = len(d.placements)
        for offset, line in enumerate(d.placements):
            row = 2 + offset
            w.put(ws, row, 1, line.date, number_format=DATE)
            w.put(ws, row, 2, line.enterprise)
            w.put(ws, row, 3, line.type)
            w.put(ws, row, 4, line.channel)
            if line.hours_per_week is not None:
                w.put(ws, row, 5, line.hours_per_week, number_format=DECIMAL)
            if offset % 5000 == 0:
                self.progress(40 + int(50 * offset / max(total, 1)), _("Skriver ansættelser"))
        last = max(2, 1 + total)
        table = Table(displayName="Ansaettelser", ref=f"A1:E{last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
        ws.freeze_panes = "A2"
        fit_columns(ws, first_row=1)
        print_setup(ws, self.heading)

    def build(self) -> Workbook:
        self.progress(5, _("Status"))
        self.status_sheet()
        self.progress(20, _("Pr. virksomhed"))
        self.enterprise_sheet()
        self.progress(30, _("Pr. måned"))
        self.month_sheet()
        self.placements_sheet()
        properties(
            self.workbook,
            title_text=self.heading,
            author=self.data.unit or self.data.municipality,
            subject=_("Jobstatus for socialøkonomiske virksomheder og initiativer"),
        )
        return self.workbook


def build_job_status(data: JobStatusData, progress: Progress = _no_progress) -> tuple[Workbook, CellWriter]:
    """The workbook, and the writer that holds its warnings and every formula's expected value."""
    builder = _JobsWorkbook(data, progress)
    return builder.build(), builder.writer


def write_job_status(data: JobStatusData, path: str | os.PathLike, progress: Progress = _no_progress) -> list[str]:
    """Write the workbook to ``path`` via a temporary file; return warnings for the user."""
    workbook, writer = build_job_status(data, progress)
    progress(92, _("Gemmer projektmappen"))
    write_atomically(path, lambda temporary: workbook.save(str(temporary)))
    progress(100, _("Færdig"))
    return list(dict.fromkeys(writer.warnings))
