"""The annual report as a Word draft (python-docx), laid out from a ``ReportData``.

Real Word styles (Title, Heading 1-3, List Bullet, Quote, Caption, a table style) so the navigation pane,
the table of contents and restyling work; a TOC field that Word fills on opening; page numbers in the
footer; table header rows repeated on every page; Danish as the document language. With a template, the
template's styles, page set-up, headers, footers and logo are used, and any style it lacks is added with
a default look and a warning naming it.
"""

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.safe_write import write_atomically
from models.errors import ExportError
from models.i18n import _
from models.report_data import BulletList, Chart, Heading, Paragraph, Progress, ReportData, Table

LANGUAGE = "da-DK"
TABLE_STYLES = ("Light List Accent 1", "Table Grid")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class WordOptions:
    template: Path | None = None
    charts: dict[str, bytes] = field(default_factory=dict)  # PNG bytes by chart key


def _no_progress(_percent: int, _text: str) -> None:
    return None


def _template_stream(path: Path) -> io.BytesIO:
    """The template as a document python-docx opens: a Word template (.dotx) differs from a document only in
    its main content type, so that is rewritten in memory."""
    data = path.read_bytes()
    if path.suffix.lower() not in (".dotx", ".dotm"):
        return io.BytesIO(data)
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            copy.writestr(item, content)
    target.seek(0)
    return target


class _Writer:
    def __init__(self, data: ReportData, options: WordOptions, progress: Progress) -> None:
        self.data, self.options, self.progress = data, options, progress
        self.warnings: list[str] = []
        self.document = self._open()
        self.table_style = next((s for s in TABLE_STYLES if self._has_style(s, WD_STYLE_TYPE.TABLE)), None)
        if self.table_style is None:
            self.warnings.append(
                _("Skabelonen har ingen af tabeltypografierne {names}; tabellerne får et enkelt gitter.").format(
                    names=", ".join(TABLE_STYLES)
                )
            )

    # --- document set-up ----------------------------------------------------------------------------
    def _open(self):
        template = self.options.template
        if template is None:
            return Document()
        try:
            document = Document(_template_stream(Path(template)))
        except Exception as error:  # python-docx raises several kinds for a file that is not a .docx
            raise ExportError(
                _("Skabelonen {name} kan ikke læses som et Word-dokument (.docx): {reason}").format(
                    name=Path(template).name, reason=error
                )
            ) from error
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        return document

    def _has_style(self, name: str, kind) -> bool:
        try:
            return self.document.styles[name].type == kind
        except KeyError:
            return False

    def style(self, name: str) -> str:
        """The style ``name``; added with a default look (and a warning) where the template lacks it."""
        if self._has_style(name, WD_STYLE_TYPE.PARAGRAPH):
            return name
        self.warnings.append(
            _("Skabelonen mangler typografien «{name}»; den er tilføjet med standardudseende.").format(name=name)
        )
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.document.styles["Normal"]
        font = style.font
        sizes = {"Title": 28, "Subtitle": 15, "Heading 1": 16, "Heading 2": 13, "Heading 3": 12, "Caption": 9}
        if name in sizes:
            font.size = Pt(sizes[name])
        if name.startswith("Heading") or name == "Title":
            font.bold = True
            font.color.rgb = RGBColor(0x1F, 0x5F, 0x8B)
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.keep_with_next = True
            level = name.removeprefix("Heading ").strip()
            if level.isdigit():
                outline = OxmlElement("w:outlineLvl")
                outline.set(qn("w:val"), str(int(level) - 1))
                style.element.get_or_add_pPr().append(outline)
        if name in ("Quote", "Caption"):
            font.italic = True
        if name == "List Bullet":
            style.paragraph_format.left_indent = Cm(0.63)
        return name

    def _language(self) -> None:
        styles = self.document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)

    def _properties(self) -> None:
        props = self.document.core_properties
        props.title = self.data.title
        props.subject = self.data.committees
        props.author = self.data.unit or self.data.municipality
        props.last_modified_by = self.data.unit or self.data.municipality
        props.language = LANGUAGE
        props.keywords = _("socialøkonomi; årsrapport; {year}").format(year=self.data.year)
        props.comments = _("Udkast lavet af Socialøkonomi ud fra registrets data.")

    def _update_fields_on_open(self) -> None:
        settings = self.document.settings.element
        update = settings.find(qn("w:updateFields"))
        if update is None:
            update = OxmlElement("w:updateFields")
            settings.append(update)
        update.set(qn("w:val"), "true")

    # --- small writers ------------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # a line break, as Word has it
        cleaned = _ILLEGAL_XML.sub("", text)
        if cleaned != text:
            self.warnings.append(_("Usynlige styretegn er fjernet fra teksten: «{text}…»").format(text=cleaned[:40]))
        return cleaned

    def paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        return self.document.add_paragraph(self.clean(text), style=self.style(style) if style else None)

    def _field(self, paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
        def fld(kind: str):
            run = paragraph.add_run()
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)

        fld("begin")
        run = paragraph.add_run()
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        fld("separate")
        paragraph.add_run(placeholder)
        fld("end")

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _footer(self) -> None:
        for section in self.document.sections:
            footer = section.footer
            if any(p.text.strip() for p in footer.paragraphs) or footer.tables:
                continue  # the template's own footer stays as it is
            section.different_first_page_header_footer = True  # no page number on the title page
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(self.clean(f"{self.data.title} – {_('side')} "))
            self._field(paragraph, "PAGE", "1")

    # --- content ------------------------------------------------------------------------------------
    def title_page(self) -> None:
        for _index in range(6):
            self.document.add_paragraph()
        self.paragraph(self.data.title, "Title")
        if self.data.committees:
            self.paragraph(_("Udvalg: {committees}").format(committees=self.data.committees), "Subtitle")
        self.paragraph(self.data.municipality, "Subtitle")
        self.paragraph(self.data.month, "Subtitle")
        self.page_break()

    def foreword(self) -> None:
        if not self.data.foreword:
            return
        self.paragraph(_("Kære læser"), "Subtitle")
        self.blocks(self.data.foreword)
        self.page_break()

    def table_of_contents(self) -> None:
        heading = "TOC Heading" if self._has_style("TOC Heading", WD_STYLE_TYPE.PARAGRAPH) else "Subtitle"
        self.paragraph(_("Indholdsfortegnelse"), heading)
        paragraph = self.document.add_paragraph()
        self._field(
            paragraph,
            'TOC \\o "1-3" \\h \\z \\u',
            _("Indholdsfortegnelsen opdateres, når dokumentet åbnes i Word (ellers: højreklik og vælg Opdater felt)."),
        )
        self.page_break()

    def blocks(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.text_paragraph(block)
            elif isinstance(block, BulletList):
                for item in block.items:
                    self.paragraph(item, "List Bullet")
            elif isinstance(block, Heading):
                self.paragraph(block.text, f"Heading {min(max(block.level, 1), 3)}")
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)

    def text_paragraph(self, block: Paragraph) -> None:
        style = {"quote": "Quote"}.get(block.style)
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        if block.lead:
            paragraph.add_run(self.clean(block.lead) + " ").bold = True
        run = paragraph.add_run(self.clean(block.text))
        if block.style == "lead":
            run.bold = True
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_before = Pt(8)
        elif block.style == "note":
            run.italic = True
            run.font.color.rgb = RGBColor(0x8A, 0x53, 0x00)

    def table(self, block: Table) -> None:
        if block.caption:
            caption = self.paragraph(block.caption, "Caption")
            caption.paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=len(block.columns))
        table.style = self.document.styles[self.table_style] if self.table_style else None
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        self._repeat_header(header)
        for cell, text, numeric in zip(header.cells, block.columns, block.numeric, strict=True):
            self._cell(cell, text, numeric=numeric, bold=True)
        keep_together = len(block.rows) <= 20
        for index, row in enumerate(block.rows):
            cells = table.add_row().cells
            last = index == len(block.rows) - 1
            for cell, text, numeric in zip(cells, row, block.numeric, strict=True):
                self._cell(cell, text, numeric=numeric, bold=block.total_row and last)
                if keep_together and not last:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
        if keep_together:
            for cell in header.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        self.document.add_paragraph()

    def _cell(self, cell, text: str, *, numeric: bool, bold: bool) -> None:
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(self.clean(text))
        run.bold = bold or None
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    @staticmethod
    def _repeat_header(row) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        for tag in ("w:tblHeader", "w:cantSplit"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            tr_pr.append(element)

    def chart(self, block: Chart) -> None:
        png = self.options.charts.get(block.key)
        if png is None:
            self.text_paragraph(Paragraph(_("[Graf: {caption}]").format(caption=block.caption), "note"))
            return
        self.document.add_picture(io.BytesIO(png), width=Cm(16))
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self.paragraph(_("Figur: {caption}").format(caption=block.caption), "Caption")

    def sections(self) -> None:
        total = len(self.data.sections)
        for index, section in enumerate(self.data.sections):
            self.progress(85 + 10 * index // max(total, 1), _("Skriver afsnit {n}").format(n=section.number))
            number = f"{section.number}." if section.level == 1 else section.number
            self.paragraph(f"{number} {section.title}", f"Heading {section.level}")
            self.blocks(section.blocks)

    def references(self) -> None:
        if not self.data.references:
            return
        self.paragraph(_("Hjemmel og referencer"), "Heading 1")
        for reference in self.data.references:
            self.paragraph(reference, "List Bullet")

    def write(self):
        self._language()
        self._properties()
        self._update_fields_on_open()
        self.title_page()
        self.foreword()
        self.table_of_contents()
        self.sections()
        self.references()
        self._footer()
        return self.document


def write_report(
    data: ReportData, path: str | os.PathLike, options: WordOptions | None = None, progress: Progress = _no_progress
) -> list[str]:
    """Write the report to ``path`` (via a temporary file, renamed when complete). Returns the warnings a
    user should see (missing template styles, removed characters, data that needs a look)."""
    writer = _Writer(data, options or WordOptions(), progress)
    document = writer.write()
    progress(96, _("Gemmer dokumentet"))
    write_atomically(path, lambda temporary: document.save(str(temporary)))
    progress(100, _("Færdig"))
    return list(dict.fromkeys([*data.warnings, *writer.warnings]))
