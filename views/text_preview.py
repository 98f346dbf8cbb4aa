"""A report text as it will print: paragraphs and bullets, fields filled from data, blocks described."""

import html

from models.report_data import BulletList, Paragraph, text_blocks
from models.report_fields import BLOCKS, ReportFields, block_name


def preview_html(text: str, fields: ReportFields | None, *, lead: str = "") -> str:
    parts: list[str] = []
    for paragraph in text.split("\n\n"):
        name = block_name(paragraph)
        if name:
            parts.append(f'<p style="color:#1f5f8b"><i>[{html.escape(BLOCKS[name])}]</i></p>')
            continue
        filled = fields.fill(paragraph) if fields else None
        shown = filled.text if filled else paragraph
        for block in text_blocks(shown):
            if isinstance(block, Paragraph):
                prefix = f"<b>{html.escape(lead)}</b> " if lead and not parts else ""
                parts.append(f"<p>{prefix}{html.escape(block.text)}</p>")
            elif isinstance(block, BulletList):
                items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
                parts.append(f"<ul>{items}</ul>")
        if filled and filled.unknown:
            unknown = ", ".join(html.escape(u) for u in filled.unknown)
            parts.append(f'<p style="color:#c62828">Ukendt felt eller felt uden værdi: {unknown}</p>')
    return "".join(parts)
