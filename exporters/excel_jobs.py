"""The job status at a date as an Excel workbook (XlsxWriter; see ``exporters.xlsx_common`` for why).

One source of truth: the list *Ansættelser* (an Excel table) and the date "Opgjort pr." on *Status*. Every
count on *Status*, *Pr. virksomhed* and *Pr. måned* is a formula over that table (COUNTIFS over its columns,
with the wildcards in a name escaped, so "Sumak*" or ">5" means only itself), so editing, adding or deleting a row,
or moving the date earlier, updates every sheet. Last year's figures count a second list of the same
period a year earlier; a year without any data shows "–", never 0. Every formula is stored with the
application's own value. The *Om* sheet says all this to the reader."""

import datetime as dt
import os

from xlsxwriter.utility import xl_col_to_name

from exporters.xlsx_common import (
    DA,
    DASH,
    DATE,
    DECIMAL,
    INTEGER,
    MONTH,
    PERCENT_1,
    ROW_HEIGHT,
    SIGNED_DECIMAL,
    Book,
    Live,
    app_version,
    break_pages,
    clean,
    columns,
    date_digits,
    date_words,
    keep_chart_whole,
    live_percent,
    made_at,
    print_setup,
    save,
    text_formula,
    wrapped_height,
)
from exporters.xlsx_placements import (
    CHANNEL_COLUMN,
    DATE_COLUMN,
    ENTERPRISE_COLUMN,
    TYPE_COLUMN,
    placements_list,
)
from models.formatting import format_date, format_short_date
from models.i18n import _
from models.job_status import EnterpriseJobs, JobStatusData, PlacementLine
from models.placements import CHANNELS
from models.report_data import Progress

TABLE = "Ansaettelser"
LAST_TABLE = "Ansaettelser_sidste_aar"
JOBCENTER, OWN = CHANNELS["jobcenter"], CHANNELS["own"]
STATUS = "Status"
AS_OF = f"{STATUS}!$B$4"
TARGET = f"{STATUS}!$B$5"
_RED = {"bg_color": "#F8D7DA", "font_color": "#9C0006", "bold": True}
TYPE_WIDTH = 44  # Status column A, in characters
CHART_HEIGHT = 180  # pixels: under the table on the same landscape page at 100 % with the usual five types


def _no_progress(_percent: int, _text: str) -> None:
    return None


def _wildcards_escaped(text: str) -> str:
    return text.replace("~", "~~").replace("*", "~*").replace("?", "~?")


def needing_exact_match(names) -> set[str]:
    """The names a COUNTIFS criterion could not tell from another: COUNTIFS ignores case (and Excel reads a
    criterion that looks like a number, a date or TRUE as that value, and refuses one over 255 characters),
    while the store tells "Café Østergade" from "Café østergade". These are counted with EXACT instead."""
    by_fold: dict[str, set[str]] = {}
    for name in names:
        by_fold.setdefault(name.casefold(), set()).add(name)
    twins = {name for group in by_fold.values() if len(group) > 1 for name in group}
    odd = {
        name
        for group in by_fold.values()
        for name in group
        if len(name) > 100 or any(c.isdigit() for c in name) or name.strip().casefold() in _LOGICAL
    }
    return twins | odd


_LOGICAL = {"true", "false", "sand", "falsk"}


def _criterion(operator: str, value) -> str:
    """A COUNTIFS criterion that matches exactly. "=" takes (cell, its text): "=" goes first, so a name such
    as ">5" or "=x" means only itself, and the wildcards ``*``, ``?`` and ``~`` are escaped when the text
    holds any (short formulas otherwise: tens of thousands of them in a large workbook); "is" compares with
    the Python text ``value``; "<=" and ">=" compare with a date expression."""
    if operator == "=":
        cell, text = value
        if any(c in text for c in "~*?"):
            return f'"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell},"~","~~"),"*","~*"),"?","~?")'
        return f'"="&{cell}'
    if operator == "is":
        return '"=' + _wildcards_escaped(value).replace('"', '""') + '"'
    return f'"{operator}"&{value}'


def _factor(column: str, operator: str, value) -> str:
    """One condition of an exact count: 1 or 0 for each row of the table column ``column``."""
    if operator == "=":
        cell, _text = value
        return f"--EXACT({column},{cell})"
    if operator == "is":
        return f'--({column}="' + value.replace('"', '""') + '")'
    return f"--({column}{operator}{value})"


def _count(table: str, *conditions: tuple, exact: set[str] = frozenset()) -> str:
    """A count of the table's rows meeting every (column, operator, value) condition: COUNTIFS, or
    SUMPRODUCT with EXACT when a compared name is in ``exact`` (see ``needing_exact_match``)."""
    if any(operator == "=" and clean(value[1]) in exact for _column, operator, value in conditions):
        factors = (_factor(f"{table}[{column}]", operator, value) for column, operator, value in conditions)
        return "=SUMPRODUCT(" + ",".join(factors) + ")"
    pairs = (f"{table}[{column}],{_criterion(operator, value)}" for column, operator, value in conditions)
    return "=COUNTIFS(" + ",".join(pairs) + ")"


def _this_year() -> tuple[tuple[str, str, str], ...]:
    return (DATE_COLUMN, ">=", f"DATE(YEAR({AS_OF}),1,1)"), (DATE_COLUMN, "<=", AS_OF)


def _last_year() -> tuple[tuple[str, str, str], ...]:
    return (DATE_COLUMN, ">=", f"DATE(YEAR({AS_OF})-1,1,1)"), (DATE_COLUMN, "<=", f"EDATE({AS_OF},-12)")


def _days_in_year(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1


class _JobsWorkbook:
    def __init__(self, data: JobStatusData, output, progress: Progress) -> None:
        self.data = data
        self.progress = progress
        self.book = Book(output)
        self.heading = _("Jobstatus pr. {date}").format(date=format_date(data.as_of))
        self.page_header = _("Jobstatus")  # no date in the page header: the date in Status!B4 can move
        self.last_label = str(data.year - 1)
        names = [*data.types, *(e.name for e in data.by_enterprise)]
        names += [line.enterprise for line in (*data.placements, *data.last_year_placements)]
        self.exact = needing_exact_match({clean(name) for name in set(names)})  # each name once, not per row

    def count(self, table: str, *conditions: tuple) -> str:
        return _count(table, *conditions, exact=self.exact)

    def live(self, template: str) -> Live:
        """``template`` with {date} (Opgjort pr.), {last} (a year earlier) and {year} following the date."""
        d = self.data
        formula = text_formula(
            template, date=date_words(AS_OF), last=date_digits(f"EDATE({AS_OF},-12)"), year=f"YEAR({AS_OF})"
        )
        expected = template.format(date=format_date(d.as_of), last=format_short_date(d.last_year_as_of), year=d.year)
        return Live(formula, expected)

    # --- Status -------------------------------------------------------------------------------------------
    def status_sheet(self) -> None:
        d, b = self.data, self.book
        ws = b.sheet(STATUS, STATUS)
        b.title(
            ws,
            self.live(_("Jobstatus pr. {date}")),
            self.live(_("Ansættelser gennem socialøkonomiske virksomheder og initiativer, 1. januar – {date}")),
        )
        bold = b.fmt(bold=True)
        b.put(ws, 3, 0, _("Opgjort pr."), bold)
        b.put(ws, 3, 1, d.as_of, b.fmt(num_format=DATE, align="right"))
        b.put(
            ws,
            3,
            2,
            _("Titler, overskrifter og tal følger datoen. Listen rummer ansættelser til og med {date}.").format(
                date=format_date(d.as_of)
            ),
            self.other_label(),
        )
        b.put(ws, 4, 0, _("Årets mål (jobs gennem Jobcenteret)"))
        # the target is a number, or empty when there is none: a target typed in later counts on this sheet
        b.put(ws, 4, 1, d.target, b.fmt(num_format=INTEGER, align="right"))
        if d.target is None:
            b.put(
                ws,
                4,
                2,
                _("Intet mål for {year}; skriv det her, hvis det kommer.").format(year=d.year),
                self.other_label(),
            )
        b.put(ws, 5, 0, _("Forventet pr. dato (målet fordelt over året)"))
        b.formula(
            ws,
            5,
            1,
            '=IF(ISNUMBER(B5),B5*(B4-DATE(YEAR(B4),1,1)+1)/(DATE(YEAR(B4),12,31)-DATE(YEAR(B4),1,1)+1),"–")',
            d.expected_by_now if d.target is not None else DASH,
            b.fmt(num_format=DECIMAL, align="right"),
        )
        header = 7
        last_date = format_short_date(d.last_year_as_of)
        b.header_row(
            ws,
            header,
            [
                _("Type"),
                JOBCENTER,
                OWN,
                _("I alt"),
                _("{channel} pr. {date}").format(channel=_("Jobcenteret"), date=last_date),
                _("{channel} pr. {date}").format(channel=_("Egne kanaler"), date=last_date),
            ],
        )
        for col, channel in ((4, _("Jobcenteret")), (5, _("Egne kanaler"))):  # the date follows «Opgjort pr.»
            live = self.live(_("{channel} pr. {{last}}").format(channel=channel))
            b.formula(ws, header, col, live.formula, live.expected, b.header_format(align="center"))
        first = header + 1
        number = b.fmt(num_format=INTEGER)
        dash = b.fmt(align="right")
        extra = 0.0  # points that wrapped type names add to the rows' height
        for offset, type_name in enumerate(d.types):
            row = first + offset
            a = f"$A{row + 1}"
            if len(type_name) > TYPE_WIDTH - 2:  # a long type wraps, not cut off in print
                b.put(ws, row, 0, type_name, b.fmt(text_wrap=True))
                ws.set_row(row, wrapped_height(type_name, TYPE_WIDTH - 2))
                extra += wrapped_height(type_name, TYPE_WIDTH - 2) - ROW_HEIGHT
            else:
                b.put(ws, row, 0, type_name)
            jobcenter, own = d.jobs.jobcenter.get(type_name, 0), d.jobs.own.get(type_name, 0)
            for col, channel, value in ((1, JOBCENTER, jobcenter), (2, OWN, own)):
                formula = self.count(
                    TABLE, (TYPE_COLUMN, "=", (a, type_name)), (CHANNEL_COLUMN, "is", channel), *_this_year()
                )
                b.formula(ws, row, col, formula, value, number)
            b.formula(ws, row, 3, f"=B{row + 1}+C{row + 1}", jobcenter + own, number)
            for col, channel, counts in ((4, JOBCENTER, d.last_year.jobcenter), (5, OWN, d.last_year.own)):
                if d.last_year_has_data:
                    formula = self.count(
                        LAST_TABLE, (TYPE_COLUMN, "=", (a, type_name)), (CHANNEL_COLUMN, "is", channel), *_last_year()
                    )
                    b.formula(ws, row, col, formula, counts.get(type_name, 0), number)
                else:
                    b.put(ws, row, col, DASH, dash)
        last = first + max(len(d.types), 1) - 1
        other = last + 1
        b.put(ws, other, 0, _("Andre typer (ikke i rækkerne ovenfor)"), self.other_label())
        for col, table, channel, period in (
            (1, TABLE, JOBCENTER, _this_year()),
            (2, TABLE, OWN, _this_year()),
            (4, LAST_TABLE, JOBCENTER, _last_year()),
            (5, LAST_TABLE, OWN, _last_year()),
        ):
            if col >= 4 and not d.last_year_has_data:
                b.put(ws, other, col, DASH, dash)
                continue
            self.rest(ws, other, col, self.count(table, (CHANNEL_COLUMN, "is", channel), *period), first, last)
        b.formula(ws, other, 3, f"=B{other + 1}+C{other + 1}", 0, number)
        self.mark_other(ws, other, 5 if d.last_year_has_data else 3)
        total = other + 1
        total_format = b.fmt(bold=True, num_format=INTEGER, top=1, top_color="#1F5F8B")
        b.put(ws, total, 0, _("I alt"), b.fmt(bold=True, top=1, top_color="#1F5F8B"))
        totals = (
            d.jobs.jobcenter_total,
            d.jobs.own_total,
            d.jobs.jobcenter_total + d.jobs.own_total,
            d.last_year.jobcenter_total,
            d.last_year.own_total,
        )
        for col, expected in zip(range(1, 6), totals, strict=True):
            if col >= 4 and not d.last_year_has_data:
                b.put(ws, total, col, DASH, b.fmt(bold=True, align="right", top=1, top_color="#1F5F8B"))
                continue
            letter = xl_col_to_name(col)
            b.formula(ws, total, col, f"=SUM({letter}{first + 1}:{letter}{other + 1})", expected, total_format)
        share_row = total + 2
        b.put(ws, share_row, 0, _("Andel af årets mål nået"))
        b.put(ws, share_row + 1, 0, _("Jobs over (+) eller under (−) det forventede pr. dato"))
        share = d.jobs.jobcenter_total / d.target if d.target else None
        b.formula(
            ws,
            share_row,
            1,
            f'=IF(N(B5)>0,B{total + 1}/B5,"–")',
            share if share is not None else DASH,
            b.fmt(num_format=PERCENT_1, align="right"),
        )
        live_percent(b, ws, f"B{share_row + 1}")
        b.formula(
            ws,
            share_row + 1,
            1,
            f'=IF(ISNUMBER(B5),B{total + 1}-B6,"–")',  # a target of 0 is a target: 17 jobs are 17 over it
            d.jobs.jobcenter_total - d.expected_by_now if d.target is not None else DASH,
            b.fmt(num_format=SIGNED_DECIMAL, align="right"),
        )
        if not d.last_year_has_data:
            b.put(
                ws,
                share_row + 2,
                0,
                _("Der er ingen ansættelser i {year} at sammenligne med; derfor står der «–».").format(year=d.year - 1),
                b.fmt(italic=True, font_color="#555555"),
            )
        widths = columns(ws, [TYPE_WIDTH, *[15] * 5])
        ws.set_row(header, 42)
        ws.freeze_panes(first, 0)
        print_setup(ws, self.page_header, widths, repeat=header)

        chart = b.workbook.add_chart({"type": "column"})
        for col in (1, 2):
            chart.add_series(
                {
                    "name": [ws.name, header, col],
                    "categories": [ws.name, first, 0, last, 0],
                    "values": [ws.name, first, col, last, col],
                }
            )
        chart.set_title({"name": _("Ansættelser efter type og kanal"), "name_font": {"size": 11}})
        chart.set_y_axis({"name": _("Antal"), "num_format": "0", "major_gridlines": {"visible": False}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": CHART_HEIGHT})
        chart_row = share_row + 4
        ws.insert_chart(chart_row, 0, chart)
        keep_chart_whole(ws, chart_row, 22 + 42 + ROW_HEIGHT * (chart_row - 2) + extra, CHART_HEIGHT)

    def other_label(self):
        return self.book.fmt(italic=True, font_color="#555555")

    def rest(self, ws, row: int, col: int, count: str, first: int, last: int) -> None:
        """The rows of the list that no row above counts (a name or type typed into the list after the export):
        the list's count less the rows' sum; 0 as exported."""
        letter = xl_col_to_name(col)
        formula = f"{count}-SUM({letter}{first + 1}:{letter}{last + 1})"
        self.book.formula(ws, row, col, formula, 0, self.book.fmt(num_format=INTEGER, italic=True))

    def mark_other(self, ws, row: int, last_col: int) -> None:
        """Red where the list holds rows that no row above counts, so the sheets' totals still agree."""
        ws.conditional_format(
            row,
            1,
            row,
            last_col,
            {"type": "cell", "criteria": "!=", "value": 0, "format": self.book.workbook.add_format(_RED)},
        )

    # --- Pr. virksomhed -----------------------------------------------------------------------------------
    def enterprises(self) -> list[EnterpriseJobs]:
        """One line per name as the workbook holds it: two names that differ only by characters Excel cannot
        store (legacy data) are one name in the list, so they are one line here, their counts added."""
        merged: dict[str, EnterpriseJobs] = {}
        for line in self.data.by_enterprise:
            name = clean(line.name)
            if name in merged:
                old = merged[name]
                line = EnterpriseJobs(
                    name,
                    old.jobcenter + line.jobcenter,
                    old.own + line.own,
                    tuple(a + b for a, b in zip(old.by_type, line.by_type, strict=True)),
                )
            merged[name] = EnterpriseJobs(name, line.jobcenter, line.own, line.by_type)
        return list(merged.values())

    def enterprise_sheet(self) -> None:
        d, b = self.data, self.book
        ws = b.sheet(_("Pr. virksomhed"), "Pr. virksomhed")
        b.title(
            ws,
            self.live(_("Ansættelser pr. virksomhed, 1. januar – {date}")),
            _("Efter kanal og efter type (begge kanaler)"),
        )
        header = 3
        b.header_row(ws, header, [_("Virksomhed"), JOBCENTER, OWN, _("I alt"), *d.types])
        first = header + 1
        number = b.fmt(num_format=INTEGER)
        n = len(d.types)
        enterprises = self.enterprises()
        name_width, heights = min(max([len(e.name) for e in enterprises] + [20]) + 2, 36), {}
        for offset, line in enumerate(enterprises):
            row = first + offset
            a = f"$A{row + 1}"
            if len(line.name) > name_width - 2:  # a long name wraps, not cut off in print
                heights[row] = wrapped_height(line.name, name_width - 2)
                b.put(ws, row, 0, line.name, b.fmt(text_wrap=True))
                ws.set_row(row, heights[row])
            else:
                b.put(ws, row, 0, line.name)
            period = _this_year()
            for col, channel, value in ((1, JOBCENTER, line.jobcenter), (2, OWN, line.own)):
                formula = self.count(
                    TABLE, (ENTERPRISE_COLUMN, "=", (a, line.name)), (CHANNEL_COLUMN, "is", channel), *period
                )
                b.formula(ws, row, col, formula, value, number)
            b.formula(ws, row, 3, f"=B{row + 1}+C{row + 1}", line.jobcenter + line.own, number)
            for index, count in enumerate(line.by_type):
                col = 4 + index
                type_cell = f"{xl_col_to_name(col)}${header + 1}"
                formula = self.count(
                    TABLE,
                    (ENTERPRISE_COLUMN, "=", (a, line.name)),
                    (TYPE_COLUMN, "=", (type_cell, d.types[index])),
                    *period,
                )
                b.formula(ws, row, col, formula, count, number)
        last = first + max(len(enterprises), 1) - 1
        other = last + 1
        b.put(ws, other, 0, _("Andre virksomheder (ikke i rækkerne ovenfor)"), self.other_label())
        for col, channel in ((1, JOBCENTER), (2, OWN)):
            self.rest(ws, other, col, self.count(TABLE, (CHANNEL_COLUMN, "is", channel), *_this_year()), first, last)
        b.formula(ws, other, 3, f"=B{other + 1}+C{other + 1}", 0, number)
        for index, type_name in enumerate(d.types):
            col = 4 + index
            type_cell = f"{xl_col_to_name(col)}${header + 1}"
            self.rest(
                ws,
                other,
                col,
                self.count(TABLE, (TYPE_COLUMN, "=", (type_cell, type_name)), *_this_year()),
                first,
                last,
            )
        self.mark_other(ws, other, 3 + n)
        last = other
        total = last + 1
        b.put(ws, total, 0, _("I alt"), b.fmt(bold=True, top=1, top_color="#1F5F8B"))
        sums = [
            sum(e.jobcenter for e in enterprises),
            sum(e.own for e in enterprises),
            sum(e.jobcenter + e.own for e in enterprises),
            *(sum(e.by_type[i] for e in enterprises) for i in range(n)),
        ]
        total_format = b.fmt(bold=True, num_format=INTEGER, top=1, top_color="#1F5F8B")
        for col, expected in enumerate(sums, start=1):
            letter = xl_col_to_name(col)
            b.formula(ws, total, col, f"=SUM({letter}{first + 1}:{letter}{last + 1})", expected, total_format)
        widths = columns(ws, [name_width, *[12] * (3 + n)])
        ws.set_row(header, 42)
        ws.freeze_panes(first, 1)
        print_setup(ws, self.page_header, widths, repeat=header)
        break_pages(ws, first, total, above=22 + 2 * 15 + 42, header=42, landscape=True, heights=heights)

    # --- Pr. måned ----------------------------------------------------------------------------------------
    def month_sheet(self) -> None:
        d, b = self.data, self.book
        ws = b.sheet(_("Pr. måned"), "Pr. måned")
        b.title(
            ws,
            self.live(_("Ansættelser gennem Jobcenteret pr. måned {year}")),
            self.live(_("Løbende total mod årets mål fordelt over året, til og med {date}")),
        )
        header = 3
        n = len(d.types)
        labels = [_("Måned"), *d.types, _("I alt"), _("Løbende total")]
        if d.target is not None:
            labels.append(_("Mål fordelt over året"))
        b.header_row(ws, header, labels)
        first = header + 1
        number = b.fmt(num_format=INTEGER)
        running = 0
        days = _days_in_year(d.year)
        for offset, (month, counts) in enumerate(d.by_month):
            row = first + offset
            a = f"$A{row + 1}"
            b.put(ws, row, 0, dt.date(d.year, month, 1), b.fmt(num_format=MONTH, align="left"))
            month_end = f"MIN(DATE(YEAR({a}),MONTH({a})+1,0),{AS_OF})"
            for index, count in enumerate(counts):
                col = 1 + index
                type_cell = f"{xl_col_to_name(col)}${header + 1}"
                formula = self.count(
                    TABLE,
                    (TYPE_COLUMN, "=", (type_cell, d.types[index])),
                    (CHANNEL_COLUMN, "is", JOBCENTER),
                    (DATE_COLUMN, ">=", a),
                    (DATE_COLUMN, "<=", month_end),
                )
                b.formula(ws, row, col, formula, count, number)
            total_col = xl_col_to_name(1 + n)
            running += sum(counts)
            # the month's count by channel, not the types' sum: a type typed into the list later counts too
            month_count = self.count(
                TABLE, (CHANNEL_COLUMN, "is", JOBCENTER), (DATE_COLUMN, ">=", a), (DATE_COLUMN, "<=", month_end)
            )
            b.formula(ws, row, 1 + n, month_count, sum(counts), number)
            b.formula(ws, row, 2 + n, f"=SUM({total_col}${first + 1}:{total_col}{row + 1})", running, number)
            if d.target is not None:
                end = min(_month_end(d.year, month), d.as_of)
                expected = d.target * ((end - dt.date(d.year, 1, 1)).days + 1) / days
                formula = f"={TARGET}*({month_end}-DATE(YEAR({a}),1,1)+1)/(DATE(YEAR({a}),12,31)-DATE(YEAR({a}),1,1)+1)"
                b.formula(ws, row, 3 + n, formula, expected, b.fmt(num_format=DECIMAL))
        last = first + len(d.by_month) - 1
        widths = columns(ws, [14, *[12] * (len(labels) - 1)])
        ws.set_row(header, 42)
        ws.freeze_panes(first, 1)
        print_setup(ws, self.page_header, widths)

        chart = b.workbook.add_chart({"type": "line"})
        series = [(2 + n, {"color": "#1F5F8B", "width": 2.25})]
        if d.target is not None:
            series.append((3 + n, {"color": "#C0504D", "width": 1.5, "dash_type": "dash"}))
        for col, line in series:
            chart.add_series(
                {
                    "name": [ws.name, header, col],
                    "categories": [ws.name, first, 0, last, 0],
                    "values": [ws.name, first, col, last, col],
                    "line": line,
                    "marker": {"type": "circle", "size": 4} if col == 2 + n else {"type": "none"},
                }
            )
        chart.set_title({"name": _("Løbende antal jobs mod årets mål"), "name_font": {"size": 11}})
        chart.set_x_axis({"num_format": DA + "mmm", "date_axis": False})  # "maj", not "May"
        chart.set_y_axis({"name": _("Jobs gennem Jobcenteret"), "num_format": "0"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": CHART_HEIGHT})
        ws.insert_chart(last + 2, 0, chart)
        keep_chart_whole(ws, last + 2, 22 + 42 + ROW_HEIGHT * last, CHART_HEIGHT)

    # --- the lists ----------------------------------------------------------------------------------------
    def list_sheet(self, name: str, table: str, lines: tuple[PlacementLine, ...], start: int) -> None:
        def progress(done: int) -> None:
            self.progress(start + int(20 * done / max(len(lines), 1)), _("Skriver ansættelser"))

        types = self.data.types
        placements_list(self.book, name, table, lines, types=types, heading=self.page_header, progress=progress)

    def about_sheet(self) -> None:
        d = self.data
        last = _("Ansættelser {year}").format(year=self.last_label)
        if d.last_year_has_data:
            compare = _("Samme periode året før: 1. januar til samme dato et år tidligere (arket «{sheet}»).").format(
                sheet=last
            )
        else:
            compare = _("Ingen data for {year}: vist som «–», ikke 0.").format(year=d.year - 1)
        self.book.about_sheet(
            self.live(_("Jobstatus pr. {date}")),
            [
                (_("Kommune"), d.municipality or DASH),
                (_("Enhed"), d.unit or DASH),
                (_("Periode"), self.live(_("1. januar – {date}"))),
                (_("Opgjort pr."), Live(f"={AS_OF}", d.as_of)),
                (_("Sammenlignet med"), compare),
                (_("Årets mål"), str(d.target) if d.target is not None else _("intet mål")),
                (_("Datakilde"), _("Socialøkonomi-databasen {path}").format(path=d.source or DASH)),
                (_("Program"), _("Socialøkonomi {version}").format(version=app_version())),
                (_("Lavet"), made_at()),
                (
                    _("Sådan hænger tallene sammen"),
                    _(
                        "Listen «Ansættelser» og datoen «Opgjort pr.» på arket Status er kilden. Alle tal på "
                        "Status, Pr. virksomhed og Pr. måned er formler, der tæller rækkerne i listen (og i "
                        "listen for året før) til og med den dato; titler, overskrifter og perioden her følger "
                        "også datoen. Retter, tilføjer eller sletter du en række i listen, eller flytter du "
                        "datoen tidligere, følger alle ark med. En virksomhed eller type, som du skriver ind i "
                        "listen, og som ikke har sin egen række, tælles i rækkerne «Andre virksomheder» og «Andre "
                        "typer» (røde, når de ikke er 0), så summerne stadig stemmer; typekolonnerne på Pr. "
                        "virksomhed og Pr. måned viser kun typerne fra eksporten. Listen rummer ansættelser til "
                        "og med {date}; en senere dato tæller derfor ikke flere med. Hver formel er gemt med sin "
                        "værdi, så tallene også vises i programmer, der ikke regner."
                    ).format(date=format_date(d.as_of)),
                ),
            ],
            page_header=self.page_header,
        )

    def build(self) -> Book:
        self.progress(5, _("Status"))
        self.status_sheet()
        self.progress(15, _("Pr. virksomhed"))
        self.enterprise_sheet()
        self.progress(25, _("Pr. måned"))
        self.month_sheet()
        self.list_sheet(_("Ansættelser"), TABLE, self.data.placements, 35)
        if self.data.last_year_has_data:
            name = _("Ansættelser {year}").format(year=self.last_label)
            self.list_sheet(name, LAST_TABLE, self.data.last_year_placements, 60)
        self.about_sheet()
        self.book.properties(
            title=self.heading,
            author=self.data.unit or self.data.municipality,
            subject=_("Jobstatus for socialøkonomiske virksomheder og initiativer"),
        )
        self.progress(88, _("Gemmer projektmappen"))
        self.book.workbook.close()
        return self.book


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def build_job_status(data: JobStatusData, output, progress: Progress = _no_progress) -> Book:
    """Write the workbook to ``output`` (a path or a binary stream); the returned book holds the warnings and
    every formula's expected value. Raises ``NoDataError`` for a date without data."""
    data.require_data()
    return _JobsWorkbook(data, output, progress).build()


def write_job_status(data: JobStatusData, path: str | os.PathLike, progress: Progress = _no_progress) -> list[str]:
    """Write the workbook to ``path`` via a temporary file; return warnings for the user."""
    data.require_data()
    books: list[Book] = []
    save(lambda buffer: books.append(build_job_status(data, buffer, progress)), path)
    progress(100, _("Færdig"))
    return list(dict.fromkeys(books[0].warnings))
