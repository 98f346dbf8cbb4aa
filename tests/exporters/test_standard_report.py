"""A municipality that starts from nothing: ``new-report-year`` creates the standard structure and
``export-report`` then writes a complete report with the municipality's own figures, each placeholder a comment."""

import re

import pytest
from docx import Document

from desktop.cli import main
from models.enterprises import EnterpriseText
from models.errors import StoreError
from models.history import AuditEntry
from models.report_texts import ReportSection, ReportYear
from models.standard_report import create_standard_year, new_report_year
from models.store import close_database, open_database
from tests.exporters import invented_municipality as town
from tests.exporters.conftest import document_text


@pytest.fixture
def town_db(db_path):
    open_database(db_path)
    town.build()
    close_database()
    return db_path


def test_a_year_without_texts_gets_the_standard_report_from_the_command_line(town_db, tmp_path, capsys):
    output = tmp_path / "rapport.docx"
    export = ["export-report", "--year", str(town.YEAR), "--output", str(output), "--database", str(town_db)]
    assert main(export) == 2  # before: no report texts
    assert "new-report-year --year 2031" in capsys.readouterr().err

    assert main(["new-report-year", "--year", str(town.YEAR), "--database", str(town_db)]) == 0
    assert "standardopbygningen" in capsys.readouterr().out
    assert main(export) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err

    text = document_text(output)
    flat = re.sub(r"\s+", " ", text)
    assert f"Ved udgangen af {town.YEAR} er der 4 aktive" in flat  # the closed one is not counted
    assert f"ansat {town.JOBCENTER_TOTAL} personer gennem Jobcenteret og {town.OWN_TOTAL} gennem" in flat
    assert "Ordinært job | 3" in text and "Skånejob | 7" in text
    assert f"I alt gennem Jobcenteret | {town.JOBCENTER_TOTAL}" in text
    assert "87.500 kr." in flat and "Lindetræets Støttefond" in flat
    assert "Netværksmøder afholdt i 2031: 3." in flat and "Indkøb hos lokale leverandører" in flat
    assert "ved udgangen af 2031 (i alt 1):" in flat and "1 virksomheder" not in flat  # no number-agreement slip
    for name in town.ENTERPRISES:
        assert name in text
    assert "Lukket Værksted Nord" not in text
    assert "{{" not in text and "[Pladsholder]" not in text
    for seed_word in ("Slagelse", "Sumak", "VeteranHaven", "2018"):
        assert seed_word not in text, seed_word

    document = Document(str(output))
    comments = [c.text for c in document.comments]
    placeholders = [c for c in comments if c.startswith("Standardtekst")]
    assert len(placeholders) >= 10 + len(town.ENTERPRISES)  # foreword, sections, stories, each presentation
    for comment in placeholders:
        assert comment in err  # the same note on stderr
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert "6.3 Ansættelser i socialøkonomiske virksomheder" in headings and "7. Anbefalinger" in headings


def test_the_standard_structure_is_created_as_one_audited_command(town_db):
    from models.standard_report import new_report_year

    open_database(town_db)
    try:
        before = AuditEntry.select().count()
        created = new_report_year(town.YEAR)
        assert [s.number for s in created.sections.order_by(ReportSection.position)][:3] == ["1", "2", "2.1"]
        assert EnterpriseText.select().where(EnterpriseText.year == town.YEAR).count() == len(town.ENTERPRISES)
        entries = list(AuditEntry.select().where(AuditEntry.id > 0).order_by(AuditEntry.id))[before:]
        assert [e.action for e in entries] == ["new-report-year"] and "afsnit" in entries[0].new
        with pytest.raises(StoreError, match="findes allerede"):
            create_standard_year(town.YEAR)
        assert ReportYear.select().count() == 1
    finally:
        close_database()


def test_copying_from_the_year_before_and_refusals(example_db, tmp_path, capsys, db_path):
    close_database()
    assert main(["new-report-year", "--year", "2019", "--from", "2018", "--database", str(db_path)]) == 0
    assert "kopi af 2018" in capsys.readouterr().out
    assert main(["new-report-year", "--year", "2019", "--database", str(db_path)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert main(["new-report-year", "--year", "2021", "--from", "2019", "--database", str(db_path)]) == 2
    assert "året før (2020)" in capsys.readouterr().err
    assert main(["new-report-year", "--year", "tyve", "--database", str(db_path)]) == 2
    open_database(db_path)
    assert [r.year for r in ReportYear.select().order_by(ReportYear.year)] == [2018, 2019]
    copied = ReportYear.get(ReportYear.year == 2019)
    assert copied.sections.count() == ReportYear.get(ReportYear.year == 2018).sections.count()
    assert not copied.revised


def test_a_copy_keeps_the_municipalitys_names_and_a_new_year_takes_them_over(example_db):
    created = new_report_year(2020)
    assert created.municipality == "Slagelse Kommune" and "[Pladsholder]" in created.foreword


def test_a_failure_midway_leaves_no_half_made_year(town_db, monkeypatch):
    from models import editing
    from models.errors import ValidationError
    from models.standard_report import new_report_year

    real_add, calls = editing.add_checked, []

    def failing_add(model, values=None, **fields):
        calls.append(model)
        if len(calls) == 6:
            raise ValidationError("", "Disken er fuld.")
        return real_add(model, values, **fields)

    monkeypatch.setattr(editing, "add_checked", failing_add)
    open_database(town_db)
    try:
        with pytest.raises(StoreError, match="fuld"):
            new_report_year(town.YEAR)
        assert ReportYear.select().count() == 0 and ReportSection.select().count() == 0
    finally:
        close_database()
