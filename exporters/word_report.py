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
import struct
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from exporters.safe_write import write_atomically
from exporters.word_pages import NARROW_TEXT, column_width, has_page_field, no_numbering, text_height, text_width
from exporters.word_template import TemplateFixer, open_document
from models.errors import ExportError
from models.i18n import _
from models.personal_data import cpr_message, find_cpr, normalise
from models.report_data import BulletList, Cancelled, Chart, Heading, Note, Paragraph, Progress, ReportData, Table
from models.report_fields import BLOCKS, FIELD

_HEADINGS = ("Title", "Subtitle", "TOC Heading", "Heading 1", "Heading 2", "Heading 3")

LANGUAGE = "da-DK"
AUTHOR = "Socialøkonomi"
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FIELD = re.compile(r"(\{\{[^{}]*\}\})")
_EMU_PER_TWIP = 635
_SECT_PR = qn("w:sectPr")


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
        self._style_ids: dict[str, str | None] = {}
        self._width: int | None = None
        self._numbering: dict[str, bool] = {}
        self._body_end = None  # the body's own sectPr, its last child: paragraphs go before it
        if text_width(self.document.sections[-1]) < NARROW_TEXT:
            self.own_warnings.append(
                _(
                    "Skabelonen giver kun {width} cm mellem margenerne; tabellerne bliver meget smalle. Overvej "
                    "mindre margener."
                ).format(width=f"{text_width(self.document.sections[-1]) / 360000:.1f}".replace(".", ","))
            )

    @property
    def warnings(self) -> list[str]:
        return [*self.fixer.warnings, *self.own_warnings]

    @property
    def width(self) -> int:
        """The width a table or picture may take: the text width, or one column's in a multi-column layout."""
        if self._width is None:  # the sections do not change while the report is written; finding them reads
            section = self.document.sections[-1]  # the whole body (once per table: seconds at region size)
            self._width = min(text_width(section), column_width(section))
        return self._width

    def picture_size(self, png: bytes) -> tuple[int, int]:
        """Width and height of a picture: as wide as the text (column) allows, and never taller than the text
        area leaves room for with its caption."""
        width = self.width
        try:
            pixels_wide, pixels_high = struct.unpack(">II", png[16:24])
            ratio = pixels_high / pixels_wide
        except (struct.error, ZeroDivisionError):
            ratio = 0.5
        height = int(width * ratio)
        limit = int(text_height(self.document.sections[-1]) * 0.8)
        if height > limit:
            width, height = int(width * limit / height), limit
        return width, height

    # --- document set-up ----------------------------------------------------------------------------
    def style(self, name: str) -> str:
        return self.fixer.paragraph_style(name)

    # What python-docx's add_paragraph(style=...) and add_run(text) write, without what costs at thousands of
    # paragraphs: finding the body's end (sectPr) among every paragraph written so far, looking the style up
    # among the template's styles each time, and reading the text character by character.
    def add_paragraph(self, style: str | None = None) -> DocxParagraph:
        body = self.document.element.body
        p = OxmlElement("w:p")
        end = self._body_end
        if end is None or end.getparent() is not body or end.getnext() is not None:
            last = body.getchildren()[-1:]  # (len(body) counts every child: not once per paragraph)
            end = self._body_end = last[0] if last and last[0].tag == _SECT_PR else None
        if end is not None:
            end.addprevious(p)
        else:
            body._insert_p(p)
        paragraph = DocxParagraph(p, self.document._body)
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            p.style = self._style_ids[style]
        return paragraph

    @staticmethod
    def add_run(paragraph: DocxParagraph, text: str = "", bold: bool | None = None, *, set_bold: bool = False):
        """``paragraph.add_run(text)`` (then ``run.bold = bold`` with ``set_bold``); the run's element."""
        r = paragraph._p.add_r()
        if text:
            if "\t" in text or "\n" in text or "\r" in text:
                _RunContentAppender.append_to_run_from_text(r, text)
            else:
                r.add_t(text)
        if set_bold:
            r.get_or_add_rPr()._set_bool_val("b", bold)
        return r

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
        unit, municipality, committees = (
            "" if name in self.data.unfinished else getattr(self.data, name)
            for name in ("unit", "municipality", "committees")
        )  # a standard text not yet written ("Enhedens navn") stays out of the properties, where no comment shows
        organisation = ", ".join(x for x in (unit, municipality) if x)
        props.title = self.data.title
        props.subject = committees
        props.author = unit or municipality or AUTHOR
        props.last_modified_by = unit or municipality or AUTHOR
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

    def masked(self, text: str) -> tuple[str, list[str]]:
        """``text`` with every CPR-like number masked (DDMMÅÅ-XXXX), and the numbers found."""
        found = find_cpr(text)
        if not found:
            return text, []
        if not all(number in text for number in found):
            text = normalise(text)
        for number in found:
            digits = re.sub(r"[^0-9]", "", number)
            text = text.replace(number, f"{digits[:6]}-XXXX")
        return text, found

    def runs(self, paragraph: DocxParagraph, text: str, *, bold: bool | None = None) -> None:
        """Add ``text``; a field left unfilled is highlighted and commented, so nobody sends it unnoticed. A
        number that looks like a CPR number is masked, commented and warned about."""
        text, cpr = self.masked(self.clean(text))
        first = None
        for part in _FIELD.split(text) if "{{" in text else (text,):
            if not part:
                continue
            r = self.add_run(paragraph, part, bold, set_bold=True)
            first = r if first is None else first
            if _FIELD.fullmatch(part):
                run = Run(r, paragraph)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                match = FIELD.fullmatch(part)
                if match and match.group(1) in BLOCKS and not match.group(2):
                    comment = _(
                        "{field} skal stå alene i sit eget afsnit (tom linje før og efter); ellers kan det ikke "
                        "erstattes af sin liste, tabel eller graf."
                    ).format(field=part)
                else:
                    comment = _(
                        "Feltet {field} har ingen værdi i data eller er ukendt. Ret feltet i teksten, eller "
                        "registrér det manglende tal."
                    ).format(field=part)
                self.document.add_comment(run, comment, author=AUTHOR, initials="SØ")
        if cpr and first is not None:
            where = _("Teksten «{text}…»").format(text=text[:40])
            self.own_warnings.append(cpr_message(where, cpr))
            self.document.add_comment(
                Run(first, paragraph),
                _("Her stod noget, der ligner et CPR-nummer; det er skjult i udkastet. Ret teksten i registret."),
                author=AUTHOR,
                initials="SØ",
            )

    def paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        paragraph = self.add_paragraph(self.style(style) if style else None)
        if style in _HEADINGS and self._numbered(self.style(style)):
            no_numbering(paragraph._p.get_or_add_pPr())  # the report's own numbers, never the template's too
            self.own_warnings.append(
                _(
                    "Skabelonens overskrifter nummereres automatisk; rapporten bruger sine egne afsnitsnumre, så den "
                    "automatiske nummerering er slået fra i rapportens overskrifter."
                )
            )
        self.runs(paragraph, text)
        if text:
            self.anchor = paragraph
        return paragraph

    def _numbered(self, name: str) -> bool:
        """The fixer's ``numbered``, once per style (a heading for every enterprise asked it again)."""
        if name not in self._numbering:
            self._numbering[name] = self.fixer.numbered(name)
        return self._numbering[name]

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
        paragraph = self.add_paragraph(self.style("Caption"))
        paragraph.add_run(f"{kind} ")
        self._field(paragraph, f"SEQ {kind} \\* ARABIC", str(self.counters[kind]))
        self.runs(paragraph, f": {text}")
        self.anchor = paragraph
        return paragraph

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _footer(self) -> None:
        even = self.document.settings.odd_and_even_pages_header_footer
        for section in self.document.sections:
            self.fixer.title_page(section)
            pages = [(section.footer, section.header)]
            if even:
                pages.append((section.even_page_footer, section.even_page_header))
            for footer, header in pages:
                self._other_year(footer, header)
                if has_page_field(footer._element) or has_page_field(header._element):
                    continue
                self._page_number(footer)

    def _page_number(self, footer) -> None:
        texts = [p for p in footer.paragraphs if p.text.strip()]
        if texts or any(t._element.xpath(".//w:t") for t in footer.tables):
            self.own_warnings.append(
                _("Skabelonens sidefod har ingen sidetal; sidetallet er sat ind efter sidefodens tekst.")
            )
            paragraph = texts[-1] if texts else footer.add_paragraph()
            paragraph.add_run(self.clean((" – " if texts else "") + _("side") + " "))
        else:
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(self.clean(f"{self.data.title} – {_('side')} "))
        self._field(paragraph, "PAGE", "1")

    def _other_year(self, *stories) -> None:
        """Warn when the template's header or footer names another year (last year's report as template)."""
        text = " ".join(t.text or "" for story in stories for t in story._element.iter(qn("w:t")))
        years = sorted(
            {y for y in re.findall(r"\b(?:19|20)\d\d\b", text) if int(y) not in (self.data.year, self.data.year + 1)}
        )
        if years:
            self.own_warnings.append(
                _("Skabelonens sidehoved eller sidefod nævner {years}; ret det i udkastet.").format(
                    years=", ".join(years)
                )
            )

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
        paragraph = self.add_paragraph(self.style(style) if style else None)
        if block.lead:
            self.add_run(paragraph, self.clean(block.lead) + " ", True, set_bold=True)
        self.runs(paragraph, block.text, bold=True if block.style == "lead" else None)
        if block.style == "lead":
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_before = Pt(8)
        if paragraph.runs:
            self.anchor = paragraph

    def table(self, block: Table) -> None:
        if block.caption:
            self.caption("Tabel", block.caption).paragraph_format.keep_with_next = True
        # document.add_table(rows=1, cols=n), with the text width found once
        table = self.document._body.add_table(1, len(block.columns), self._block_width())
        table._tbl.tblStyle_val = None  # table.style = None, then the report's style (its id found once)
        table._tbl.tblStyle_val = self._table_style_id()
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        self._repeat_header(header)
        for cell, text, numeric in zip(header.cells, block.columns, block.numeric, strict=True):
            self._cell(cell, text, numeric=numeric, bold=True)
        keep = len(block.rows) if len(block.rows) <= 8 else 2  # a short table stays whole, a long one splits
        tbl = table._tbl
        empty_row = None
        for index, row in enumerate(block.rows):
            if empty_row is None:
                empty_row = deepcopy(table.add_row()._tr)  # what add_row writes: a cell per column, each as wide
                tr = tbl.tr_lst[-1]
            else:
                tr = deepcopy(empty_row)
                tbl.append(tr)
            last = index == len(block.rows) - 1
            for tc, text, numeric in zip(tr.tc_lst, row, block.numeric, strict=True):
                paragraph = DocxParagraph(tc.p_lst[0], table)
                self._text_in_cell(paragraph, text, numeric=numeric, bold=block.total_row and last)
                if index < keep - 1:
                    paragraph.paragraph_format.keep_with_next = True
        for cell in header.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._widths(table, block)
        self.add_paragraph()

    def _table_style_id(self):
        if not hasattr(self, "_table_style"):
            style = self.document.styles[self.fixer.table_style_name()]
            self._table_style = self.document.part.get_style_id(style, WD_STYLE_TYPE.TABLE)
        return self._table_style

    def _block_width(self):
        """The document's ``_block_width`` (the space between the last section's margins), found once."""
        if not hasattr(self, "_block"):
            self._block = self.document._block_width
        return self._block

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
        for tr in table._tbl.tr_lst:  # each row's cells, one per column (the report merges none)
            for tc, w in zip(tr.tc_lst, twips, strict=True):
                tc.width = Emu(w * _EMU_PER_TWIP)

    def _cell(self, cell, text: str, *, numeric: bool, bold: bool) -> None:
        self._text_in_cell(cell.paragraphs[0], text, numeric=numeric, bold=bold)

    def _text_in_cell(self, paragraph: DocxParagraph, text: str, *, numeric: bool, bold: bool) -> None:
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
        width, height = self.picture_size(png)
        shape = self.document.add_picture(io.BytesIO(png), width=Emu(width), height=Emu(height))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", data.description if data else block.caption)
        doc_pr.set("title", block.caption)
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self.caption("Figur", block.caption)

    def sections(self) -> None:
        total = len(self.data.sections)
        for index, section in enumerate(self.data.sections):
            self.progress(85 + 10 * index // max(total, 1), _("Skriver afsnit {n}").format(n=section.number))
            number = section.number
            if section.level == 1 and number and number[-1].isalnum():
                number += "."  # "1." and "A." but "4)" as typed
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
    options = options or WordOptions()
    try:
        writer = _Writer(data, options, progress)
        document = writer.write()
    except (ExportError, Cancelled):
        raise
    except Exception as error:
        if options.template is None:
            raise
        raise ExportError(  # a template built in a way not foreseen: a message, never a traceback
            _(
                "Skabelonen {name} kunne ikke bruges ({kind}). Prøv uden skabelon, eller gem skabelonen igen i Word."
            ).format(name=Path(options.template).name, kind=type(error).__name__)
        ) from error
    progress(96, _("Gemmer dokumentet"))
    write_atomically(path, lambda temporary: document.save(str(temporary)))
    progress(100, _("Færdig"))
    return list(dict.fromkeys([*data.warnings, *writer.warnings]))
