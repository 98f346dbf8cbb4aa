"""The Excel workbooks read back with openpyxl: sheets, values, formulas, formats, charts, tables; safe
against what users type; and recalculated by LibreOffice, every formula equal to the application's figure."""

import datetime as dt
import math

import openpyxl
import pytest
from openpyxl.chart import BarChart, LineChart

from desktop.exports import export_agreements, export_jobs
from exporters.excel_agreements import build_agreement_comparison
from exporters.excel_jobs import build_job_status
from models.agreement_comparison import agreement_comparison
from models.agreements import Agreement
from models.enterprises import Enterprise
from models.errors import ExportError
from models.job_status import job_status
from tests.helpers.libreoffice import convert, needs_libreoffice

YEAR_END = dt.date(2018, 12, 31)


def _rows(ws, first: int, last: int) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in ws.iter_rows(min_row=first, max_row=last, values_only=True) if row[0]}


def test_job_status_at_year_end(example_db, tmp_path):
    path = tmp_path / "jobstatus.xlsx"
    assert export_jobs(YEAR_END, path) == []
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Status", "Pr. virksomhed", "Pr. måned", "Ansættelser"]
    status = workbook["Status"]
    assert status["B5"].value == 30
    rows = _rows(status, 9, 14)
    assert {t: rows[t][:2] for t in ("Fleksjob", "Deltidsjob", "Fuldtid", "Løntilskud")} == {
        "Fleksjob": (21, 0),
        "Deltidsjob": (7, 0),
        "Fuldtid": (3, 0),
        "Løntilskud": (4, 0),
    }
    assert rows["Ikke oplyst"][:2] == (0, 29)
    assert rows["I alt"][0] == "=SUM(B9:B13)" and status["B14"].data_type == "f"
    assert status["B16"].value == "=B14/B5" and status["B16"].number_format == "0.0%"
    assert status["B9"].number_format == "#,##0" and status["B4"].number_format == "dd.mm.yyyy"
    assert status.freeze_panes == "A9"
    assert status.page_setup.orientation == "landscape" and status.page_setup.fitToWidth == 1
    assert "Jobstatus pr. 31. december 2018" in status.oddHeader.center.text
    assert [type(c) for c in status._charts] == [BarChart]
    assert [type(c) for c in workbook["Pr. måned"]._charts] == [LineChart]
    placements = workbook["Ansættelser"]
    assert list(placements.tables) == ["Ansaettelser"]
    assert placements.tables["Ansaettelser"].ref == f"A1:E{1 + 64}"
    assert workbook.properties.title == "Jobstatus pr. 31. december 2018"
    assert workbook.properties.creator == "Den socialøkonomiske enhed"


def test_pro_rata_expectation_and_last_year(example_db):
    data = job_status(dt.date(2018, 6, 30))
    assert data.expected_by_now == pytest.approx(30 * 181 / 365)
    assert data.last_year.jobcenter_total == 0
    assert data.jobs.jobcenter_total < 35
    assert len(data.by_month) == 6


def test_agreement_comparison(example_db, tmp_path):
    Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
    path = tmp_path / "aftaler.xlsx"
    export_agreements(2018, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Sammenligning", "Samarbejdsaftale 1", "Samarbejdsaftale 2"]
    ws = workbook["Sammenligning"]
    first, second = ([c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=6))
    assert first[:7] == ["Samarbejdsaftale 1", 8, 2, 52, 400_000, 25, 10]
    assert second[:7] == ["Samarbejdsaftale 2", 8, 0, 13, None, 34, 22]
    assert first[7] == '=IF(N(F5)>0,G5/F5,"")' and first[10] == '=IF(AND(N(E5)>0,N(G5)>0),E5/G5,"")'
    assert "36" in second[12]
    _workbook, writer = build_agreement_comparison(agreement_comparison(2018))
    assert writer.expected[("Sammenligning", "H5")] == 0.4
    assert writer.expected[("Sammenligning", "K5")] == 40_000
    assert writer.expected[("Sammenligning", "H6")] == pytest.approx(22 / 34)
    assert writer.expected[("Sammenligning", "K6")] == ""


def test_names_are_shown_when_the_year_does_not_anonymise(example_db):
    data = agreement_comparison(2018, anonymise=False)
    assert [r.name for r in data.rows] == ["VeteranHaven", "Sumak"]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "+45 1234", "-5 kr.", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_stays_text(example_db, tmp_path, name):
    Enterprise.update(name=name).where(Enterprise.name == "Sumak").execute()
    path = tmp_path / "jobs.xlsx"
    export_jobs(YEAR_END, path)
    ws = openpyxl.load_workbook(path)["Pr. virksomhed"]
    cells = [c for c in ws["A"] if c.value == name]
    assert len(cells) == 1 and cells[0].data_type == "s"


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


def test_command_line_exports(example_db, db_path, tmp_path, capsys):
    from desktop.cli import main

    assert (
        main(["export-jobs", "--as-of", "2018-06-30", "--output", str(tmp_path / "j.xlsx"), "--database", str(db_path)])
        == 0
    )
    assert (
        main(["export-agreements", "--year", "2018", "--output", str(tmp_path / "a.xlsx"), "--database", str(db_path)])
        == 0
    )
    assert "gemt" in capsys.readouterr().out
    assert openpyxl.load_workbook(tmp_path / "j.xlsx")["Status"]["B4"].value == dt.datetime(2018, 6, 30)


def _close(actual, expected) -> bool:
    if expected == "":
        return actual in (None, "")
    return isinstance(actual, int | float) and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


@needs_libreoffice
@pytest.mark.sqlite_only  # rendering; the figures are checked on both engines
@pytest.mark.parametrize("which", ["jobs", "agreements"])
def test_libreoffice_recalculates_every_formula_to_the_applications_figure(example_db, tmp_path, which):
    if which == "jobs":
        workbook, writer = build_job_status(job_status(YEAR_END))
    else:
        Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
        workbook, writer = build_agreement_comparison(agreement_comparison(2018))
    source = tmp_path / f"{which}.xlsx"
    workbook.save(source)
    formulas = {
        (ws.title, c.coordinate)
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    }
    assert formulas and formulas == set(writer.expected)
    recalculated = openpyxl.load_workbook(convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path), data_only=True)
    wrong = {
        key: (recalculated[key[0]][key[1]].value, expected)
        for key, expected in writer.expected.items()
        if not _close(recalculated[key[0]][key[1]].value, expected)
    }
    assert wrong == {}


@needs_libreoffice
@pytest.mark.sqlite_only  # rendering; the figures are checked on both engines
def test_formula_looking_names_stay_text_in_libreoffice(example_db, tmp_path):
    Enterprise.update(name='=HYPERLINK("http://x","y")').where(Enterprise.name == "Sumak").execute()
    Enterprise.update(name="+45 1234").where(Enterprise.name == "VeteranHaven").execute()
    path = tmp_path / "jobs.xlsx"
    export_jobs(YEAR_END, path)
    ws = openpyxl.load_workbook(convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path), data_only=True)["Ansættelser"]
    names = {c.value for c in ws["B"]}
    assert '=HYPERLINK("http://x","y")' in names and "+45 1234" in names and "y" not in names
