"""The document a report is written into: python-docx's own (set to A4) or the municipality's template, made to
behave as Word would. Styles the report needs and the template lacks are defined from the template's own fonts
(bullets keep a numbering, tables a visible grid); the template's first-page header is kept; page numbers
are added where its footer has none. Each substitution gives one warning."""

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt, RGBColor

from exporters.word_pages import MIN_TEXT, copy_story, no_numbering, remove_page_fields, text_height, text_width
from models.errors import ExportError
from models.i18n import _

APPLICATION = "Socialøkonomi"
TABLE_STYLES = ("Light List Accent 1", "Table Grid")
GRID_STYLE = "Table Grid"
_HEADING_SIZES = {"Title": 26, "Subtitle": 14, "Heading 1": 16, "Heading 2": 13, "Heading 3": 12, "Caption": 9}


MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_MACRO_TYPES = (b"macroEnabledTemplate.main+xml", b"document.macroEnabled.main+xml")


def _template_stream(path: Path) -> io.BytesIO:
    """The template as a document python-docx opens: a Word template (.dotx) differs from a document only in
    its main content type, so that is rewritten in memory."""
    with path.open("rb") as file:
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ExportError(
            _("Skabelonen {name} er større end 50 MB; det er ikke en almindelig Word-skabelon.").format(name=path.name)
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                types = archive.read("[Content_Types].xml")
            except KeyError:
                types = b""
        if any(kind in types for kind in _MACRO_TYPES):
            raise ExportError(
                _(
                    "Skabelonen {name} indeholder makroer (.dotm/.docm), og den slags understøttes ikke. Åbn den "
                    "i Word og gem den som Word-skabelon (.dotx) eller Word-dokument (.docx)."
                ).format(name=path.name)
            )
    if path.suffix.lower() not in (".dotx", ".dotm"):
        return io.BytesIO(data)
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copied:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            copied.writestr(item, content)
    target.seek(0)
    return target


def open_document(template: Path | None):
    """A blank A4 document with 2.5 cm margins, or the template with its body emptied."""
    if template is None:
        document = Document()
        for section in document.sections:
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            section.left_margin = section.right_margin = Cm(2.5)
            section.top_margin = section.bottom_margin = Cm(2.5)
            section.header_distance = section.footer_distance = Cm(1.25)
        return document
    path = Path(template)
    name = path.name
    if path.is_dir():
        raise ExportError(_("Skabelonen {name} er en mappe; vælg en Word-fil (.docx eller .dotx).").format(name=name))
    if path.exists() and not path.is_file():
        raise ExportError(
            _("Skabelonen {name} er ikke en almindelig fil; vælg en Word-fil (.docx eller .dotx).").format(name=name)
        )
    try:
        stream = _template_stream(path)
    except OSError as error:
        raise ExportError(
            _("Skabelonen {name} kan ikke læses: {reason}").format(name=name, reason=error.strerror or error)
        ) from error
    except zipfile.BadZipFile as error:
        raise ExportError(_not_a_document(name)) from error
    try:
        document = Document(stream)
    except Exception as error:  # python-docx raises several kinds for a file that is not a .docx
        raise ExportError(_not_a_document(name)) from error
    body = document.element.body
    document.template_sections = len(document.sections)  # before emptying: section breaks sit in the body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_body_leftovers(document)
    _check_page_set_up(document, name)
    return document


_BODY_ONLY_PARTS = (RT.COMMENTS, RT.IMAGE, RT.HYPERLINK, RT.CHART, RT.OLE_OBJECT)


def _drop_body_leftovers(document) -> None:
    """The emptied body's comments, pictures and links, so last year's report used as a template
    leaves nothing hidden in the new file (headers and footers relate their own pictures)."""
    part = document.part
    extra = (
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
        "http://schemas.microsoft.com/office/2011/relationships/people",
    )
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in _BODY_ONLY_PARTS or rel.reltype in extra:
            del part.rels[rel_id]
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rel_id]


def _check_page_set_up(document, name: str) -> None:
    for section in document.sections:
        width, height = text_width(section), text_height(section)
        if width < MIN_TEXT or height < MIN_TEXT:
            raise ExportError(
                _(
                    "Skabelonen {name} har så store margener, at der kun er {width} × {height} cm til "
                    "teksten. Ret margenerne i skabelonen (Layout → Margener), og prøv igen."
                ).format(name=name, width=_cm(width), height=_cm(height))
            )


def _cm(emu: int) -> str:
    return f"{emu / 360000:.1f}".replace(".", ",")


def _not_a_document(name: str) -> str:
    return _(
        "Skabelonen {name} kan ikke læses som et Word-dokument (.docx). Er det en ældre .doc-fil eller en "
        "anden filtype, så åbn den i Word og gem den som Word-dokument (.docx) eller Word-skabelon (.dotx)."
    ).format(name=name)


def _has_content(story) -> bool:
    """Whether a header or footer shows anything: text, a picture or a shape."""
    return any(t.text and t.text.strip() for t in story.iter(qn("w:t"))) or any(
        True for _element in story.iter(qn("w:drawing"), qn("w:pict"))
    )


class TemplateFixer:
    """Adds what the report needs and the document lacks, and collects one warning per substitution."""

    def __init__(self, document) -> None:
        self.document = document
        self.warnings: list[str] = []
        self.names: dict[str, str] = {}  # the report's style name -> the name used in this document
        self._ensure_normal()
        self.sections_note()
        self.table_style = next((s for s in TABLE_STYLES if self.has_style(s, WD_STYLE_TYPE.TABLE)), None)

    def has_style(self, name: str, kind) -> bool:
        try:
            return self.document.styles[name].type == kind
        except KeyError:
            return False

    def _exists(self, name: str) -> bool:
        try:
            self.document.styles[name]
        except KeyError:
            return False
        return True

    def _ensure_normal(self) -> None:
        if self.has_style("Normal", WD_STYLE_TYPE.PARAGRAPH):
            return
        self.warnings.append(_("Skabelonen mangler typografien «Normal»; den er tilføjet."))
        for style in self.document.styles.element.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == "Normal" or style.get(qn("w:default")) in ("1", "true"):
                if style.get(qn("w:type")) == "paragraph":
                    style.attrib.pop(qn("w:default"), None)
                if style.get(qn("w:styleId")) == "Normal":
                    style.set(qn("w:styleId"), "NormalTemplate")
        style = parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="22"/></w:rPr></w:style>'
        )
        self.document.styles.element.append(style)

    def numbered(self, name: str) -> bool:
        """Whether the paragraph style ``name`` numbers its paragraphs itself (a template's "1", "1.1")."""
        try:
            style = self.document.styles[name]
        except KeyError:
            return False
        seen = 0
        while style is not None and seen < 20:
            ppr = style.element.pPr
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
            if num_id is not None:
                return num_id.get(qn("w:val")) not in ("0", None)
            style, seen = style.base_style, seen + 1
        return False

    # --- styles ---------------------------------------------------------------------------------------
    def paragraph_style(self, name: str) -> str:
        """The style ``name``; defined from the template's own fonts (and a warning) where it lacks it. Where
        the template has a style of that name that is no paragraph style, a substitute is defined."""
        if name in self.names:
            return self.names[name]
        used = self._paragraph_style(name)
        self.names[name] = used
        return used

    def _paragraph_style(self, name: str) -> str:
        if self.has_style(name, WD_STYLE_TYPE.PARAGRAPH):
            if name == "List Bullet":
                self._ensure_bullets(self.document.styles[name])
            return name
        styles = self.document.styles
        target = name
        if self._exists(name):
            target = _("{name} (rapport)").format(name=name)
            self.warnings.append(
                _(
                    "Skabelonens typografi «{name}» er ikke en afsnitstypografi; rapporten bruger i stedet "
                    "typografien «{target}»."
                ).format(name=name, target=target)
            )
            if self.has_style(target, WD_STYLE_TYPE.PARAGRAPH):
                return target
        else:
            self.warnings.append(
                _(
                    "Skabelonen mangler typografien «{name}»; den er tilføjet ud fra skabelonens egne skrifttyper."
                ).format(name=name)
            )
        style = styles.add_style(target, WD_STYLE_TYPE.PARAGRAPH)
        heading_like = name.startswith("Heading") or name in ("Title", "Subtitle")
        base = "Heading 1" if heading_like and self.has_style("Heading 1", WD_STYLE_TYPE.PARAGRAPH) else "Normal"
        style.base_style = styles[base] if target != base else styles["Normal"]
        style.next_paragraph_style = styles["Normal"]
        font = style.font
        if name in _HEADING_SIZES:
            font.size = Pt(_HEADING_SIZES[name])
        if heading_like:
            font.bold = name != "Subtitle"
            if base == "Normal":
                font.color.rgb = RGBColor(0x1F, 0x5F, 0x8B)
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
            level = name.removeprefix("Heading ").strip()
            ppr = style.element.get_or_add_pPr()
            if base != "Normal":  # a numbered Heading 1 must not number the title page or a lower heading
                no_numbering(ppr)
            outline = OxmlElement("w:outlineLvl")  # body level (9) for a title based on a heading: not in the TOC
            outline.set(qn("w:val"), str(int(level) - 1) if level.isdigit() else "9")
            ppr.append(outline)
        if name == "Quote":
            font.italic = True
            style.paragraph_format.left_indent = Cm(1)
        if name == "Caption":
            font.italic = True
            style.paragraph_format.space_after = Pt(6)
        if name == "List Bullet":
            style.element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))  # items sit together
            self._ensure_bullets(style, warn=False)
        return target

    def _ensure_bullets(self, style, *, warn: bool = True) -> None:
        """Give the bullet style a numbering definition if it has none that resolves."""
        numbering = self._numbering_element()
        ppr = style.element.get_or_add_pPr()
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None and numbering is not None:
            num_id = num_pr.find(qn("w:numId"))
            wanted = num_id.get(qn("w:val")) if num_id is not None else None
            if any(n.get(qn("w:numId")) == wanted for n in numbering.findall(qn("w:num"))):
                return
        if warn:
            self.warnings.append(_("Skabelonens typografi «List Bullet» har ingen punkttegn; punkttegn er tilføjet."))
        if numbering is None:
            numbering = self._add_numbering_part()
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_id, num_id = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>'
            "</w:lvl></w:abstractNum>"
        )
        num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum comes before the first num
        else:
            numbering.append(abstract)
        numbering.append(num)
        if num_pr is not None:
            ppr.remove(num_pr)
        num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>')
        style_ppr_children = [qn("w:keepNext"), qn("w:keepLines"), qn("w:pageBreakBefore"), qn("w:pStyle")]
        anchor = None
        for child in ppr:
            if child.tag in style_ppr_children:
                anchor = child
        if anchor is not None:
            anchor.addnext(num_pr)
        else:
            ppr.insert(0, num_pr)

    def _numbering_element(self):
        try:
            return self.document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return None

    def _add_numbering_part(self):
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, self.document.part.package)
        self.document.part.relate_to(part, RT.NUMBERING)
        return part.element

    def table_style_name(self) -> str:
        """A table style with visible borders: the template's, or a grid defined here (with a warning)."""
        if self.table_style is None:
            self.warnings.append(
                _("Skabelonen har ingen tabeltypografi ({names}); tabellerne har fået et enkelt gitter.").format(
                    names=", ".join(TABLE_STYLES)
                )
            )
            self._add_grid_style()
            self.table_style = GRID_STYLE
        return self.table_style

    def _add_grid_style(self) -> None:
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        style = parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="0" w:styleId="TableGrid">'
            f'<w:name w:val="{GRID_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
            '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr></w:style>"
        )
        styles = self.document.styles.element
        for existing in styles.findall(qn("w:style")):
            if existing.get(qn("w:styleId")) == "TableGrid":
                styles.remove(existing)  # a latent or broken definition under the same id
        styles.append(style)

    # --- headers and footers ----------------------------------------------------------------------------
    def title_page(self, section) -> None:
        """No page number on the title page, but the template's header and footer (its logo, its address) stay
        there, without their page fields."""
        own_first = section.different_first_page_header_footer
        section.different_first_page_header_footer = True
        for source, target in (
            (section.header, section.first_page_header),
            (section.footer, section.first_page_footer),
        ):
            if own_first and (_has_content(target._element) or not _has_content(source._element)):
                continue  # the template's own first page
            if own_first:
                self.warnings.append(
                    _(
                        "Skabelonen har en særlig første side uden eget sidehoved eller sidefod; forsiden har fået "
                        "det almindelige."
                    )
                )
            copy_story(source, target)
            remove_page_fields(target._element)

    def sections_note(self) -> None:
        sections = getattr(self.document, "template_sections", 1)
        if sections > 1:
            self.warnings.append(
                _(
                    "Skabelonen har {n} sektioner; rapporten bruger den sidste sektions sideopsætning, sidehoved og "
                    "sidefod."
                ).format(n=sections)
            )

    # --- package clean-up -------------------------------------------------------------------------------
    def settings(self) -> None:
        settings = self.document.settings.element
        compat = settings.find(qn("w:compat"))
        if compat is None:
            compat = OxmlElement("w:compat")
            settings.append(compat)
        mode = next(
            (c for c in compat.findall(qn("w:compatSetting")) if c.get(qn("w:name")) == "compatibilityMode"), None
        )
        if mode is None:
            mode = OxmlElement("w:compatSetting")
            mode.set(qn("w:name"), "compatibilityMode")
            mode.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
            compat.append(mode)
        mode.set(qn("w:val"), "15")  # Word 2013 and later: no "Kompatibilitetstilstand"
        for tag in ("w:savePreviewPicture", "w:attachedTemplate"):
            for element in settings.findall(qn(tag)):
                settings.remove(element)
        protections = [e for tag in ("w:documentProtection", "w:writeProtection") for e in settings.findall(qn(tag))]
        for element in protections:
            settings.remove(element)
        if protections:
            self.warnings.append(
                _("Skabelonens redigeringsbegrænsning er fjernet i udkastet, så rapporten kan rettes i Word.")
            )

    def package(self, title: str, company: str) -> None:
        """Today's dates in the properties, no stray thumbnail, the application's name in app.xml."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props = self.document.core_properties
        props.created = props.modified = now
        printed = props._element.find(qn("cp:lastPrinted"))
        if printed is not None:
            props._element.remove(printed)
        props.revision = 1
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]
        app = next((r.target_part for r in package.rels.values() if r.reltype == RT.EXTENDED_PROPERTIES), None)
        xml = _app_xml(title, company)
        if app is None:
            from docx.opc.part import Part

            app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, xml, package)
            package.relate_to(app, RT.EXTENDED_PROPERTIES)
        else:
            app._blob = xml


def _app_xml(title: str, company: str) -> bytes:
    from xml.sax.saxutils import escape

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f'<Company>{escape(company)}</Company><TitlesOfParts><vt:vector size="1" baseType="lpstr">'
        f"<vt:lpstr>{escape(title)}</vt:lpstr></vt:vector></TitlesOfParts>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    ).encode()
