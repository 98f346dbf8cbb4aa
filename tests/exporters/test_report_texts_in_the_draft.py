"""What the report's texts become in the draft: fields in titles filled, block fields explained where they cannot
stand, a year without data or sections said so instead of printed as zeros, every CPR-like number masked, no
standard text in the properties; and the commands around it (the instance lock, the template kept)."""

import re
import zipfile

import pytest
from docx import Document

from desktop.cli import main
from desktop.exports import export_report
from models import editing
from models.errors import ExportError
from models.report_texts import ReportSection, ReportYear
from models.store import close_database, open_database
from tests.exporters.conftest import document_text


def test_fields_in_the_title_and_section_titles_are_filled(example_db, tmp_path):
    year = ReportYear.get(ReportYear.year == 2018)
    first = year.sections.order_by(ReportSection.position).first()
    editing.update(ReportSection, first.id, {"title": "Status for {{aar}}"})
    editing.update(ReportYear, year.id, {"title": "Årsrapport {{aar}} for socialøkonomi"})
    output = tmp_path / "r.docx"
    export_report(2018, output)
    document = Document(str(output))
    assert document.core_properties.title == "Årsrapport 2018 for socialøkonomi"
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Årsrapport 2018 for socialøkonomi"]
    assert "1. Status for 2018" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "{{" not in document.sections[0].footer._element.xml


def test_a_block_field_on_its_own_line_works_and_one_inside_a_sentence_is_explained(example_db, tmp_path):
    section = ReportSection.get(ReportSection.number == "3")
    body = section.body + "\n\nSe tabellen: {{job_tabel}}\n{{tilskud}}"
    editing.update(ReportSection, section.id, {"body": body})
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output)
    assert any("{{job_tabel}} skal stå alene i sit eget afsnit" in w for w in warnings)
    document = Document(str(output))
    texts = [p.text for p in document.paragraphs]
    assert "Se tabellen: {{job_tabel}}" in texts and "{{tilskud}}" not in document_text(output)
    assert len([t for t in texts if t.startswith("Tabel ") and "Tilskud modtaget i 2018" in t]) == 2
    assert any("skal stå alene i sit eget afsnit" in c.text for c in document.comments)


def test_a_year_without_data_states_no_zeros_as_facts(example_db, tmp_path, db_path):
    close_database()
    assert main(["new-report-year", "--year", "2019", "--database", str(db_path)]) == 0
    open_database(db_path)
    output = tmp_path / "r.docx"
    warnings = export_report(2019, output)
    assert any("ingen ansættelser eller netværksmøder registreret for 2019" in w for w in warnings)
    text = document_text(output)
    assert "ansat 0 personer" not in text and "afholdt 0 netværksmøder" not in text
    assert "{{job_jobcenter}}" in text and "Der er ingen ansættelser registreret for 2019." in text
    assert "I alt gennem Jobcenteret" not in text
    comments = [c.text for c in Document(str(output)).comments]
    assert any("Er årets data indtastet?" in c for c in comments)


def test_a_year_without_sections_says_so(example_db, tmp_path):
    ReportYear.create(year=2019, title="Årsrapport", committees="", municipality="", unit="")
    output = tmp_path / "r.docx"
    warnings = export_report(2019, output)
    assert any("Årsrapporten for 2019 har ingen afsnit" in w for w in warnings)
    assert any("har ingen afsnit" in c.text for c in Document(str(output)).comments)


def test_every_printed_cpr_like_number_is_masked_and_named(example_db, tmp_path):
    from models.grants import Grant
    from models.report_texts import SectionDecision

    first = ReportSection.select().order_by(ReportSection.id).first()
    ReportSection.update(title=first.title + " 040480-2222").where(ReportSection.id == first.id).execute()
    decision = SectionDecision.select().order_by(SectionDecision.id).first()
    SectionDecision.update(quote=decision.quote + " Borger 010190-1234").where(
        SectionDecision.id == decision.id
    ).execute()
    grant = Grant.select().order_by(Grant.id).first()
    Grant.update(note="Kontakt 020285 4321").where(Grant.id == grant.id).execute()
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output)
    with zipfile.ZipFile(output) as archive:
        xml = archive.read("word/document.xml").decode()
    assert not re.search(r"(040480-2222|010190-1234|020285 4321)", xml)
    assert "040480-XXXX" in xml and "010190-XXXX" in xml and "020285-XXXX" in xml
    for masked in ("040480-XXXX", "010190-XXXX", "020285-XXXX"):
        assert any(masked in w and "Teksten «" in w for w in warnings)
    assert sum("CPR-nummer" in c.text for c in Document(str(output)).comments) >= 3


def test_standard_texts_stay_out_of_the_properties(example_db, tmp_path):
    year = ReportYear.get(ReportYear.year == 2018)
    editing.update(ReportYear, year.id, {"unit": "[Pladsholder] Enhedens navn", "committees": "[Pladsholder] Udvalg"})
    output = tmp_path / "r.docx"
    export_report(2018, output)
    props = Document(str(output)).core_properties
    assert "Enhedens navn" not in (props.author + props.last_modified_by) and "Udvalg" not in props.subject
    with zipfile.ZipFile(output) as archive:
        assert b"Enhedens navn" not in archive.read("docProps/app.xml")


def test_the_report_cannot_be_saved_over_its_template(example_db, tmp_path):
    template = tmp_path / "skabelon.docx"
    Document().save(str(template))
    before = template.read_bytes()
    for output in (template, tmp_path / "." / "skabelon.docx"):
        with pytest.raises(ExportError, match="oven i skabelonen"):
            export_report(2018, output, template=template)
    assert template.read_bytes() == before


@pytest.mark.sqlite_only  # the lock is a file beside a database file; a server locks rows itself
def test_new_report_year_waits_for_the_window_that_has_the_database(example_db, db_path, capsys):
    from tests.desktop.test_safe_open import _hold_lock

    close_database()
    holder = _hold_lock(db_path)
    try:
        assert main(["new-report-year", "--year", "2030", "--database", str(db_path)]) == 2
        assert "allerede åben" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    open_database(db_path)
    assert ReportYear.get_or_none(ReportYear.year == 2030) is None


def test_a_section_number_typed_with_a_dot_stays_a_main_section(example_db, tmp_path):
    year = ReportYear.get(ReportYear.year == 2018)
    sections = list(year.sections.order_by(ReportSection.position))
    ReportSection.update(number="1.").where(ReportSection.id == sections[0].id).execute()
    ReportSection.update(number="6.1.1").where(ReportSection.id == sections[-1].id).execute()
    output = tmp_path / "r.docx"
    export_report(2018, output)
    document = Document(str(output))
    assert "1. Indledning" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert any(p.text.startswith("6.1.1 ") for p in document.paragraphs if p.style.name == "Heading 3")


def test_the_enterprise_chart_starts_with_the_first_enterprise_and_keeps_a_far_deadline_out(example_db):
    import datetime as dt

    from models.activities import Goal
    from models.enterprises import Enterprise
    from models.report_data import build_report

    Enterprise.update(opened=dt.date(2015, 1, 1)).execute()
    Enterprise.update(opened=dt.date(2012, 3, 1)).where(
        Enterprise.id == Enterprise.select(Enterprise.id).order_by(Enterprise.id).limit(1).scalar()
    ).execute()
    Goal.update(deadline=dt.date(2060, 12, 31)).where(Goal.measure == "enterprises_active").execute()
    chart = build_report(2018).charts["enterprises"]
    assert chart.categories[0] == "2012" and chart.categories[-1] == "2023"
    assert "2060" in chart.target_label
    first = Enterprise.select(Enterprise.id).order_by(Enterprise.id).limit(1).scalar()
    Enterprise.update(opened=None).where(Enterprise.id == first).execute()  # no start date: no history to draw
    assert build_report(2018).charts["enterprises"].categories[0] == "2018"
