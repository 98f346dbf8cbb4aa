"""Templates as municipalities make them (a footer table, numbered headings, even/odd footers, a page number in
the header, wrong-typed styles, impossible margins, two columns, last year's report, protection, macros): the
report is written with one page number per page and its own heading numbers, or refused with a Danish message."""

import os
import zipfile

import pytest
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from desktop.exports import export_report
from models.errors import ExportError


def _save(document, tmp_path, name="skabelon.docx"):
    path = tmp_path / name
    document.save(str(path))
    return path


def _page_field(paragraph, instruction="PAGE"):
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def _page_fields(story) -> int:
    return sum(
        1
        for instr in story._element.iter(qn("w:instrText"), qn("w:fldSimple"))
        if (instr.text or instr.get(qn("w:instr")) or "").split()[:1] == ["PAGE"]
    )


def test_a_footer_with_an_address_table_gets_its_page_number(example_db, tmp_path):
    document = Document()
    table = document.sections[0].footer.add_table(1, 2, Cm(15))
    table.cell(0, 0).text, table.cell(0, 1).text = "Slagelse Kommune", "Rådhuspladsen 11"
    output = tmp_path / "r.docx"
    export_report(2018, output, template=_save(document, tmp_path))
    section = Document(str(output)).sections[0]
    assert _page_fields(section.footer) == 1
    assert section.footer.tables[0].cell(0, 1).text == "Rådhuspladsen 11"
    assert "Rådhuspladsen 11" in section.first_page_footer._element.xml and _page_fields(section.first_page_footer) == 0


def _numbered_template(tmp_path, *, drop_titles=False):
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
            '<w:lvlText w:val="%1"/><w:lvlJc w:val="left"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
            '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[name].element.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    if drop_titles:
        styles = document.styles.element
        for style in list(styles):
            name = style.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) in ("Title", "Subtitle", "TOC Heading"):
                styles.remove(style)
    return _save(document, tmp_path, "nummereret.docx")


def _numbering_off(paragraph, fixer_styles) -> bool:
    """Whether the paragraph is not numbered by a list: its own numId 0, or a style chain ending in numId 0/none."""
    ppr = paragraph._p.pPr
    own = ppr.find(qn("w:numPr")) if ppr is not None else None
    if own is not None:
        return own.find(qn("w:numId")).get(qn("w:val")) == "0"
    style = paragraph.style
    while style is not None:
        num_pr = style.element.pPr.find(qn("w:numPr")) if style.element.pPr is not None else None
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is not None:
            return num_id.get(qn("w:val")) == "0"
        style = style.base_style
    return True


@pytest.mark.parametrize("drop_titles", [False, True])
def test_a_template_with_numbered_headings_gives_one_number_and_an_unnumbered_title_page(
    example_db, tmp_path, drop_titles
):
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=_numbered_template(tmp_path, drop_titles=drop_titles))
    assert any("nummereres automatisk" in w for w in warnings)
    document = Document(str(output))
    styled = [
        p
        for p in document.paragraphs
        if p.style.name in ("Title", "Subtitle", "TOC Heading") or p.style.name.startswith("Heading")
    ]
    assert any(p.text == "1. Indledning" for p in styled)
    assert any(p.text == "Den Socialøkonomiske Årsrapport 2018" for p in styled)
    for paragraph in styled:
        assert _numbering_off(paragraph, document.styles), paragraph.text


def test_the_page_number_check_looks_for_a_page_field_not_the_letters(example_db, tmp_path):
    document = Document()
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = "Slagelse Kommune · www.slagelse.dk/homepage"
    frame = OxmlElement("w:framePr")
    frame.set(qn("w:hAnchor"), "page")
    frame.set(qn("w:vAnchor"), "page")
    paragraph._p.get_or_add_pPr().insert(0, frame)
    from exporters.word_pages import has_page_field

    assert not has_page_field(document.sections[0].footer._element)
    output = tmp_path / "r.docx"
    export_report(2018, output, template=_save(document, tmp_path))
    footer = Document(str(output)).sections[0].footer
    assert _page_fields(footer) == 1 and "homepage" in footer.paragraphs[0].text
    numpages = Document()
    _page_field(numpages.sections[0].footer.paragraphs[0], "NUMPAGES")
    assert not has_page_field(numpages.sections[0].footer._element)


@pytest.mark.parametrize("texts", [True, False])
def test_even_pages_get_their_page_number_too(example_db, tmp_path, texts):
    document = Document()
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    if texts:
        section.footer.paragraphs[0].text = "Slagelse Kommune"
        section.even_page_footer.paragraphs[0].text = "Slagelse Kommune"
    else:
        section.even_page_header.paragraphs[0].text = "Lige sider"
    output = tmp_path / "r.docx"
    export_report(2018, output, template=_save(document, tmp_path))
    section = Document(str(output)).sections[0]
    assert _page_fields(section.footer) == 1 and _page_fields(section.even_page_footer) == 1


def test_a_page_number_in_the_header_is_not_doubled_and_not_on_the_title_page(example_db, tmp_path):
    document = Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Slagelse Kommune   Side ")
    _page_field(header)
    header.add_run(" af ")
    _page_field(header, "NUMPAGES")
    output = tmp_path / "r.docx"
    export_report(2018, output, template=_save(document, tmp_path))
    section = Document(str(output)).sections[0]
    assert _page_fields(section.header) == 1 and _page_fields(section.footer) == 0
    first = section.first_page_header
    assert "Slagelse Kommune" in first.paragraphs[0].text
    assert _page_fields(first) == 0 and "NUMPAGES" not in first._element.xml
    assert "Side" not in first.paragraphs[0].text and " af" not in first.paragraphs[0].text


def test_a_footer_with_its_own_number_is_not_numbered_on_the_title_page(example_db, tmp_path):
    document = Document()
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Slagelse Kommune – Side ")
    _page_field(footer)
    output = tmp_path / "r.docx"
    export_report(2018, output, template=_save(document, tmp_path))
    section = Document(str(output)).sections[0]
    assert _page_fields(section.footer) == 1
    assert _page_fields(section.first_page_footer) == 0
    assert section.first_page_footer.paragraphs[0].text.strip() == "Slagelse Kommune"


@pytest.mark.parametrize("name", ["Heading 1", "Caption"])
def test_a_style_of_the_wrong_type_gets_a_substitute(example_db, tmp_path, name):
    document = Document()
    document.styles[name].element.set(qn("w:type"), "character")
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=_save(document, tmp_path))
    assert any(f"«{name}» er ikke en afsnitstypografi" in w for w in warnings)
    used = {p.style.name for p in Document(str(output)).paragraphs}
    assert f"{name} (rapport)" in used


def test_a_template_without_normal_gets_one(example_db, tmp_path):
    document = Document()
    styles = document.styles.element
    for style in list(styles):
        styles.remove(style)
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=_save(document, tmp_path))
    assert any("«Normal»" in w for w in warnings)
    assert Document(str(output)).styles["Normal"].type == 1


@pytest.mark.parametrize("margin", [11, 9.5])
def test_margins_that_leave_no_room_are_refused_in_danish(example_db, tmp_path, margin):
    document = Document()
    section = document.sections[0]
    section.page_width = Cm(21)
    section.left_margin = section.right_margin = Cm(margin)
    output = tmp_path / "r.docx"
    with pytest.raises(ExportError, match="margener"):
        export_report(2018, output, template=_save(document, tmp_path))
    assert not output.exists()


def _picture_extents(path):
    document = Document(str(path))
    return [(shape.width, shape.height) for shape in document.inline_shapes]


def test_pictures_fit_the_height_of_a_landscape_page_and_the_column_of_a_two_column_page(example_db, tmp_path):
    landscape = Document()
    section = landscape.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(4)
    output = tmp_path / "liggende.docx"
    export_report(2018, output, template=_save(landscape, tmp_path, "liggende-skabelon.docx"))
    for width, height in _picture_extents(output):
        assert width <= Cm(26.7) and height <= Cm(13) * 0.8 + 1
    columns = Document()
    section = columns.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(21), Cm(2), Cm(2)
    cols = section._sectPr.find(qn("w:cols"))
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "708")
    output = tmp_path / "spalter.docx"
    export_report(2018, output, template=_save(columns, tmp_path, "spalte-skabelon.docx"))
    column = (Cm(17) - 708 * 635) // 2 + 1000  # the page width is stored in twips
    extents = _picture_extents(output)
    assert extents and all(width <= column for width, _height in extents)
    for table in Document(str(output)).tables:
        assert int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) * 635 <= column


def test_last_years_report_as_template_leaves_no_comments_or_pictures(example_db, tmp_path):
    old = tmp_path / "sidste-aar.docx"
    export_report(2018, old)
    Document(str(old)).sections[0].footer.paragraphs[0].add_run(" 2016")
    last = Document(str(old))
    last.sections[0].footer.paragraphs[0].add_run(" (Årsrapport 2016)")
    last.save(str(old))
    with zipfile.ZipFile(old) as archive:
        assert any(n.startswith("word/media/") for n in archive.namelist())
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=old)
    assert any("2016" in w and "sidefod" in w for w in warnings)
    document = Document(str(output))
    with zipfile.ZipFile(output) as archive:
        assert len([n for n in archive.namelist() if n.startswith("word/media/")]) == 2
        comments = archive.read("word/comments.xml").decode()
    referenced = document.element.body.xml.count("<w:commentReference")
    assert comments.count("<w:comment ") == referenced


def test_a_protected_template_gives_an_editable_draft(example_db, tmp_path):
    document = Document()
    document.settings.element.insert(
        2, parse_xml(f'<w:documentProtection {nsdecls("w")} w:edit="readOnly" w:enforcement="1"/>')
    )
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=_save(document, tmp_path))
    assert any("redigeringsbegrænsning" in w for w in warnings)
    with zipfile.ZipFile(output) as archive:
        assert b"documentProtection" not in archive.read("word/settings.xml")


def test_a_macro_template_is_refused_with_its_own_message(example_db, tmp_path):
    plain = _save(Document(), tmp_path, "plain.docx")
    macro = tmp_path / "makro.dotm"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(macro, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                )
            target.writestr(item, data)
    with pytest.raises(ExportError, match=r"makroer \(.dotm"):
        export_report(2018, tmp_path / "r.docx", template=macro)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_template_that_is_not_a_regular_file_is_refused(example_db, tmp_path):
    fifo = tmp_path / "skabelon.docx"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="ikke en almindelig fil"):
        export_report(2018, tmp_path / "r.docx", template=fifo)


def test_a_special_first_page_without_its_own_header_gets_the_ordinary_one(example_db, tmp_path):
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Egeskov Kommune – logo"
    output = tmp_path / "r.docx"
    warnings = export_report(2018, output, template=_save(document, tmp_path))
    assert any("særlig første side" in w for w in warnings)
    assert "Egeskov Kommune – logo" in Document(str(output)).sections[0].first_page_header.paragraphs[0].text


def test_a_template_with_several_sections_is_warned_about(example_db, tmp_path):
    from docx.enum.section import WD_ORIENT, WD_SECTION

    document = Document()
    document.add_paragraph("Brødtekst")
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    warnings = export_report(2018, tmp_path / "r.docx", template=_save(document, tmp_path))
    assert any("2 sektioner" in w for w in warnings)
