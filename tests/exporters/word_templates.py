"""Municipal Word templates as they come to the unit: built in the test, the way Word leaves them."""

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm


def _png(width: int = 120, height: int = 40) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f3a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def narrow_with_footer_text(folder: Path) -> Path:
    """A4 with a 14 cm text area, a logo and a name in the header, an address in the footer (no page number)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(3.5)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_png()), width=Cm(3))
    header.add_run("  Egeskov Kommune")
    section.footer.paragraphs[0].text = "Egeskov Kommune · Torvet 1 · 9990 Egeskov"
    document.add_paragraph("Skabelonens eksempeltekst, som rapporten erstatter.")
    path = folder / "smal-skabelon.docx"
    document.save(str(path))
    return path


def saved_by_word(folder: Path) -> Path:
    """A template as Word saves it: only the styles in use (headings 1-2, but no Heading 3, List Bullet, table
    style, Title, Quote or Caption), no numbering part, A4 with Word's 2 cm margins."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.header.paragraphs[0].text = "Fjordby Kommune"
    document.add_paragraph("Brevpapir")
    keep = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "heading 1", "heading 2", "header"}
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in keep:
            styles.remove(style)
    raw = io.BytesIO()
    document.save(raw)
    path = folder / "word-skabelon.docx"
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in ("word/numbering.xml", "word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"):
                continue
            data = source.read(item.filename)
            if item.filename in ("word/_rels/document.xml.rels", "_rels/.rels", "[Content_Types].xml"):
                data = re.sub(
                    rb"<(Relationship|Override)[^>]*(numbering|stylesWithEffects|thumbnail)[^>]*/>", b"", data
                )
            target.writestr(item, data)
    return path
