"""The Excel workbooks read back with openpyxl as a reader that does not recalculate: every formula carries
the application's own figure; sheets, formats, print set-up, names; safe against what users type; and a
period without data is refused like ``status`` refuses it."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from desktop.exports import export_agreements, export_jobs
from exporters.excel_agreements import build_agreement_comparison
from exporters.excel_jobs import build_job_status
from exporters.xlsx_common import sheet_name
from models.activities import Goal
from models.agreement_comparison import agreement_comparison
from models.agreements import Agreement
from models.enterprises import Enterprise
from models.errors import ExportError, StoreError
from models.figures import year_status
from models.job_status import job_status
from models.placements import JobPlacement, PlacementType
from models.report_years import create_next_year
from tests.helpers.workbooks import formula_cells, same, stored_values

YEAR_END = dt.date(2018, 12, 31)
MID_YEAR = dt.date(2018, 6, 30)
ROOT = Path(__file__).resolve().parents[2]


def _rows(ws, first: int, last: int) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in ws.iter_rows(min_row=first, max_row=last, values_only=True) if row[0]}


def _add_last_year_placement(day=dt.date(2017, 3, 1)) -> None:
    JobPlacement.create(
        enterprise=Enterprise.get(Enterprise.name == "Sumak"),
        date=day,
        type=PlacementType.get(PlacementType.name == "Fleksjob"),
        channel="jobcenter",
    )


def _jobs(tmp_path, as_of=YEAR_END):
    path = tmp_path / f"jobs-{as_of}.xlsx"
    return path, build_job_status(job_status(as_of), path)


def _agreements(tmp_path, year=2018, **kwargs):
    path = tmp_path / f"aftaler-{year}.xlsx"
    return path, build_agreement_comparison(agreement_comparison(year, **kwargs), path)


@pytest.mark.parametrize(
    "which",
    [
        "jobs at year end",
        "jobs mid-year with last year",
        "jobs without a target",
        "jobs in January of a new year",
        "agreements",
    ],
)
def test_every_formula_cell_holds_the_applications_figure(example_db, tmp_path, which):
    """A reader that does not recalculate (a preview, a viewer, data_only) shows every figure."""
    if which == "agreements":
        Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
        path, book = _agreements(tmp_path)
    elif which == "jobs mid-year with last year":
        _add_last_year_placement()
        path, book = _jobs(tmp_path, MID_YEAR)
    elif which == "jobs without a target":
        Goal.delete().where(Goal.measure == "jobs_jobcenter_year").execute()
        path, book = _jobs(tmp_path, MID_YEAR)
        assert openpyxl.load_workbook(path, data_only=True)["Status"]["B6"].value == "–"
    elif which == "jobs in January of a new year":
        create_next_year(2018)
        path, book = _jobs(tmp_path, dt.date(2019, 1, 15))  # no placement yet this year; last year's to compare
        assert job_status(dt.date(2019, 1, 15)).placements == ()
    else:
        path, book = _jobs(tmp_path)
    formulas = formula_cells(path)
    assert formulas and set(formulas) == set(book.expected)
    values = stored_values(path)
    wrong = {key: (values[key], expected) for key, expected in book.expected.items() if not same(values[key], expected)}
    assert wrong == {}
    assert all(values[key] not in (None, "") for key, expected in book.expected.items() if expected != "")


def test_job_status_figures_are_the_status_commands(example_db, tmp_path):
    path = tmp_path / "jobstatus.xlsx"
    assert export_jobs(YEAR_END, path) == []
    status = year_status(2018)
    workbook = openpyxl.load_workbook(path, data_only=True)
    assert workbook.sheetnames == ["Status", "Pr. virksomhed", "Pr. måned", "Ansættelser", "Om"]
    ws = workbook["Status"]
    assert ws["B4"].value == dt.datetime(2018, 12, 31) and ws["B5"].value == status.jobs_target == 30
    rows = _rows(ws, 9, 15)
    for type_name, count in status.jobs.jobcenter.items():
        assert rows[type_name][0] == count
    assert rows["Fleksjob"][:3] == (21, 0, 21) and rows["Ikke oplyst"][:3] == (0, 29, 29)
    assert rows["I alt"][:3] == (status.jobs.jobcenter_total, status.jobs.own_total, 64) == (35, 29, 64)
    # the enterprise sheet splits by channel and adds up to the same totals
    enterprises = workbook["Pr. virksomhed"]
    header = [c.value for c in enterprises[4]]
    assert header[:4] == ["Virksomhed", "Gennem Jobcenteret", "Virksomhedens egne kanaler", "I alt"]
    total = _rows(enterprises, 5, 40)["I alt"]
    assert total[:3] == (35, 29, 64) and total[3] == 21
    # the month sheet's running total ends at the year's count; the target is spread over the year
    months = workbook["Pr. måned"]
    assert months["A5"].value == dt.datetime(2018, 1, 1) and months["A5"].number_format.endswith("mmmm")
    assert months["H16"].value == 35
    assert months["I10"].value == pytest.approx(30 * 181 / 365) and months["I16"].value == pytest.approx(30)


def test_the_summaries_are_formulas_over_the_placements_table(example_db, tmp_path):
    path, _book = _jobs(tmp_path, MID_YEAR)
    formulas = formula_cells(path)
    assert formulas[("Status", "B9")].startswith('=COUNTIFS(Ansaettelser[Type],"="&$A9,')
    assert 'Ansaettelser[Dato],"<="&Status!$B$4' in formulas[("Status", "B9")]
    assert (
        "Ansaettelser[Virksomhed]" in formulas[("Pr. virksomhed", "B5")] and "$A5" in formulas[("Pr. virksomhed", "B5")]
    )
    assert 'Ansaettelser[Kanal],"=Gennem Jobcenteret"' in formulas[("Pr. måned", "B5")]
    ws = openpyxl.load_workbook(path)["Ansættelser"]
    table = ws.tables["Ansaettelser"]
    assert table.totalsRowCount == 1 and table.ref == f"A1:E{len(job_status(MID_YEAR).placements) + 2}"
    about = {r[0]: r[1] for r in openpyxl.load_workbook(path)["Om"].iter_rows(min_row=4, values_only=True)}
    assert "kilden" in about["Sådan hænger tallene sammen"] and "formler" in about["Sådan hænger tallene sammen"]


def test_a_year_without_data_shows_a_dash_not_zero(example_db, tmp_path):
    path, book = _jobs(tmp_path, MID_YEAR)
    ws = openpyxl.load_workbook(path)["Status"]
    last_year = [ws.cell(row=row, column=column).value for row in range(9, 15) for column in (5, 6)]
    assert set(last_year) == {"–"}
    assert any("ingen ansættelser i 2017" in str(c.value) for c in ws["A"])
    assert "Ansættelser 2017" not in openpyxl.load_workbook(path).sheetnames

    _add_last_year_placement()
    (tmp_path / "with").mkdir()
    path, book = _jobs(tmp_path / "with", MID_YEAR)
    workbook = openpyxl.load_workbook(path, data_only=True)
    rows = _rows(workbook["Status"], 9, 15)
    assert rows["Fleksjob"][3:5] == (1, 0) and rows["Deltidsjob"][3:5] == (0, 0) and rows["I alt"][3:5] == (1, 0)
    assert workbook["Ansættelser 2017"]["B2"].value == "Sumak"


def test_danish_formats_real_dates_and_print_set_up(example_db, tmp_path):
    Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
    path, _book = _agreements(tmp_path)
    workbook = openpyxl.load_workbook(path)
    comparison = workbook["Sammenligning"]
    # 64,7 %, as the report prints it; a whole share ("40 %") by a conditional format on the live value
    assert comparison["H5"].number_format == comparison["H6"].number_format == '[$-406]0.0"\u00a0"%'
    whole = [
        (str(rng.sqref), rule.formula)
        for rng, rules in comparison.conditional_formatting._cf_rules.items()
        for rule in rules
        if rule.dxf and rule.dxf.numFmt and rule.dxf.numFmt.formatCode == '[$-406]0"\u00a0"%'
    ]
    assert ("H5:H6", ["MOD(ROUND(H5*1000,0),10)=0"]) in whole
    assert comparison["E5"].number_format == '[$-406]#,##0"\u00a0kr."'  # 400.000 kr.
    assert comparison.print_title_rows == "$4:$4" and comparison.page_setup.orientation == "landscape"
    assert comparison.column_dimensions["M"].width > 15 and comparison["M6"].alignment.wrap_text
    second = workbook["Samarbejdsaftale 2"]
    assert second["B4"].value == dt.datetime(2018, 6, 29)  # the evaluation's date is a date, not text
    jobs, _ = _jobs(tmp_path)
    placements = openpyxl.load_workbook(jobs)["Ansættelser"]
    fitted = placements.sheet_properties.pageSetUpPr
    assert placements.print_title_rows == "$1:$1" and not (fitted and fitted.fitToPage)  # 100 %, never shrunk
    assert placements.row_breaks.count >= 1  # pages filled evenly: no "I alt" alone on a page


def test_the_control_row_is_marked_where_counts_do_not_add_up(example_db, tmp_path):
    path, _book = _agreements(tmp_path)
    workbook = openpyxl.load_workbook(path, data_only=True)
    first, second = workbook["Samarbejdsaftale 1"], workbook["Samarbejdsaftale 2"]
    check = {ws.title: _rows(ws, 5, 40) for ws in (first, second)}
    assert check["Samarbejdsaftale 1"]["Kontrol: udfald i alt = afsluttede?"][0] == "Stemmer"
    assert check["Samarbejdsaftale 2"]["Kontrol: udfald i alt = afsluttede?"][0] == "Stemmer ikke"
    assert check["Samarbejdsaftale 2"]["Udfald i alt (kontrol mod afsluttede)"][0] == 36
    rules = openpyxl.load_workbook(path)["Samarbejdsaftale 2"].conditional_formatting
    assert any("<>" in rule.formula[0] for entry in rules for rule in entry.rules)
    assert "36" in workbook["Sammenligning"]["M6"].value


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("'apostrof'", "apostrof"),
        ("Aftale: 1/2 [test]?*", "Aftale 1 2 test"),
        ("x" * 40, "x" * 31),
        ("😀" * 20, "😀" * 15),  # 31 UTF-16 units at most
        ("History", "Aftale"),
        ("''", "Aftale"),
        ("Sumak", "Sumak (2)"),
    ],
)
def test_sheet_names_are_valid_in_excel_and_libreoffice(name, expected):
    assert sheet_name(name, {"sumak"}, "Aftale") == expected


def test_sheet_names_from_enterprises_are_valid_and_unique(example_db, tmp_path):
    Enterprise.update(name="'apostrof'").where(Enterprise.name == "Sumak").execute()
    Enterprise.update(name="apostrof").where(Enterprise.name == "VeteranHaven").execute()
    path, _book = _agreements(tmp_path, anonymise=False)
    assert openpyxl.load_workbook(path).sheetnames == [
        "Sammenligning",
        "apostrof (aftale 1)",
        "apostrof (aftale 2)",
        "Om",
    ]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "+45 1234", "-5 kr.", "@SUM(A1)", "Sumak*"])
def test_text_that_looks_like_a_formula_stays_text(example_db, tmp_path, name):
    Enterprise.update(name=name).where(Enterprise.name == "Sumak").execute()
    path = tmp_path / "jobs.xlsx"
    export_jobs(YEAR_END, path)
    workbook = openpyxl.load_workbook(path)
    cells = [c for c in workbook["Pr. virksomhed"]["A"] if c.value == name]
    assert len(cells) == 1 and cells[0].data_type == "s"
    row = _rows(openpyxl.load_workbook(path, data_only=True)["Pr. virksomhed"], cells[0].row, cells[0].row)
    assert row[name][:3] == (3, 0, 3)  # Sumak's own count, whatever its name looks like


def test_characters_excel_cannot_hold_are_removed_with_a_warning(example_db, tmp_path):
    Enterprise.update(name="Sumak\ufffe\x07").where(Enterprise.name == "Sumak").execute()
    path = tmp_path / "jobs.xlsx"
    warnings = export_jobs(YEAR_END, path)
    assert any("Sumak" in w for w in warnings)
    names = [c.value for c in openpyxl.load_workbook(path)["Pr. virksomhed"]["A"]]
    assert "Sumak" in names


def test_an_open_or_unwritable_target_gives_a_clear_message(example_db, tmp_path):
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(b"previous")
    (tmp_path / ".~lock.jobs.xlsx#").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="åben"):
        export_jobs(YEAR_END, path)
    assert path.read_bytes() == b"previous"
    with pytest.raises(ExportError, match=".xlsx"):
        export_jobs(YEAR_END, tmp_path / "jobs.csv")


@pytest.mark.parametrize(
    ("export", "argument"),
    [(export_jobs, dt.date(2017, 6, 30)), (export_jobs, dt.date(2018, 2, 1)), (export_agreements, 1900)],
)
def test_a_period_without_data_is_refused(example_db, tmp_path, export, argument):
    (tmp_path / "ud").mkdir()
    path = tmp_path / "ud" / "tom.xlsx"
    with pytest.raises(StoreError, match="Intet er eksporteret"):
        export(argument, path)
    assert list(path.parent.iterdir()) == []


def test_command_line_exports_and_refusals(example_db, db_path, tmp_path, capsys):
    from desktop.cli import main

    database = ["--database", str(db_path)]
    assert main(["export-jobs", "--as-of", "2018-06-30", "--output", str(tmp_path / "j.xlsx"), *database]) == 0
    assert main(["export-agreements", "--year", "2018", "--output", str(tmp_path / "a.xlsx"), *database]) == 0
    assert "gemt" in capsys.readouterr().out
    assert openpyxl.load_workbook(tmp_path / "j.xlsx")["Status"]["B4"].value == dt.datetime(2018, 6, 30)
    assert main(["status", "--year", "1900", *database]) == 2
    status_message = capsys.readouterr().err
    assert main(["export-agreements", "--year", "1900", "--output", str(tmp_path / "x.xlsx"), *database]) == 2
    message = capsys.readouterr().err
    assert "1900" in message and "ingen" in message and "Traceback" not in message and status_message
    assert main(["export-jobs", "--as-of", "2017-06-30", "--output", str(tmp_path / "y.xlsx"), *database]) == 2
    assert "ingen data for 2017" in capsys.readouterr().err  # the same words as status
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()


def test_a_full_disk_gives_only_the_clear_message(example_db, db_path, tmp_path):
    """A real write failure (the process may not grow a file past 4 KB): the message, no traceback after it."""
    script = f"""
import datetime as dt, resource, signal, sys
from desktop.exports import export_jobs
from models.store import open_database
from models.errors import StoreError
open_database({str(db_path)!r}, create=False)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    export_jobs(dt.date(2018, 12, 31), __import__("pathlib").Path({str(tmp_path / "fuld.xlsx")!r}))
except StoreError as error:
    print(error, file=sys.stderr)
"""
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env={**os.environ}, timeout=120
    )
    assert "ikke plads" in run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr
    assert not (tmp_path / "fuld.xlsx").exists() and not list(tmp_path.glob(".fuld*"))


@pytest.fixture
def far_from_utc(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Kolkata")  # UTC+05:30 all year
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.sqlite_only  # names the database file
def test_the_time_made_is_utc_in_the_properties_and_local_with_its_offset_on_the_om_sheet(
    example_db, tmp_path, far_from_utc
):
    path = tmp_path / "jobs.xlsx"
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    export_jobs(YEAR_END, path)
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    workbook = openpyxl.load_workbook(path, data_only=True)  # «Opgjort pr.» there is =Status!B4
    assert before <= workbook.properties.created <= after  # 5½ hours off if local time were labelled UTC
    about = {r[0]: r[1] for r in workbook["Om"].iter_rows(min_row=4, values_only=True)}
    assert about["Lavet"].endswith("(UTC+05:30)")
    assert about["Kommune"] == "Slagelse Kommune" and about["Opgjort pr."] == dt.datetime(2018, 12, 31)
    assert (
        about["Datakilde"].endswith(" socialokonomi.sqlite")
        and str(tmp_path) not in about["Datakilde"]
        and about["Program"].startswith("Socialøkonomi 0.")
    )


def test_pro_rata_expectation_and_names_when_not_anonymised(example_db):
    data = job_status(MID_YEAR)
    assert data.expected_by_now == pytest.approx(30 * 181 / 365)
    assert data.last_year.jobcenter_total == 0 and not data.last_year_has_data
    assert len(data.by_month) == 6
    names = [r.label for r in agreement_comparison(2018, anonymise=False).rows]
    assert names == ["VeteranHaven (aftale 1)", "Sumak (aftale 2)"]


def test_agreements_of_a_year_without_evaluations_are_refused_like_status(example_db, db_path, tmp_path, capsys):
    """2019 is a known year (a placement) but no agreement was evaluated in it: ``status`` shows no evaluations,
    so the workbook does not show 2018's evaluations as 2019's; it is refused with exit 2."""
    import json

    from desktop.cli import main

    JobPlacement.create(
        enterprise=Enterprise.get(Enterprise.name == "Sumak"),
        date=dt.date(2019, 3, 1),
        type=PlacementType.get(PlacementType.name == "Fleksjob"),
        channel="jobcenter",
    )
    database = ["--database", str(db_path)]
    assert main(["status", "--year", "2019", "--json", *database]) == 0
    assert json.loads(capsys.readouterr().out)["evaluations"] == []
    output = tmp_path / "a2019.xlsx"
    assert main(["export-agreements", "--year", "2019", "--output", str(output), *database]) == 2
    assert "Ingen samarbejdsaftale er evalueret i 2019" in capsys.readouterr().err
    assert not output.exists()


def test_an_agreement_without_an_evaluation_in_the_year_shows_a_dash_not_last_years(example_db, tmp_path):
    from models.agreements import Evaluation

    numbers = [a.number for a in Agreement.select().order_by(Agreement.number)]
    Evaluation.update(date=dt.date(2017, 11, 30)).where(
        Evaluation.agreement == Agreement.get(Agreement.number == numbers[-1])
    ).execute()
    path, book = _agreements(tmp_path)
    ws = openpyxl.load_workbook(path, data_only=True)["Sammenligning"]
    row = 4 + len(numbers)
    assert [ws.cell(row, column).value for column in (6, 7, 8)] == ["–", "–", "–"]
    assert "Ingen evaluering i 2018; den seneste er fra 30.11.2017" in ws.cell(row, 13).value


def test_two_agreements_of_one_enterprise_are_told_apart_by_their_number(example_db, tmp_path):
    from models.agreements import Evaluation, Paradigm

    long_name = "VeteranHaven med et meget langt navn over tredive tegn"
    Enterprise.update(name=long_name).where(Enterprise.name == "VeteranHaven").execute()
    enterprise = Enterprise.get(Enterprise.name == long_name)
    agreement = Agreement.create(
        enterprise=enterprise, number=3, places=4, framework_weeks=13, price_dkk=250_000, start=dt.date(2018, 7, 1)
    )
    Evaluation.create(agreement=agreement, paradigm=Paradigm.select().first(), date=dt.date(2018, 12, 1), completed=0)
    path, _book = _agreements(tmp_path, anonymise=False)
    workbook = openpyxl.load_workbook(path)
    names = [workbook["Sammenligning"].cell(row, 1).value for row in range(5, 8)]
    assert names == [f"{long_name} (aftale 1)", "Sumak (aftale 2)", f"{long_name} (aftale 3)"]
    sheets = workbook.sheetnames[1:-1]
    assert [sheet[-11:] for sheet in sheets] == [" (aftale 1)", " (aftale 2)", " (aftale 3)"]
    assert all(len(sheet) <= 31 for sheet in sheets) and len(set(sheets)) == 3


def test_a_missing_completed_count_and_a_missing_price_are_dashes_not_zero(example_db, tmp_path):
    from models.agreements import Evaluation

    first = Agreement.get(Agreement.number == 1)
    latest = Evaluation.select().where(Evaluation.agreement == first).order_by(Evaluation.date.desc()).first()
    Evaluation.update(completed=None).where(Evaluation.id == latest.id).execute()
    Agreement.update(price_dkk=None).where(Agreement.number == 1).execute()
    path, book = _agreements(tmp_path)
    ws = openpyxl.load_workbook(path, data_only=True)["Sammenligning"]
    # Pris, Afsluttede forløb, Andel gode udfald, Andel stoppet, Pris pr. godt udfald
    assert [ws[f"{col}5"].value for col in "EFHJK"] == ["–"] * 5
    assert "afsluttede forløb mangler" in ws["M5"].value


def test_a_target_of_zero_is_a_target_and_no_target_leaves_the_cell_to_fill_in(example_db, tmp_path):
    Goal.update(target=0).where(Goal.measure == "jobs_jobcenter_year").execute()
    path, _book = _jobs(tmp_path, MID_YEAR)
    status = openpyxl.load_workbook(path, data_only=True)["Status"]
    rows = _rows(status, 1, 30)
    jobcenter = rows["I alt"][0]
    assert jobcenter > 0 and rows["Jobs over (+) eller under (−) det forventede pr. dato"][0] == jobcenter
    assert rows["Andel af årets mål nået"][0] == "–"
    Goal.delete().where(Goal.measure == "jobs_jobcenter_year").execute()
    (tmp_path / "none").mkdir()
    path, _book = _jobs(tmp_path / "none", MID_YEAR)
    formulas = openpyxl.load_workbook(path)["Status"]
    assert formulas["B5"].value is None and "skriv det her" in formulas["C5"].value
    assert formulas["B6"].value.startswith("=IF(ISNUMBER(B5),")


def test_print_headers_month_axis_and_dates_before_march_1900(example_db, tmp_path):
    import zipfile

    from exporters.xlsx_common import Book

    path, _book = _jobs(tmp_path, MID_YEAR)
    workbook = openpyxl.load_workbook(path)
    assert workbook["Status"].print_title_rows == "$8:$8"  # a long type list prints its header on every page
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert any('formatCode="[$-406]mmm"' in chart for chart in charts)  # "maj", not "May"
    book = Book(tmp_path / "dates.xlsx")
    ws = book.sheet("Datoer", "Datoer")
    book.formula(ws, 0, 0, "=DATE(1900,1,15)", dt.date(1900, 1, 15))
    book.formula(ws, 1, 0, "=DATE(1900,3,1)", dt.date(1900, 3, 1))
    book.workbook.close()
    stored = openpyxl.load_workbook(tmp_path / "dates.xlsx", data_only=True)["Datoer"]
    assert [stored["A1"].value, stored["A2"].value] == [15, 61]  # Excel's serials (it counts 29.2.1900)


def test_a_text_too_long_for_a_cell_is_cut_with_a_warning(tmp_path):
    from exporters.xlsx_common import Book

    book = Book(tmp_path / "lang.xlsx")
    assert len(book.text("x" * 40_000)) == 32_767
    assert any("afkortet til 32.767 tegn" in warning for warning in book.warnings)
    book.workbook.close()


@pytest.mark.sqlite_only  # SQLite keeps what another program wrote; PostgreSQL's numeric has no infinity
def test_hours_no_workbook_can_hold_are_refused_in_danish_and_nothing_is_written(example_db, tmp_path):
    placement = JobPlacement.select().where(JobPlacement.date.year == 2018).first()
    example_db.execute_sql("UPDATE job_placement SET hours_per_week = 9e999 WHERE id = ?", (placement.id,))
    folder = tmp_path / "ud"
    folder.mkdir()
    with pytest.raises(StoreError, match="ugyldigt antal timer"):
        export_jobs(dt.date(2018, 12, 31), folder / "jobstatus.xlsx")
    assert list(folder.iterdir()) == []  # no workbook, no temporary file
