"""The agreement comparison as an Excel workbook (XlsxWriter; see ``exporters.xlsx_common`` for why).

One source of truth: each agreement's own sheet holds the counts of every evaluation up to the year end. Its
good outcomes, stopped, shares and control row are formulas over those counts, and the comparison sheet
refers to the latest evaluation's column there, so a corrected count changes both. The control row says
"Stemmer ikke" and turns red where the outcomes do not add up to the completed courses. Every formula is
stored with the application's own value. The *Om* sheet says all this to the reader."""

import os

from xlsxwriter.utility import xl_col_to_name

from exporters.xlsx_common import (
    DASH,
    DKK,
    INTEGER,
    PERCENT_1,
    SHORT_DATE,
    Book,
    app_version,
    columns,
    live_percent,
    made_at,
    print_setup,
    quoted,
    save,
    wrapped_height,
)
from models.agreement_comparison import AgreementRow, ComparisonData
from models.figures import EvaluationFigures
from models.formatting import format_short_date
from models.i18n import _
from models.report_data import Progress

# (key, label, width): widths that print one landscape A4 page wide at 100 %
COLUMNS = (
    ("name", None, 16),
    ("places", _("Forløb"), 7),
    ("extra", _("Ekstra forløb"), 7),
    ("framework", _("Ramme (uger)"), 7),
    ("price", _("Pris (kr.)"), 11),
    ("completed", _("Afsluttede forløb"), 9),
    ("good", _("Gode udfald"), 7),
    ("good_share", _("Andel gode udfald"), 8),
    ("stopped", _("Stoppet"), 8),
    ("stopped_share", _("Andel stoppet"), 8),
    ("price_per_good", _("Pris pr. godt udfald (kr.)"), 11),
    ("latest", _("Seneste evaluering"), 10),
    ("warnings", _("Bemærkninger"), 20),
)
COL = {key: index for index, (key, _label, _width) in enumerate(COLUMNS)}
LETTER = {key: xl_col_to_name(index) for key, index in COL.items()}
RED = {"bg_color": "#F8D7DA", "font_color": "#9C0006", "bold": True}


def _no_progress(_percent: int, _text: str) -> None:
    return None


def _ratio(share) -> float | str:
    return float(share) if share is not None else DASH


def _check_text(outcomes: int, completed: int | None) -> str:
    if completed is not None and outcomes == completed:
        return _("Stemmer")
    return _("Stemmer ikke")


class _AgreementSheet:
    """Where an agreement's sheet keeps its figures, for the comparison to refer to."""

    def __init__(self, name: str, rows: dict[str, int], latest_column: int | None) -> None:
        self.name = name
        self.rows = rows  # 0-based rows: completed, good, stopped
        self.latest_column = latest_column

    def ref(self, what: str) -> str:
        return f"={quoted(self.name)}!${xl_col_to_name(self.latest_column)}${self.rows[what] + 1}"


class _AgreementsWorkbook:
    def __init__(self, data: ComparisonData, output, progress: Progress) -> None:
        self.data = data
        self.progress = progress
        self.book = Book(output)
        self.heading = _("Sammenligning af samarbejdsaftaler {year}").format(year=data.year)

    def agreement_sheet(self, row_data: AgreementRow) -> _AgreementSheet:
        d, b = self.data, self.book
        if row_data.enterprise:  # the name cut before " (aftale 3)", never the number
            ws = b.sheet(row_data.enterprise, _("Aftale {n}").format(n=row_data.number), row_data.number_label)
        else:
            ws = b.sheet(row_data.name, _("Aftale {n}").format(n=row_data.number))
        b.title(ws, row_data.label, _("Udfald ved hver evaluering til og med 31. december {year}").format(year=d.year))
        header = 3
        b.header_row(ws, header, [_("Udfald"), *(e.date for e in row_data.history)])
        completed_row, continuing_row, first_category = header + 1, header + 2, header + 3
        bold, number = b.fmt(bold=True), b.fmt(num_format=INTEGER)
        b.put(ws, completed_row, 0, _("Afsluttede forløb i alt"), bold)
        b.put(ws, continuing_row, 0, _("Fortsat i forløb"))
        labels = [
            name + (" " + _("(godt udfald)") if good else "") + (" " + _("(stop)") if stopped else "")
            for name, good, stopped in d.categories
        ]
        label_width = min(max([len(label) for label in labels] + [36]) + 2, 60)
        for offset, label in enumerate(labels):
            if len(label) > label_width - 2:  # a long category wraps, not cut off in print
                b.put(ws, first_category + offset, 0, label, b.fmt(text_wrap=True))
                ws.set_row(first_category + offset, wrapped_height(label, label_width - 2))
            else:
                b.put(ws, first_category + offset, 0, label)
        last_category = first_category + len(d.categories) - 1
        good_row, share_row, stopped_row = last_category + 2, last_category + 3, last_category + 4
        sum_row, check_row = last_category + 5, last_category + 6
        b.put(ws, good_row, 0, _("Gode udfald"), bold)
        b.put(ws, share_row, 0, _("Andel gode udfald"), bold)
        b.put(ws, stopped_row, 0, _("Stoppet"))
        b.put(ws, sum_row, 0, _("Udfald i alt (kontrol mod afsluttede)"))
        b.put(ws, check_row, 0, _("Kontrol: udfald i alt = afsluttede?"), bold)
        for column, evaluation in enumerate(row_data.history, start=1):
            self._evaluation_column(ws, column, evaluation, (completed_row, continuing_row, first_category))
            letter = xl_col_to_name(column)
            good_cells = [f"{letter}{first_category + i + 1}" for i, (_n, good, _s) in enumerate(d.categories) if good]
            stopped_cells = [f"{letter}{first_category + i + 1}" for i, (_n, _g, s) in enumerate(d.categories) if s]
            b.formula(ws, good_row, column, "=" + ("+".join(good_cells) or "0"), evaluation.good_outcomes, bold)
            c = f"{letter}{completed_row + 1}"
            share = evaluation.good_outcome_share
            b.formula(
                ws,
                share_row,
                column,
                f'=IF(N({c})>0,{letter}{good_row + 1}/{c},"{DASH}")',
                _ratio(share),
                b.fmt(bold=True, num_format=PERCENT_1, align="right"),
            )
            b.formula(ws, stopped_row, column, "=" + ("+".join(stopped_cells) or "0"), evaluation.stopped, number)
            total = sum(o.count for o in evaluation.outcomes if o.category in {n for n, _g, _s in d.categories})
            s = f"{letter}{sum_row + 1}"
            b.formula(ws, sum_row, column, f"=SUM({letter}{first_category + 1}:{letter}{last_category + 1})", total)
            b.formula(
                ws,
                check_row,
                column,
                f'=IF(AND(ISNUMBER({c}),N({s})=N({c})),"{_("Stemmer")}","{_("Stemmer ikke")}")',
                _check_text(total, evaluation.completed),
                b.fmt(bold=True, align="right"),
            )
        if row_data.history:
            last_letter = xl_col_to_name(len(row_data.history))
            live_percent(b, ws, f"B{share_row + 1}:{last_letter}{share_row + 1}")
            # marked where the counts do not add up, live: a corrected count clears the mark
            for row in (sum_row, check_row):
                ws.conditional_format(
                    f"B{row + 1}:{last_letter}{row + 1}",
                    {
                        "type": "formula",
                        "criteria": f"=N(B${sum_row + 1})<>N(B${completed_row + 1})",
                        "format": b.workbook.add_format(RED),
                    },
                )
        else:
            b.put(ws, header + 1, 1, _("Ingen evaluering til og med 31. december {year}.").format(year=d.year))
        widths = columns(ws, [label_width, *[13] * max(len(row_data.history), 1)])
        ws.set_row(header, 30)
        ws.freeze_panes(header + 1, 1)
        print_setup(ws, self.heading, widths, repeat=header)
        latest = row_data.history.index(row_data.latest) + 1 if row_data.latest else None
        return _AgreementSheet(
            ws.name, {"completed": completed_row, "good": good_row, "stopped": stopped_row, "date": header}, latest
        )

    def _evaluation_column(self, ws, column: int, evaluation: EvaluationFigures, rows: tuple[int, int, int]) -> None:
        b, number = self.book, self.book.fmt(num_format=INTEGER)
        completed_row, continuing_row, first_category = rows
        counts = {o.category: o.count for o in evaluation.outcomes}
        own = self.data.evaluation_categories.get(evaluation.evaluation_id, frozenset())
        b.put(ws, completed_row, column, evaluation.completed, b.fmt(bold=True, num_format=INTEGER))
        b.put(ws, continuing_row, column, evaluation.continuing, number)
        for offset, key in enumerate(self.data.categories):
            # a category of another paradigm version (or the same name judged otherwise there) stays empty
            b.put(ws, first_category + offset, column, counts.get(key[0], 0) if key in own else None, number)

    def comparison_sheet(self, sheets: list[_AgreementSheet]) -> None:
        d, b = self.data, self.book
        ws = self.comparison
        b.title(
            ws,
            self.heading,
            _("Seneste evaluering i {year}; gode udfald: {good}").format(year=d.year, good=d.good_text() or DASH),
        )
        header = 3
        labels = [_("Aftale") if d.anonymised else _("Virksomhed"), *(label for _k, label, _w in COLUMNS[1:])]
        b.header_row(ws, header, labels)
        number, wrap = b.fmt(num_format=INTEGER), b.fmt(text_wrap=True)
        dkk_right, number_right = b.fmt(num_format=DKK, align="right"), b.fmt(num_format=INTEGER, align="right")
        notes_format = b.fmt(text_wrap=True, indent=1, font_color="#9C0006")
        dash = b.fmt(align="right")
        for offset, (row_data, sheet) in enumerate(zip(d.rows, sheets, strict=True)):
            row = header + 1 + offset
            latest = row_data.latest
            b.put(ws, row, COL["name"], row_data.label, wrap)
            b.put(ws, row, COL["places"], row_data.places, number)
            b.put(ws, row, COL["extra"], row_data.extra_places, number)
            b.put(ws, row, COL["framework"], row_data.framework_weeks, number)
            b.put(ws, row, COL["price"], row_data.price_dkk if row_data.price_dkk is not None else DASH, dkk_right)
            if latest:
                notes = " ".join(latest.warnings)
            elif row_data.history:
                notes = _("Ingen evaluering i {year}; den seneste er fra {date}.").format(
                    year=d.year, date=format_short_date(row_data.history[-1].date)
                )
            else:
                notes = _("Ingen evaluering endnu.")
            b.put(ws, row, COL["warnings"], notes, notes_format if latest and latest.warnings else wrap)
            ws.set_row(row, max(wrapped_height(notes, 20), wrapped_height(row_data.label, 16), 15))
            if latest is None:
                for key in ("completed", "good", "good_share", "stopped", "stopped_share", "price_per_good", "latest"):
                    b.put(ws, row, COL[key], DASH, dash)
                continue
            # a missing count of completed courses is "–", as the notes say, never 0
            completed = latest.completed if latest.completed is not None else DASH
            ref = sheet.ref("completed").removeprefix("=")
            formula = f'=IF(ISNUMBER({ref}),{ref},"{DASH}")'
            b.formula(ws, row, COL["completed"], formula, completed, number_right)
            b.formula(ws, row, COL["good"], sheet.ref("good"), latest.good_outcomes, number)
            b.formula(ws, row, COL["stopped"], sheet.ref("stopped"), latest.stopped, number)
            b.formula(ws, row, COL["latest"], sheet.ref("date"), latest.date, b.fmt(num_format=SHORT_DATE))
            c, g, s, p = (f"{LETTER[k]}{row + 1}" for k in ("completed", "good", "stopped", "price"))
            for key, part, share in (
                ("good_share", g, latest.good_outcome_share),
                ("stopped_share", s, latest.stopped_share),
            ):
                b.formula(
                    ws,
                    row,
                    COL[key],
                    f'=IF(N({c})>0,{part}/{c},"{DASH}")',
                    _ratio(share),
                    b.fmt(num_format=PERCENT_1, align="right"),
                )
            price_per_good = (
                row_data.price_dkk / latest.good_outcomes if row_data.price_dkk and latest.good_outcomes else DASH
            )
            formula = f'=IF(AND(N({p})>0,N({g})>0),{p}/{g},"{DASH}")'
            b.formula(ws, row, COL["price_per_good"], formula, price_per_good, dkk_right)
        if d.rows:
            for key in ("good_share", "stopped_share"):
                live_percent(b, ws, f"{LETTER[key]}{header + 2}:{LETTER[key]}{header + 1 + len(d.rows)}")
        widths = columns(ws, [width for _key, _label, width in COLUMNS])
        ws.set_row(header, 56)
        ws.freeze_panes(header + 1, 1)
        print_setup(ws, self.heading, widths, repeat=header)

    def about_sheet(self) -> None:
        d = self.data
        good = d.good_text()
        self.book.about_sheet(
            self.heading,
            [
                (_("Kommune"), d.municipality or DASH),
                (_("Enhed"), d.unit or DASH),
                (
                    _("Periode"),
                    _(
                        "Året {year}: den seneste evaluering i året; aftalernes ark viser alle evalueringer til "
                        "og med 31. december {year}"
                    ).format(year=d.year),
                ),
                (_("Gode udfald"), good or DASH),
                (_("Navne"), _("Anonymiseret som i årsrapporten") if d.anonymised else _("Virksomhedernes navne")),
                (_("Datakilde"), _("Socialøkonomi-databasen {path}").format(path=d.source or DASH)),
                (_("Program"), _("Socialøkonomi {version}").format(version=app_version())),
                (_("Lavet"), made_at()),
                (
                    _("Sådan hænger tallene sammen"),
                    _(
                        "Arket for hver aftale er kilden: det rummer tallene fra hver evaluering. Gode udfald, "
                        "stoppede, andele og kontrolrækken er formler over dem, og arket Sammenligning henter "
                        "den seneste evaluerings tal derfra. Retter du et tal på en aftales ark, følger "
                        "sammenligningen med. Kontrolrækken bliver rød og siger «Stemmer ikke», hvor udfaldene "
                        "ikke summer til antallet af afsluttede forløb. Bemærkningerne er skrevet ved "
                        "eksporten {date}. Hver formel er gemt med sin værdi, så tallene også vises i "
                        "programmer, der ikke regner."
                    ).format(date=made_at()),
                ),
            ],
        )

    def build(self) -> Book:
        self.comparison = self.book.sheet(_("Sammenligning"), "Sammenligning")
        sheets = []
        self.book.used_names.add(_("Om").casefold())  # an enterprise named "Om" does not take the about sheet's name
        for index, row_data in enumerate(self.data.rows):
            self.progress(10 + 70 * index // max(len(self.data.rows), 1), row_data.label)
            sheets.append(self.agreement_sheet(row_data))
        self.comparison_sheet(sheets)
        self.book.used_names.discard(_("Om").casefold())
        self.about_sheet()
        self.book.properties(
            title=self.heading,
            author=self.data.unit,
            subject=_("Effekt, pris og kvalitet på tværs af samarbejdsaftaler"),
            keywords=_("socialøkonomi; samarbejdsaftaler"),
        )
        self.progress(88, _("Gemmer projektmappen"))
        self.book.workbook.close()
        return self.book


def build_agreement_comparison(data: ComparisonData, output, progress: Progress = _no_progress) -> Book:
    """Write the workbook to ``output`` (a path or a binary stream); the returned book holds the warnings and
    every formula's expected value. Raises ``NoDataError`` for a year without agreements."""
    data.require_data()
    return _AgreementsWorkbook(data, output, progress).build()


def write_agreement_comparison(
    data: ComparisonData, path: str | os.PathLike, progress: Progress = _no_progress
) -> list[str]:
    """Write the workbook to ``path`` via a temporary file; return warnings for the user."""
    data.require_data()
    books: list[Book] = []
    save(lambda buffer: books.append(build_agreement_comparison(data, buffer, progress)), path)
    progress(100, _("Færdig"))
    return list(dict.fromkeys(books[0].warnings))
