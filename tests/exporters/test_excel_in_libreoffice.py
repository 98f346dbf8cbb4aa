"""The workbooks in LibreOffice as a real client: recalculated (after edits a user would make) every formula
gives the application's figure, and the PDF print is legible (≥ 9 pt) with each list's header on every page."""

import datetime as dt
import re

import openpyxl
import pytest

from exporters.excel_agreements import build_agreement_comparison
from exporters.excel_jobs import build_job_status
from models.activities import Goal
from models.agreement_comparison import agreement_comparison
from models.agreements import Agreement, Evaluation, EvaluationOutcome, OutcomeCategory, Paradigm
from models.enterprises import Enterprise
from models.job_status import job_status
from models.placements import JobPlacement, PlacementType
from models.report_years import create_next_year
from tests.helpers.libreoffice import convert, needs_libreoffice
from tests.helpers.workbooks import has_uno, page_texts, recalculated, same, smallest_text

pytestmark = [
    needs_libreoffice,
    pytest.mark.skipif(not has_uno(), reason="python3-uno is installed by .ci/run"),
]

MID_YEAR = dt.date(2018, 6, 30)


def _mismatches(path, expected: dict, sheets=None) -> dict:
    workbook = openpyxl.load_workbook(path, data_only=True)
    return {
        key: (workbook[key[0]][key[1]].value, value)
        for key, value in expected.items()
        if (sheets is None or key[0] in sheets) and not same(workbook[key[0]][key[1]].value, value)
    }


def _last_year_placement() -> None:
    JobPlacement.create(
        enterprise=Enterprise.get(Enterprise.name == "Sumak"),
        date=dt.date(2017, 3, 1),
        type=PlacementType.get(PlacementType.name == "Fleksjob"),
        channel="jobcenter",
    )


@pytest.mark.parametrize("which", ["jobs", "jobs in January without a target", "agreements"])
def test_recalculated_by_libreoffice_every_formula_gives_the_applications_figure(example_db, tmp_path, which):
    source = tmp_path / "workbook.xlsx"
    if which == "jobs":
        _last_year_placement()
        book = build_job_status(job_status(MID_YEAR), source)
    elif which == "jobs in January without a target":
        create_next_year(2018)
        Goal.delete().where(Goal.measure == "jobs_jobcenter_year").execute()
        book = build_job_status(job_status(dt.date(2019, 1, 15)), source)  # an empty list, last year's to compare
    else:
        Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
        book = build_agreement_comparison(agreement_comparison(2018), source)
    assert _mismatches(recalculated(source, tmp_path / "lo"), book.expected) == {}


def test_editing_the_placements_list_updates_every_sheet(example_db, tmp_path):
    """The list is the source of truth: a row changed and a row deleted in LibreOffice give, after
    recalculation, the figures the application gives for the same change in its own store."""
    source = tmp_path / "jobs.xlsx"
    data = job_status(MID_YEAR)
    build_job_status(data, source)
    # row 2 of the sheet is the first placement; the edit moves it to the Jobcenter as a Fleksjob, and the
    # second placement's row (row 3) is deleted
    first, second = data.placements[0], data.placements[1]
    assert first.channel != "Gennem Jobcenteret"
    edits = [
        {"sheet": "Ansættelser", "cell": "C2", "string": "Fleksjob"},
        {"sheet": "Ansættelser", "cell": "D2", "string": "Gennem Jobcenteret"},
        {"sheet": "Ansættelser", "delete_row": 3},
    ]
    edited = recalculated(source, tmp_path / "lo", edits)

    placements = list(JobPlacement.select().where(JobPlacement.date <= MID_YEAR).order_by(JobPlacement.date))
    assert (placements[0].date, placements[1].date) == (first.date, second.date)
    JobPlacement.update(type=PlacementType.get(PlacementType.name == "Fleksjob"), channel="jobcenter").where(
        JobPlacement.id == placements[0].id
    ).execute()
    JobPlacement.delete().where(JobPlacement.id == placements[1].id).execute()
    after = build_job_status(job_status(MID_YEAR), tmp_path / "after.xlsx")
    assert _mismatches(edited, after.expected, sheets={"Status", "Pr. måned"}) == {}
    # Pr. virksomhed: compared by enterprise, as the deleted row's enterprise may have left the list
    mine = _by_name(openpyxl.load_workbook(tmp_path / "after.xlsx", data_only=True)["Pr. virksomhed"])
    theirs = _by_name(openpyxl.load_workbook(edited, data_only=True)["Pr. virksomhed"])
    assert {k: v for k, v in theirs.items() if any(v)} == {k: v for k, v in mine.items() if any(v)}
    assert theirs["I alt"][:3] == (data.jobs.jobcenter_total + 1, data.jobs.own_total - 2, len(data.placements) - 1)


def _by_name(ws) -> dict:
    return {row[0]: tuple(row[1:]) for row in ws.iter_rows(min_row=5, values_only=True) if row[0]}


def test_an_earlier_date_recounts_from_the_list(example_db, tmp_path):
    source = tmp_path / "jobs.xlsx"
    build_job_status(job_status(MID_YEAR), source)
    edited = recalculated(source, tmp_path / "lo", [{"sheet": "Status", "cell": "B4", "date": "2018-03-31"}])
    march = build_job_status(job_status(dt.date(2018, 3, 31)), tmp_path / "march.xlsx")
    assert _mismatches(edited, march.expected, sheets={"Status"}) == {}


def test_a_corrected_count_changes_the_comparison_and_clears_the_control(example_db, tmp_path):
    source = tmp_path / "aftaler.xlsx"
    build_agreement_comparison(agreement_comparison(2018), source)
    sheet = openpyxl.load_workbook(source)["Samarbejdsaftale 2"]
    rows = {c.value: c.row for c in sheet["A"] if c.value}
    # two fewer waiting for the rehabilitation team: the outcomes now add up to the 34 completed
    waiting = rows["Afventer rehabiliteringsteam"]
    edited = recalculated(source, tmp_path / "lo", [{"sheet": "Samarbejdsaftale 2", "cell": f"B{waiting}", "value": 5}])

    category = OutcomeCategory.get(OutcomeCategory.name == "Afventer rehabiliteringsteam")
    evaluation = Evaluation.select().join(Agreement).where(Agreement.number == 2).get()
    EvaluationOutcome.update(count=5).where(
        (EvaluationOutcome.evaluation == evaluation) & (EvaluationOutcome.category == category)
    ).execute()
    after = build_agreement_comparison(agreement_comparison(2018), tmp_path / "after.xlsx")
    assert _mismatches(edited, after.expected) == {}
    values = openpyxl.load_workbook(edited, data_only=True)["Samarbejdsaftale 2"]
    assert values[f"B{rows['Kontrol: udfald i alt = afsluttede?']}"].value == "Stemmer"


def test_sheet_names_with_apostrophes_survive_libreoffice(example_db, tmp_path):
    Enterprise.update(name="'apostrof'").where(Enterprise.name == "Sumak").execute()
    Enterprise.update(name="Mands' hus").where(Enterprise.name == "VeteranHaven").execute()
    source = tmp_path / "aftaler.xlsx"
    book = build_agreement_comparison(agreement_comparison(2018, anonymise=False), source)
    converted = recalculated(source, tmp_path / "lo")
    assert openpyxl.load_workbook(converted).sheetnames == [
        "Sammenligning",
        "Mands' hus (aftale 1)",
        "apostrof (aftale 2)",
        "Om",
    ]
    assert _mismatches(converted, book.expected) == {}


def test_printed_workbooks_are_legible_and_every_list_page_repeats_its_header(example_db, tmp_path):
    Agreement.update(price_dkk=400_000).where(Agreement.number == 1).execute()
    jobs, agreements = tmp_path / "jobs.xlsx", tmp_path / "aftaler.xlsx"
    data = job_status(dt.date(2018, 12, 31))
    build_job_status(data, jobs)
    build_agreement_comparison(agreement_comparison(2018), agreements)
    for source in (jobs, agreements):
        pdf = convert(source, "pdf", tmp_path)
        size, line = smallest_text(pdf)
        assert size >= 9, f"{source.name}: {size:.1f} pt in «{line}»"

    pages = page_texts(tmp_path / "converted" / "jobs.pdf")
    row = re.compile(r"^\s*\d{1,2}\. \w+ 2018\s+\S.*(Gennem Jobcenteret|Virksomhedens egne kanaler)", re.M)
    list_pages = [page for page in pages if row.search(page)]
    assert len(list_pages) >= 2
    header = re.compile(r"Dato\s+Virksomhed\s+Type\s+Kanal\s+Timer pr\. uge")
    assert all(header.search(page) for page in list_pages)
    assert sum(len(row.findall(page)) for page in list_pages) == len(data.placements)
    last = list_pages[-1]
    assert re.search(r"^\s*I alt\s+64\s*$", last, re.M) and len(row.findall(last)) >= 5  # never alone
    status = pages[0]
    assert "Opgjort pr." in status and "31. december 2018" in status and "116,7 %" in status

    pages = page_texts(tmp_path / "converted" / "aftaler.pdf")
    assert "Bemærkninger" in pages[0] and "Aftale" in pages[0]  # one page wide
    assert "40 %" in pages[0] and "64,7 %" in pages[0] and "400.000 kr." in pages[0] and "40.000 kr." in pages[0]
    for page in pages[1:3]:
        assert re.search(r"Udfald\s+29\.6\.2018", page)
    assert "Stemmer ikke" in pages[2]


def test_formula_looking_names_stay_text_after_recalculation(example_db, tmp_path):
    Enterprise.update(name='=HYPERLINK("http://x","y")').where(Enterprise.name == "Sumak").execute()
    Enterprise.update(name="+45 1234").where(Enterprise.name == "VeteranHaven").execute()
    # criteria and wildcards in a name mean only that name: "Musholm*" must not also count "Musholm"
    Enterprise.update(name="Musholm*").where(Enterprise.name == "Mini Houses").execute()
    Enterprise.update(name=">5 ~?").where(Enterprise.name == "Liselund").execute()
    source = tmp_path / "jobs.xlsx"
    book = build_job_status(job_status(dt.date(2018, 12, 31)), source)
    converted = recalculated(source, tmp_path / "lo")
    names = {c.value for c in openpyxl.load_workbook(converted, data_only=True)["Ansættelser"]["B"]}
    assert '=HYPERLINK("http://x","y")' in names and "+45 1234" in names and "y" not in names
    assert {"Musholm*", "Musholm", ">5 ~?"} <= names
    assert _mismatches(converted, book.expected) == {}  # and their rows are counted under those names


def test_many_evaluations_print_over_pages_with_labels_and_header_on_each(example_db, tmp_path):
    """Too many evaluation columns for one page at a legible size: more pages wide, never smaller than 9 pt,
    with the outcome labels (column A) and the header row on every page."""
    first = Evaluation.select().join(Agreement).where(Agreement.number == 1).get()
    outcomes = list(EvaluationOutcome.select().where(EvaluationOutcome.evaluation == first))
    for month in range(1, 13):
        copy = Evaluation.create(
            agreement=first.agreement, paradigm=first.paradigm, date=dt.date(2017, month, 1), completed=month
        )
        for outcome in outcomes:
            EvaluationOutcome.create(evaluation=copy, category=outcome.category, count=0)
    source = tmp_path / "aftaler.xlsx"
    book = build_agreement_comparison(agreement_comparison(2018), source)
    assert _mismatches(recalculated(source, tmp_path / "lo"), book.expected) == {}
    pdf = convert(source, "pdf", tmp_path)
    size, line = smallest_text(pdf)
    assert size >= 9, f"{size:.1f} pt in «{line}»"
    pages = [page for page in page_texts(pdf) if "Afsluttede forløb i alt" in page and "Samarbejdsaftale 1" in page]
    assert len(pages) >= 2
    assert all(re.search(r"Udfald\s+\d+\.\d+\.20\d\d", page) and "Kontrol" in page for page in pages)
    assert "1.1.2017" in pages[0] and "29.6.2018" in pages[-1]


@pytest.mark.sqlite_only  # PostgreSQL's collation does not allow two names that differ only in case
def test_names_that_differ_only_in_case_are_counted_apart_after_recalculation(example_db, tmp_path):
    """The store tells "Café Østergade" from "Café østergade" (its uniqueness folds ASCII letters only), and
    COUNTIFS does not: recalculated, every figure is still the application's, on every sheet."""
    upper = PlacementType.create(name="LØNTILSKUD", position=9)
    lower_type = PlacementType.get(PlacementType.name == "Løntilskud")
    cafe_upper = Enterprise.create(name="Café Østergade")
    cafe_lower = Enterprise.create(name="Café østergade")
    for enterprise, placement_type in ((cafe_upper, upper), (cafe_lower, lower_type), (cafe_lower, upper)):
        JobPlacement.create(enterprise=enterprise, date=dt.date(2018, 5, 5), type=placement_type, channel="jobcenter")
    source = tmp_path / "jobs.xlsx"
    book = build_job_status(job_status(MID_YEAR), source)
    assert _mismatches(recalculated(source, tmp_path / "lo"), book.expected) == {}


def test_a_second_paradigm_version_uses_its_own_good_outcomes(example_db, tmp_path):
    """An evaluation made with a later paradigm version, where Fleksjob is no longer a good outcome: its good
    outcomes, recalculated, are the application's (as ``status`` gives them), and its labels say so."""
    from models.figures import evaluation_figures

    p2 = Paradigm.create(name="Paradigme v2", version=2, valid_from=dt.date(2018, 7, 1))
    flex = OutcomeCategory.create(paradigm=p2, position=0, name="Fleksjob", is_good=False)
    job = OutcomeCategory.create(paradigm=p2, position=1, name="I ordinært job", is_good=True)
    agreement = Agreement.get(Agreement.number == 1)
    evaluation = Evaluation.create(agreement=agreement, paradigm=p2, date=dt.date(2018, 12, 1), completed=10)
    EvaluationOutcome.create(evaluation=evaluation, category=flex, count=6)
    EvaluationOutcome.create(evaluation=evaluation, category=job, count=4)
    assert evaluation_figures(evaluation).good_outcomes == 4
    source = tmp_path / "aftaler.xlsx"
    data = agreement_comparison(2018)
    book = build_agreement_comparison(data, source)
    row = next(r for r in data.rows if r.number == 1)
    assert book.expected[("Sammenligning", "G5")] == 4
    assert _mismatches(recalculated(source, tmp_path / "lo"), book.expected) == {}
    sheet = openpyxl.load_workbook(source)[row.name]
    labels = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    last = sheet.cell(4, len(row.history) + 1).column_letter
    assert sheet[f"{last}{labels['Fleksjob']}"].value == 6
    assert sheet[f"{last}{labels['Fleksjob (godt udfald)']}"].value is None


def _row_of(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_a_new_name_or_type_typed_into_the_list_is_counted_in_a_row_of_its_own(example_db, tmp_path):
    """A list row changed to an enterprise not on Pr. virksomhed, another to a type not on Status: both are
    counted in the "Andre …" rows, so every sheet's total still agrees with the list (the Om sheet's promise)."""
    source = tmp_path / "jobs.xlsx"
    data = job_status(MID_YEAR)
    build_job_status(data, source)
    edits = [
        {"sheet": "Ansættelser", "cell": "B2", "string": "Ny Café"},
        {"sheet": "Ansættelser", "cell": "C3", "string": "Ny type"},
    ]
    workbook = openpyxl.load_workbook(recalculated(source, tmp_path / "lo", edits), data_only=True)
    status, enterprises, months = workbook["Status"], workbook["Pr. virksomhed"], workbook["Pr. måned"]
    total = data.jobs.jobcenter_total + data.jobs.own_total
    assert status.cell(_row_of(status, "I alt"), 4).value == total
    assert status.cell(_row_of(status, "Andre typer (ikke i rækkerne ovenfor)"), 4).value == 1
    assert enterprises.cell(_row_of(enterprises, "I alt"), 4).value == total
    assert enterprises.cell(_row_of(enterprises, "Andre virksomheder (ikke i rækkerne ovenfor)"), 4).value == 1
    running = [months.cell(r, 2 + len(data.types) + 1).value for r in range(5, 5 + len(data.by_month))]
    assert running[-1] == data.jobs.jobcenter_total


def test_moving_the_date_moves_the_titles_and_headings(example_db, tmp_path):
    """«Opgjort pr.» moved from 30 June to 31 March 2018: the titles, the last-year headings and the Om sheet's
    period and date say 31 March (and 31.3.2017), not the exported date."""
    _last_year_placement()
    source = tmp_path / "jobs.xlsx"
    build_job_status(job_status(MID_YEAR), source)
    edits = [{"sheet": "Status", "cell": "B4", "date": "2018-03-31"}]
    workbook = openpyxl.load_workbook(recalculated(source, tmp_path / "lo", edits), data_only=True)
    status = workbook["Status"]
    assert status["A1"].value == "Jobstatus pr. 31. marts 2018"
    assert status["A2"].value.endswith("1. januar – 31. marts 2018")
    assert [status["E8"].value, status["F8"].value] == ["Jobcenteret pr. 31.3.2017", "Egne kanaler pr. 31.3.2017"]
    assert workbook["Pr. virksomhed"]["A1"].value == "Ansættelser pr. virksomhed, 1. januar – 31. marts 2018"
    assert workbook["Pr. måned"]["A2"].value.endswith("til og med 31. marts 2018")
    about = {r[0]: r[1] for r in workbook["Om"].iter_rows(min_row=1, values_only=True)}
    assert about["Jobstatus pr. 31. marts 2018"] is None
    assert about["Periode"] == "1. januar – 31. marts 2018" and about["Opgjort pr."] == dt.datetime(2018, 3, 31)


def test_long_names_wrap_in_print_instead_of_being_cut_off(example_db, tmp_path):
    """Two enterprise names alike in their first 40 characters and a type named after a paragraph of the law
    print whole (wrapped) on Status, Pr. virksomhed and the list, so the rows can be told apart."""
    long_type = PlacementType.create(
        name="Ansættelse med løntilskud i privat virksomhed efter lov om aktiv beskæftigelsesindsats § 51", position=9
    )
    for suffix in "AB":
        enterprise = Enterprise.create(name=f"Meget langt virksomhedsnavn over enogtredive tegn {suffix}")
        JobPlacement.create(enterprise=enterprise, date=dt.date(2018, 5, 5), type=long_type, channel="jobcenter")
    source = tmp_path / "jobs.xlsx"
    build_job_status(job_status(MID_YEAR), source)
    pages = page_texts(convert(source, "pdf", tmp_path))
    status = next(page for page in pages if "Andel af årets mål nået" in page)
    enterprises = next(page for page in pages if "Andre virksomheder" in page)
    lists = "\n".join(page for page in pages if "Timer pr. uge" in page)
    assert "beskæftigelsesindsats § 51" in status
    for text in (enterprises, lists):
        assert sorted(set(re.findall(r"\btegn [AB]\b", text))) == ["tegn A", "tegn B"], text


def test_names_excel_would_read_as_numbers_or_logic_are_counted_exactly(example_db, tmp_path):
    """Excel's COUNTIFS reads "01" as 1 and "TRUE" as a logical, and refuses a criterion over 255 characters:
    such names are counted with EXACT, which LibreOffice and Excel agree on."""
    fleksjob = PlacementType.get(PlacementType.name == "Fleksjob")
    for name in ("1", "01", "TRUE", "*" * 200):
        JobPlacement.create(
            enterprise=Enterprise.create(name=name), date=dt.date(2018, 5, 5), type=fleksjob, channel="jobcenter"
        )
    source = tmp_path / "jobs.xlsx"
    book = build_job_status(job_status(MID_YEAR), source)
    sheet = openpyxl.load_workbook(source)["Pr. virksomhed"]
    formulas = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(5, sheet.max_row + 1)}
    assert all(formulas[name].startswith("=SUMPRODUCT(--EXACT(") for name in ("1", "01", "TRUE", "*" * 200))
    assert formulas["Sumak"].startswith("=COUNTIFS(")  # readable where COUNTIFS is exact
    assert _mismatches(recalculated(source, tmp_path / "lo"), book.expected) == {}


def test_a_share_that_becomes_whole_after_an_edit_prints_without_decimals(example_db, tmp_path):
    """Exported at 56,7 % (17 of 30); one more job through the Jobcenter in the list makes it 60 %, which
    prints as "60 %", as the report prints it, not "60,0 %"."""
    source = tmp_path / "jobs.xlsx"
    data = job_status(MID_YEAR)
    build_job_status(data, source)
    row = next(i for i, line in enumerate(data.placements) if line.channel != "Gennem Jobcenteret") + 2
    edits = [{"sheet": "Ansættelser", "cell": f"D{row}", "string": "Gennem Jobcenteret"}]
    pages = page_texts(convert(recalculated(source, tmp_path / "lo", edits), "pdf", tmp_path))
    assert re.search(r"Andel af årets mål nået\s+60 %", pages[0]), pages[0]
