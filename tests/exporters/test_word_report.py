"""The Word report, read back with python-docx: structure, styles, fields, figures from data."""

import datetime as dt
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from desktop.exports import export_report
from exporters.safe_write import write_atomically
from models.enterprises import Enterprise, EnterpriseText
from models.errors import ExportError
from models.grants import GrantFunder
from models.placements import JobPlacement, PlacementType
from tests.exporters.conftest import document_text

SEED_NUMBERS = ["1", "2", "2.1", "3", "4", "5", "6", *[f"6.{i}" for i in range(1, 11)], "7", "7.1", "7.2"]


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_headings_follow_the_seeds_table_of_contents(report_path):
    document = Document(str(report_path))
    numbered = [h.split(" ")[0].rstrip(".") for h in _headings(document, 1) + _headings(document, 2) if h[0].isdigit()]
    assert sorted(numbered, key=lambda n: [int(x) for x in n.split(".")]) == SEED_NUMBERS
    assert _headings(document, 1)[0] == "1. Indledning"
    assert "2.1 Mød virksomheder og initiativer" in _headings(document, 2)
    assert _headings(document, 1)[-1] == "Hjemmel og referencer"


def test_section_2_presents_every_enterprise_in_report_order(report_path):
    document = Document(str(report_path))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("2.1 "))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("3. "))
    presented = [p.text for p in paragraphs[start:end] if p.style.name == "Heading 3"]
    assert presented == [e.name for e in Enterprise.select().order_by(Enterprise.report_order)]
    assert len(presented) == 20
    sumak = next(i for i in range(start, end) if paragraphs[i].text == "Sumak")
    following = [p.text for p in paragraphs[sumak + 1 : sumak + 8]]
    assert any(t.startswith("Målgruppe: Forløbsdeltagere og fleksjobbere") for t in following)


def test_the_seeds_figures_come_from_data(report_path):
    text = document_text(report_path)
    assert "med udgangen af 2018 19 socialøkonomiske virksomheder" in text
    assert "leveret 35 jobs" in text
    assert "Fleksjob: 21, Deltidsjob: 7, Fuldtid: 3, Løntilskud: 4" in text
    assert "yderligere ansat 29" in text
    for amount in (
        "MinaGroup har modtaget 150.000 kr.",
        "Sumak har modtaget 475.000 kr.",
        "VeteranHaven har i alt modtaget 412.000 kr.",
        "Danmarks Busmuseum har i alt modtaget ca. 650.000 kr.",
    ):
        assert amount in text
    for funder in GrantFunder.select():
        assert funder.name in text
    assert re.search(r"Afsluttede forløb i alt \| 25", text) and "40 % (10 af 25)" in text
    assert "16 % er stoppet" in text
    assert re.search(r"Afsluttede forløb i alt \| 34", text) and "64,7 % (22 af 34)" in text
    assert "udfaldene summer til 36" not in text  # a note for the author, not for the committee
    assert any("udfaldene summer til 36" in c.text for c in Document(str(report_path)).comments)
    assert "7 socialøkonomiske virksomheder og initiativer har sagt ja" in text
    assert "er der 2018 5 registrerede" in text and "Pt. arbejder 5 virksomheder" in text
    assert "afholdt 4 netværksmøder" in text and "inviteret til 6 netværksmøder i 2019" in text
    assert "283 registrerede socialøkonomiske virksomheder i Danmark" in text
    assert "Anbefaling jf. punkt 6.10:" in text and "Anbefaling jf. punkt 6.1:" in text
    assert "{{" not in text


def test_a_placement_added_changes_every_place_that_depends_on_it(example_db, tmp_path):
    before = document_text(_export(tmp_path / "før.docx"))
    JobPlacement.create(
        enterprise=Enterprise.get(Enterprise.name == "Sumak"),
        date=dt.date(2018, 11, 1),
        type=PlacementType.get(PlacementType.name == "Fleksjob"),
        channel="jobcenter",
    )
    after = document_text(_export(tmp_path / "efter.docx"))
    changes = [
        ("leveret 35 jobs", "leveret 36 jobs"),
        ("ansat 35 personer", "ansat 36 personer"),
        ("Fleksjob: 21,", "Fleksjob: 22,"),
        ("Fleksjob | 21", "Fleksjob | 22"),
        ("I alt gennem Jobcenteret | 35", "I alt gennem Jobcenteret | 36"),
    ]
    for old, new in changes:
        assert old in before and new not in before, old
        assert new in after and old not in after, new


def _export(path):
    export_report(2018, path)
    return path


def test_real_word_styles_toc_field_page_numbers_and_properties(report_path):
    document = Document(str(report_path))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Quote", "Caption"} <= styles
    body = document.element.body.xml
    assert 'TOC \\o "1-3"' in body
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert document.sections[0].different_first_page_header_footer
    props = document.core_properties
    assert props.title == "Den Socialøkonomiske Årsrapport 2018"
    assert props.author == "Den socialøkonomiske enhed" and props.language == "da-DK"
    lang = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    )
    assert lang.get(qn("w:val")) == "da-DK"


def test_tables_repeat_their_header_rows_and_have_a_style(report_path):
    document = Document(str(report_path))
    assert len(document.tables) >= 6
    for table in document.tables:
        assert table.style is not None
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_two_charts_are_embedded_as_images(report_path):
    with zipfile.ZipFile(report_path) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(images) == 2
    text = document_text(report_path)
    assert "Figur 1: Aktive socialøkonomiske virksomheder" in text
    assert "Figur 2: Ansættelser i 2018 gennem Jobcenteret og virksomhedernes egne kanaler" in text


def test_warnings_name_the_inconsistent_agreement(report_path):
    assert any("udfaldene summer til 36" in w for w in report_path.warnings)


def _template(tmp_path, *, drop=("Quote", "Heading 3")):
    document = Document()
    styles = document.styles.element
    for style in list(styles):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in {d.lower() for d in drop} | set(drop):
            styles.remove(style)
    section = document.sections[0]
    section.left_margin = section.right_margin = 914400 * 1  # 1 inch, unlike the default
    section.header.paragraphs[0].text = "Slagelse Kommune – logo"
    document.add_paragraph("Skabelonens eksempeltekst, som rapporten erstatter.")
    path = tmp_path / "skabelon.docx"
    document.save(str(path))
    return path


def test_template_styles_header_and_margins_are_used(example_db, tmp_path):
    template = _template(tmp_path)
    output = tmp_path / "med-skabelon.docx"
    warnings = export_report(2018, output, template=template)
    assert any("«Quote»" in w for w in warnings) and any("«Heading 3»" in w for w in warnings)
    document = Document(str(output))
    assert document.sections[0].header.paragraphs[0].text == "Slagelse Kommune – logo"
    assert document.sections[0].left_margin == 914400
    assert "Skabelonens eksempeltekst" not in document_text(output)
    assert len(_headings(document, 3)) >= 20  # the style was added, the headings kept


def test_a_template_that_is_not_a_word_document_is_refused(example_db, tmp_path):
    template = tmp_path / "skabelon.docx"
    template.write_text("ikke et dokument", encoding="utf-8")
    with pytest.raises(ExportError, match="kan ikke læses"):
        export_report(2018, tmp_path / "r.docx", template=template)
    assert not (tmp_path / "r.docx").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "rapport.docx"
    target.write_bytes(b"old")

    def fail(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="ikke plads"):
        write_atomically(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.docx"]


def test_a_document_open_in_word_is_not_overwritten(report_path):
    before = report_path.read_bytes()
    lock = report_path.with_name("~$" + report_path.name[2:])
    lock.write_text("lock", encoding="utf-8")
    with pytest.raises(ExportError, match="åben i et andet program"):
        export_report(2018, report_path)
    assert report_path.read_bytes() == before


def test_an_unwritable_folder_gives_a_clear_message(example_db, tmp_path):
    with pytest.raises(ExportError, match="findes ikke"):
        export_report(2018, tmp_path / "mangler" / "r.docx")


def test_control_characters_are_removed_with_a_warning(example_db, tmp_path):
    text = EnterpriseText.select().first()
    EnterpriseText.update(plans=text.plans + "\x0bSlut").where(EnterpriseText.id == text.id).execute()
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output)
    assert any("styretegn" in w for w in warnings)
    assert "Slut" in document_text(output)


def test_a_year_without_texts_is_refused(example_db, tmp_path):
    from models.errors import StoreError

    with pytest.raises(StoreError, match="ingen årsrapport-tekster for 2019"):
        export_report(2019, tmp_path / "r.docx")


def test_command_line_export(example_db, db_path, tmp_path, capsys):
    from desktop.cli import main

    output = tmp_path / "cli.docx"
    assert main(["export-report", "--year", "2018", "--output", str(output), "--database", str(db_path)]) == 0
    assert output.exists() and "gemt" in capsys.readouterr().out
    assert (
        main(["export-report", "--year", "2018", "--output", str(tmp_path / "x.txt"), "--database", str(db_path)]) == 2
    )
    assert ".docx" in capsys.readouterr().err


def test_a4_with_pictures_and_tables_at_the_text_width(report_path):
    document = Document(str(report_path))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.5
    text_width = section.page_width - section.left_margin - section.right_margin
    shapes = document.inline_shapes
    assert len(shapes) == 2 and all(abs(s.width - text_width) < 12700 for s in shapes)
    for table in document.tables:
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(widths) * 635 - text_width) < 635 * len(widths) * 2
    grants = next(t for t in document.tables if t.rows[0].cells[0].text == "Virksomhed")
    widths = [int(c.get(qn("w:w"))) for c in grants._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[0] > widths[3]  # names get the room, the year column is narrow


def test_captions_are_numbered_and_unique(report_path):
    document = Document(str(report_path))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(set(captions)) >= 6
    figures = [c for c in captions if c.startswith("Figur")]
    tables = [c for c in captions if c.startswith("Tabel")]
    assert [c.split(":")[0] for c in figures] == ["Figur 1", "Figur 2"]
    assert [c.split(":")[0] for c in tables] == [f"Tabel {n}" for n in range(1, len(tables) + 1)]
    assert "SEQ Tabel" in document.element.body.xml


def test_pictures_have_alternative_text_with_the_numbers(report_path):
    document = Document(str(report_path))
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    jobs = next(d for d in descriptions if "Ansættelser" in d)
    assert "Gennem Jobcenteret: 35 (Fleksjob 21, Deltidsjob 7, Fuldtid 3, Løntilskud 4)" in jobs
    assert "Gennem egne kanaler: 29" in jobs and "Mål: 30 jobs gennem Jobcenteret" in jobs
    enterprises = next(d for d in descriptions if "Aktive" in d)
    assert "2018: 19" in enterprises and "Mål: 25" in enterprises


def test_own_channel_jobs_are_not_a_job_type(report_path):
    text = document_text(report_path)
    assert "Ikke oplyst" not in text
    assert "I alt gennem Jobcenteret | 35" in text and "| 64" not in text


def test_properties_are_todays_and_the_applications(report_path):
    document = Document(str(report_path))
    props = document.core_properties
    assert props.created.date() == props.modified.date() == dt.datetime.now(dt.UTC).date()
    with zipfile.ZipFile(report_path) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert not [n for n in names if "thumbnail" in n]
    assert "<Application>Socialøkonomi</Application>" in app and "Macintosh" not in app
    assert "Slagelse Kommune" in app
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)


def test_an_unfilled_field_is_highlighted_and_commented(example_db, tmp_path):
    from models.report_texts import ReportSection

    section = ReportSection.get(ReportSection.number == "3")
    ReportSection.update(body=section.body + "\n\nI alt {{findes_ikke}} stk.").where(
        ReportSection.id == section.id
    ).execute()
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output)
    assert any("findes_ikke" in w for w in warnings)
    document = Document(str(output))
    run = next(r for p in document.paragraphs for r in p.runs if r.text == "{{findes_ikke}}")
    assert run.font.highlight_color is not None
    assert any("{{findes_ikke}}" in c.text for c in document.comments)


def test_template_errors_speak_danish_without_internals(example_db, tmp_path):
    not_zip = tmp_path / "gammel.docx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0 an old .doc")
    folder = tmp_path / "skabeloner.docx"
    folder.mkdir()
    for template, expected in ((not_zip, "ældre .doc-fil"), (folder, "er en mappe")):
        with pytest.raises(ExportError) as raised:
            export_report(2018, tmp_path / "r.docx", template=template)
        message = str(raised.value)
        assert expected in message and "zip" not in message.lower() and "0x" not in message
    assert not (tmp_path / "r.docx").exists()


def test_titles_added_from_a_templates_heading_stay_out_of_the_table_of_contents(example_db, tmp_path):
    template = _template(tmp_path, drop=("Title", "Subtitle"))
    output = tmp_path / "r.docx"
    export_report(2018, output, template=template)
    document = Document(str(output))
    for name in ("Title", "Subtitle"):
        style = document.styles[name]
        assert style.base_style.name == "Heading 1"
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "9"
