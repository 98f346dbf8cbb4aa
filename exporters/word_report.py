"""The annual report as a Word draft (python-docx), laid out from a ``ReportData``.

Real Word styles (Title, Heading 1-3, List Bullet, Quote, Caption, a table style) so the navigation pane,
the table of contents and restyling work; a TOC field that Word fills on opening; numbered captions; page
numbers in the footer; table header rows repeated on every page; every picture and table as wide as the text
area; alternative text on every chart; Danish as the document language. Notes for the author (placeholders,
inconsistent data) are Word comments, never body text. Template handling is in ``exporters.word_template``.
"""

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.safe_write import write_atomically
from exporters.word_template import TemplateFixer, copy_story, open_document, text_width
from models.i18n import _
from models.report_data import BulletList, Chart, Heading, Note, Paragraph, Progress, ReportData, Table

LANGUAGE = "da-DK"
AUTHOR = "Socialøkonomi"
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FIELD = re.compile(r"(\{\{[^{}]*\}\})")
_EMU_PER_TWIP = 635


@dataclass
class WordOptions:
    template: Path | None = None
    charts: dict[str, bytes] = field(default_factory=dict)  # PNG bytes by chart key


def _no_progress(_percent: int, _text: str) -> None:
    return None


class _Writer:
    def __init__(self, data: ReportData, options: WordOptions, progress: Progress) -> None:
        self.data, self.options, self.progress = data, options, progress
        self.document = open_document(options.template)
        self.fixer = TemplateFixer(self.document)
        self.own_warnings: list[str] = []
        self.anchor: DocxParagraph | None = None  # the paragraph a following note is anchored to
        self.counters = {"Figur": 0, "Tabel": 0}

    @property
    def warnings(self) -> list[str]:
        return [*self.fixer.warnings, *self.own_warnings]

    @property
    def width(self) -> int:
        return text_width(self.document.sections[-1])

    # --- document set-up ----------------------------------------------------------------------------
    def style(self, name: str) -> str:
        return self.fixer.paragraph_style(name)

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
        organisation = ", ".join(x for x in (self.data.unit, self.data.municipality) if x)
        props.title = self.data.title
        props.subject = self.data.committees
        props.author = self.data.unit or self.data.municipality
        props.last_modified_by = self.data.unit or self.data.municipality
        props.language = LANGUAGE
        props.keywords = _("socialøkonomi; årsrapport; {year}").format(year=self.data.year)
        props.comments = _("Udkast lavet af Socialøkonomi ud fra registrets data.")
        props.category = _("Årsrapport")
        self.fixer.settings()
        self.fixer.package(self.data.title, organisation)

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
            self.own_warnings.append(
                _("Usynlige styretegn er fjernet fra teksten: «{text}…»").format(text=cleaned[:40])
            )
        return cleaned

    def runs(self, paragraph: DocxParagraph, text: str, *, bold: bool | None = None) -> None:
        """Add ``text``; a field left unfilled is highlighted and commented, so nobody sends it unnoticed."""
        for part in _FIELD.split(self.clean(text)):
            if not part:
                continue
            run = paragraph.add_run(part)
            run.bold = bold
            if _FIELD.fullmatch(part):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                self.document.add_comment(
                    run,
                    _(
                        "Feltet {field} har ingen værdi i data eller er ukendt. Ret feltet i teksten, eller "
                        "registrér det manglende tal."
                    ).format(field=part),
                    author=AUTHOR,
                    initials="SØ",
                )

    def paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        self.runs(paragraph, text)
        if text:
            self.anchor = paragraph
        return paragraph

    def note(self, text: str) -> None:
        """A comment for the author on the text just written (the title if nothing is written yet)."""
        anchor = self.anchor
        if anchor is None or not anchor.runs:
            return
        self.document.add_comment(anchor.runs, self.clean(text), author=AUTHOR, initials="SØ")

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

    def caption(self, kind: str, text: str) -> DocxParagraph:
        """ "Figur 1: …" with a SEQ field, so Word renumbers when staff add or move one."""
        self.counters[kind] += 1
        paragraph = self.document.add_paragraph(style=self.style("Caption"))
        paragraph.add_run(f"{kind} ")
        self._field(paragraph, f"SEQ {kind} \\* ARABIC", str(self.counters[kind]))
        self.runs(paragraph, f": {text}")
        self.anchor = paragraph
        return paragraph

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _footer(self) -> None:
        for section in self.document.sections:
            has_text = any(p.text.strip() for p in section.footer.paragraphs) or bool(section.footer.tables)
            first_page_own = section.different_first_page_header_footer
            self.fixer.title_page_header(section)
            if has_text and not first_page_own:
                copy_story(section.footer, section.first_page_footer)  # the title page: its text, no number
            if not self.fixer.page_numbers_added(section):
                continue
            footer = section.footer
            if has_text:
                self.own_warnings.append(
                    _("Skabelonens sidefod har ingen sidetal; sidetallet er sat ind efter sidefodens tekst.")
                )
                paragraph = [p for p in footer.paragraphs if p.text.strip()][-1] if footer.paragraphs else None
                if paragraph is None:
                    paragraph = footer.add_paragraph()
                paragraph.add_run(self.clean(" – " + _("side") + " "))
            else:
                paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(self.clean(f"{self.data.title} – {_('side')} "))
            self._field(paragraph, "PAGE", "1")

    # --- content ------------------------------------------------------------------------------------
    def title_page(self) -> None:
        for _index in range(6):
            self.document.add_paragraph()
        self.paragraph(self.data.title, "Title")
        for text in self.data.title_notes:
            self.note(text)
        if self.data.committees:
            self.paragraph(_("Udvalg: {committees}").format(committees=self.data.committees), "Subtitle")
        if self.data.municipality:
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
        heading = "TOC Heading" if self.fixer.has_style("TOC Heading", WD_STYLE_TYPE.PARAGRAPH) else "Subtitle"
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
            elif isinstance(block, Note):
                self.note(block.text)

    def text_paragraph(self, block: Paragraph) -> None:
        style = {"quote": "Quote"}.get(block.style)
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        if block.lead:
            paragraph.add_run(self.clean(block.lead) + " ").bold = True
        self.runs(paragraph, block.text, bold=True if block.style == "lead" else None)
        if block.style == "lead":
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_before = Pt(8)
        if paragraph.runs:
            self.anchor = paragraph

    def table(self, block: Table) -> None:
        if block.caption:
            self.caption("Tabel", block.caption).paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=len(block.columns))
        table.style = self.document.styles[self.fixer.table_style_name()]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        self._repeat_header(header)
        for cell, text, numeric in zip(header.cells, block.columns, block.numeric, strict=True):
            self._cell(cell, text, numeric=numeric, bold=True)
        keep = len(block.rows) if len(block.rows) <= 8 else 2  # a short table stays whole, a long one splits
        for index, row in enumerate(block.rows):
            cells = table.add_row().cells
            last = index == len(block.rows) - 1
            for cell, text, numeric in zip(cells, row, block.numeric, strict=True):
                self._cell(cell, text, numeric=numeric, bold=block.total_row and last)
                if index < keep - 1:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
        for cell in header.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._widths(table, block)
        self.document.add_paragraph()

    def _widths(self, table, block: Table) -> None:
        """Columns as wide as their content needs, together exactly the text width."""
        texts = [block.columns, *block.rows]
        needs = []
        for column in range(len(block.columns)):
            cells = [row[column] for row in texts if column < len(row)]
            longest_word = max((len(w) for text in cells for w in text.split()), default=1)
            longest = max((len(text) for text in cells), default=1)
            needs.append(max(longest_word + 2, min(longest, 45) + 2))
        total = sum(needs)
        width = self.width
        twips = [int(width * n / total) // _EMU_PER_TWIP for n in needs]
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        tbl_w = tbl_pr.find(qn("w:tblW"))
        if tbl_w is None:
            tbl_w = OxmlElement("w:tblW")
            tbl_pr.append(tbl_w)
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(twips)))
        for grid_col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
            grid_col.set(qn("w:w"), str(w))
        for row in table.rows:
            for cell, w in zip(row.cells, twips, strict=True):
                cell.width = Emu(w * _EMU_PER_TWIP)

    def _cell(self, cell, text: str, *, numeric: bool, bold: bool) -> None:
        paragraph = cell.paragraphs[0]
        self.runs(paragraph, text, bold=bold or None)
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
        data = self.data.charts.get(block.key)
        if png is None:
            self.caption("Figur", block.caption)
            self.note(_("Grafen «{caption}» kunne ikke tegnes; indsæt den selv.").format(caption=block.caption))
            return
        shape = self.document.add_picture(io.BytesIO(png), width=Emu(self.width))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", data.description if data else block.caption)
        doc_pr.set("title", block.caption)
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self.caption("Figur", block.caption)

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
