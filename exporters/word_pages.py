"""The page of a Word document as the report sees it: the text area's width and height (one column's width in
a multi-column layout), the page fields in headers and footers (found as real fields, removed from the title
page), list numbering switched off, and a header copied with its pictures."""

import copy
import re

from docx.oxml.ns import qn

MIN_TEXT = 360000 * 3  # 3 cm: less than this between the margins is not a page a report can be written on
NARROW_TEXT = 360000 * 8


def text_width(section) -> int:
    """The width between the margins of ``section``, in EMU."""
    gutter = section.gutter or 0
    return int((section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0) - gutter)


def text_height(section) -> int:
    """The height between the top and bottom margins of ``section``, in EMU."""
    return int((section.page_height or 0) - abs(section.top_margin or 0) - abs(section.bottom_margin or 0))


def column_width(section) -> int:
    """The width of one text column of ``section`` (its text width when it has one column), in EMU."""
    cols = section._sectPr.find(qn("w:cols"))
    width = text_width(section)
    if cols is None:
        return width
    try:
        number = max(int(cols.get(qn("w:num"), "1")), 1)
        space = int(cols.get(qn("w:space"), "720")) * 635
    except ValueError:
        return width
    own = [c for c in cols.findall(qn("w:col")) if c.get(qn("w:w"))]
    if own and cols.get(qn("w:equalWidth")) in ("0", "false"):
        return min(int(c.get(qn("w:w"))) * 635 for c in own)
    return (width - (number - 1) * space) // number if number > 1 else width


_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
_PAGE_WORDS = re.compile(r"\s*(?:[–—-]\s*)?\b(?:side|page|s\.)\s*$|^\s*(?:af|of|/)\s*$", re.IGNORECASE)


def _fields(element):
    """Every field in ``element`` as (its instruction's first word in capitals, the elements it is made of): a
    ``w:fldSimple``, or the runs from a ``begin`` to its ``end``."""
    found = []
    for simple in element.iter(qn("w:fldSimple")):
        words = (simple.get(qn("w:instr")) or "").split()
        found.append((words[0].upper() if words else "", [simple]))
    stack: list[tuple[list[str], list]] = []
    for run in element.iter(qn("w:r")):
        kinds = [c.get(qn("w:fldCharType")) for c in run.findall(qn("w:fldChar"))]
        if "begin" in kinds:
            stack.append(([], []))
        if stack:
            stack[-1][1].append(run)
            for instr in run.findall(qn("w:instrText")):
                stack[-1][0].append(instr.text or "")
        if "end" in kinds and stack:
            texts, runs = stack.pop()
            words = "".join(texts).split()
            found.append((words[0].upper() if words else "", runs))
            if stack:
                stack[-1][1].extend(runs)
    return found


def has_page_field(element) -> bool:
    """Whether a header or footer shows a page number: a real PAGE field, not the letters "page" anywhere."""
    return any(kind == "PAGE" for kind, _parts in _fields(element))


def remove_page_fields(element) -> bool:
    """Remove the PAGE, NUMPAGES and SECTIONPAGES fields from a header or footer, with the words around them
    ("Side", "af"); True if there was one."""
    removed = False
    for kind, parts in _fields(element):
        if kind not in _PAGE_FIELDS:
            continue
        for part in parts:
            parent = part.getparent()
            if parent is not None:
                parent.remove(part)
        removed = True
    if removed:
        for text in element.iter(qn("w:t")):
            if text.text:
                text.text = _PAGE_WORDS.sub("", text.text)
    return removed


def no_numbering(ppr) -> None:
    """Switch a paragraph's (or a style's) list numbering off: ``<w:numPr><w:numId w:val="0"/></w:numPr>``."""
    num_pr = ppr.get_or_add_numPr()
    for child in list(num_pr):
        num_pr.remove(child)
    num_pr.get_or_add_numId().val = 0


def copy_story(source, target) -> None:
    """Copy a header's paragraphs and tables into another header, relating the pictures (a logo) anew."""
    source_part, target_part = source.part, target.part
    element = target._element
    for child in list(element):
        element.remove(child)
    for child in source._element:
        copied = copy.deepcopy(child)
        for node in copied.iter():
            for attr in (qn("r:embed"), qn("r:id"), qn("r:link")):
                old = node.get(attr)
                if old and old in source_part.rels:
                    rel = source_part.rels[old]
                    if rel.is_external:
                        new = target_part.relate_to(rel.target_ref, rel.reltype, is_external=True)
                    else:
                        new = target_part.relate_to(rel.target_part, rel.reltype)
                    node.set(attr, new)
        element.append(copied)
