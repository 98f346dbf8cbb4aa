"""The report as a committee member gets it, rendered by LibreOffice: without a template and with two municipal
templates (a narrow text area with a footer of its own; one saved the way Word saves, without List Bullet, a table
style or a numbering part). Each must be A4, keep every picture inside the text area, number its pages, show its
bullets, draw its tables with borders, describe every picture, and carry no note for the author in its body."""

import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest
from docx import Document

from desktop.exports import export_report
from tests.exporters import word_templates
from tests.helpers.libreoffice import convert, needs_libreoffice

pytestmark = needs_libreoffice

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
BULLETS = ("•", "\uf0b7", "·")  # Word's Symbol-font bullet comes out of the PDF as U+F0B7
TEMPLATES = {"standard": None, "smal": word_templates.narrow_with_footer_text, "word": word_templates.saved_by_word}


def _cm(length: str) -> float:
    number, unit = re.fullmatch(r"(-?[\d.]+)([a-z]*)", length).groups()
    return float(number) * {"cm": 1, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "": 1}[unit]


class Rendered:
    def __init__(self, docx, warnings, pdf, odt):
        self.docx, self.warnings, self.pdf = docx, warnings, pdf
        with zipfile.ZipFile(odt) as archive:
            self.content = ET.fromstring(archive.read("content.xml"))
            self.styles = ET.fromstring(archive.read("styles.xml"))

    def pages(self) -> list[str]:
        text = subprocess.run(["pdftotext", "-layout", str(self.pdf), "-"], capture_output=True, text=True).stdout
        return text.replace("\u00a0", " ").split("\f")[:-1]

    def page_sizes(self) -> list[tuple[float, float]]:
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(self.pdf)], capture_output=True, text=True).stdout
        return [(float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)]

    def text_widths_cm(self) -> list[float]:
        widths = []
        for props in self.styles.iter(f"{{{NS['style']}}}page-layout-properties"):
            if props.get(f"{{{NS['fo']}}}page-width") is None:
                continue
            width, left, right = (
                _cm(props.get(f"{{{NS['fo']}}}{name}", "0cm")) for name in ("page-width", "margin-left", "margin-right")
            )
            widths.append(width - left - right)
        return widths

    def style_properties(self, family: str) -> dict[str, dict[str, str]]:
        found = {}
        for root in (self.content, self.styles):
            for style in root.iter(f"{{{NS['style']}}}style"):
                if style.get(f"{{{NS['style']}}}family") == family:
                    props = {}
                    for child in style:
                        props.update({k.split("}")[1]: v for k, v in child.attrib.items()})
                    found[style.get(f"{{{NS['style']}}}name")] = props
        return found


@pytest.fixture(scope="module")
def rendered(example_template, tmp_path_factory):
    from models.store import close_database, open_database

    folder = tmp_path_factory.mktemp("layout")
    database = folder / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    open_database(database)
    results = {}
    try:
        for name, make in TEMPLATES.items():
            docx = folder / f"rapport-{name}.docx"
            warnings = export_report(2018, docx, template=make(folder) if make else None)
            work = folder / name
            work.mkdir()
            results[name] = Rendered(docx, warnings, convert(docx, "pdf", work), convert(docx, "odt", work))
    finally:
        close_database()
    return results


@pytest.mark.parametrize("name", TEMPLATES)
def test_a4_on_every_page(rendered, name):
    sizes = rendered[name].page_sizes()
    assert len(sizes) > 20
    for width, height in sizes:
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_picture_fits_the_text_area_and_is_described(rendered, name):
    result = rendered[name]
    text_width = min(result.text_widths_cm())
    frames = [f for f in result.content.iter(f"{{{NS['draw']}}}frame") if f.find("draw:image", NS) is not None]
    assert len(frames) == 2  # the two charts
    for frame in frames:
        assert _cm(frame.get(f"{{{NS['svg']}}}width")) <= text_width + 0.01
        description = frame.findtext("svg:desc", default="", namespaces=NS)
        assert description.startswith("Søjlediagram") and re.search(r"\d", description), description
    descriptions = " ".join(f.findtext("svg:desc", default="", namespaces=NS) for f in frames)
    assert "Gennem Jobcenteret: 35 (Fleksjob 21, Deltidsjob 7, Fuldtid 3, Løntilskud 4)" in descriptions
    assert "Gennem egne kanaler: 29" in descriptions and "Mål: 30 jobs gennem Jobcenteret" in descriptions


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_page_after_the_title_has_its_number(rendered, name):
    pages = rendered[name].pages()
    for number, page in enumerate(pages[1:], start=2):
        footer = [line for line in page.strip().splitlines() if line.strip()][-1]
        assert re.search(rf"\b{number}\b", footer), (number, footer)
    if name == "smal":
        assert all("Egeskov Kommune · Torvet 1" in page for page in pages[1:])  # the template's own text kept


@pytest.mark.parametrize("name", TEMPLATES)
def test_bullets_are_shown_as_bullets(rendered, name):
    document = Document(str(rendered[name].docx))
    items = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(items) > 50
    lines = [line.strip() for page in rendered[name].pages() for line in page.splitlines()]
    bulleted = [line for line in lines if line.startswith(BULLETS)]
    assert len(bulleted) >= len(items) - 2  # an item that starts a page may be cut by the layout; none is lost


@pytest.mark.parametrize("name", TEMPLATES)
def test_tables_have_borders(rendered, name):
    result = rendered[name]
    cell_styles = result.style_properties("table-cell")
    tables = list(result.content.iter(f"{{{NS['table']}}}table"))
    assert len(tables) >= 6
    for table in tables:
        borders = set()
        for cell in table.iter(f"{{{NS['table']}}}table-cell"):
            props = cell_styles.get(cell.get(f"{{{NS['table']}}}style-name"), {})
            borders |= {v for k, v in props.items() if k.startswith("border") and v != "none"}
        assert borders, table.get(f"{{{NS['table']}}}name")


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_note_for_the_author_in_the_body(rendered, name):
    result = rendered[name]
    lines = [line.strip() for page in result.pages() for line in page.splitlines()]
    assert not [line for line in lines if line.startswith("Bemærk")]
    document = Document(str(result.docx))
    assert not [p.text for p in document.paragraphs if p.text.startswith(("Bemærk", "["))]
    assert any("udfaldene summer til 36" in c.text for c in document.comments)


def test_template_substitutions_are_warned_once_each(rendered):
    warnings = rendered["word"].warnings
    for needed in ("«List Bullet»", "«Title»", "«Caption»", "tabeltypografi"):
        assert len([w for w in warnings if needed in w]) == 1, needed
    assert any("sidefod har ingen sidetal" in w for w in rendered["smal"].warnings)
    assert not any("sidefod" in w for w in rendered["standard"].warnings)


def test_the_title_page_keeps_the_templates_header(rendered):
    document = Document(str(rendered["smal"].docx))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert "Egeskov Kommune" in first.paragraphs[0].text
    assert first.part.rels and any("image" in r.reltype for r in first.part.rels.values())  # the logo
    assert "PAGE" not in section.first_page_footer._element.xml
    assert rendered["smal"].pages()[0].count("Egeskov Kommune") >= 1


def _header_numbered(folder):
    from tests.exporters.test_word_template_cases import _page_field

    document = Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Egeskov Kommune   Side ")
    _page_field(header)
    header.add_run(" af ")
    _page_field(header, "NUMPAGES")
    path = folder / "sidehoved-med-sidetal.docx"
    document.save(str(path))
    return path


def _even_odd(folder):
    document = Document()
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.footer.paragraphs[0].text = "Egeskov Kommune (ulige)"
    section.even_page_footer.paragraphs[0].text = "Egeskov Kommune (lige)"
    path = folder / "lige-ulige.docx"
    document.save(str(path))
    return path


def _landscape_short(folder):
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(4)
    path = folder / "liggende.docx"
    document.save(str(path))
    return path


def _numbered(folder):
    from tests.exporters.test_word_template_cases import _numbered_template

    return _numbered_template(folder, drop_titles=True)


MUNICIPAL = {
    "nummereret": _numbered,
    "sidehoved": _header_numbered,
    "lige-ulige": _even_odd,
    "liggende": _landscape_short,
}


@pytest.fixture(scope="module")
def municipal(example_template, tmp_path_factory):
    from models.store import close_database, open_database

    folder = tmp_path_factory.mktemp("kommuner")
    database = folder / "data.sqlite"
    database.write_bytes(example_template.read_bytes())
    open_database(database)
    results = {}
    try:
        for name, make in MUNICIPAL.items():
            docx = folder / f"rapport-{name}.docx"
            warnings = export_report(2018, docx, template=make(folder))
            work = folder / name
            work.mkdir()
            results[name] = Rendered(docx, warnings, convert(docx, "pdf", work), convert(docx, "odt", work))
    finally:
        close_database()
    return results


def test_numbered_template_headings_show_one_number_and_the_title_page_none(municipal):
    pages = municipal["nummereret"].pages()
    assert not [line for line in pages[0].splitlines() if re.match(r"\s*\d", line)], pages[0]
    lines = [line.strip() for page in pages for line in page.splitlines()]
    assert "1. Indledning" in lines and "2.1 Mød virksomheder og initiativer" in lines
    assert not [line for line in lines if re.match(r"\d+(\.\d+)?\.? +\d+(\.\d+)?\.? +\S", line)]
    assert "Hjemmel og referencer" in lines


def test_a_header_with_page_numbers_gets_no_second_one_and_the_title_page_none(municipal):
    pages = municipal["sidehoved"].pages()
    assert "Egeskov Kommune" in pages[0] and "Side" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Side {number} af {len(pages)}" in page
        assert f"side {number}" not in page


def test_even_and_odd_pages_all_have_their_number(municipal):
    pages = municipal["lige-ulige"].pages()
    for number, page in enumerate(pages[1:], start=2):
        footer = [line for line in page.strip().splitlines() if line.strip()][-1]
        assert re.search(rf"\b{number}\b", footer) and ("(lige)" if number % 2 == 0 else "(ulige)") in footer


def test_pictures_fit_the_height_of_a_short_landscape_page(municipal):
    result = municipal["liggende"]
    frames = [f for f in result.content.iter(f"{{{NS['draw']}}}frame") if f.find("draw:image", NS) is not None]
    assert len(frames) == 2
    for frame in frames:
        assert _cm(frame.get(f"{{{NS['svg']}}}height")) <= 13 * 0.8 + 0.01
        assert _cm(frame.get(f"{{{NS['svg']}}}width")) <= 26.7 + 0.01
