"""The blocks a report is made of, as plain data: paragraphs, lists, tables, charts and notes for the author.

The Word exporter lays these out; ``models.report_data`` builds them from the store. A ``Note`` is never
body text: it is a remark for the person finishing the draft (a Word comment and a warning).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from models.formatting import format_int
from models.i18n import _

PLACEHOLDER = "[Pladsholder]"  # a stored text that starts with this is a standard text not yet written


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | quote | lead (a bold lead-in such as a question) | note (a plain remark)
    lead: str = ""  # bold words printed before the text ("Anbefaling:")


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1..3


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    total_row: bool = False  # the last row is a total, printed bold
    caption: str = ""


@dataclass(frozen=True)
class ChartData:
    """A bar chart: one value per category for each series; an optional target line. With ``stacked`` the
    series of one category are drawn as one bar in parts."""

    key: str  # "jobs" or "enterprises"
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int | None, ...]], ...]
    target: int | None = None
    target_label: str = ""
    stacked: bool = False

    @property
    def description(self) -> str:
        """The chart in words, with its numbers: the alternative text a screen reader reads."""
        parts = []
        for index, category in enumerate(self.categories):
            values = [(name, values[index]) for name, values in self.series if index < len(values)]
            present = [(name, v) for name, v in values if v]
            if self.stacked:
                total = sum(v for _name, v in present)
                inner = ", ".join(f"{name} {format_int(v)}" for name, v in present)
                detail = f" ({inner})" if len(present) > 1 else ""
                parts.append(f"{category}: {format_int(total)}{detail}")
            elif len(self.series) == 1:
                value = values[0][1] if values else None
                parts.append(f"{category}: {format_int(value) if value is not None else _('ingen tal')}")
            else:
                inner = ", ".join(f"{name} {format_int(v or 0)}" for name, v in values)
                parts.append(f"{category}: {inner}")
        text = _("Søjlediagram. {title}. {values}.").format(title=self.title, values="; ".join(parts))
        if self.target is not None:
            text += " " + (self.target_label or _("Mål: {n}").format(n=format_int(self.target))) + "."
        return text


@dataclass(frozen=True)
class Chart:
    key: str
    caption: str


@dataclass(frozen=True)
class Note:
    """A remark for the author, anchored to the text just before it (a Word comment)."""

    text: str


Block = Paragraph | BulletList | Heading | Table | Chart | Note


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    level: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReportData:
    year: int
    title: str  # "Den Socialøkonomiske Årsrapport 2018"
    committees: str
    municipality: str
    unit: str
    month: str  # "Januar 2019"
    foreword: tuple[Block, ...]
    sections: tuple[Section, ...]
    references: tuple[str, ...]
    charts: dict[str, ChartData]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    title_notes: tuple[str, ...] = field(default_factory=tuple)  # remarks on the title page's fields
    unfinished: tuple[str, ...] = field(default_factory=tuple)  # title-page fields still holding a standard text


class Cancelled(Exception):
    """Raised by a progress callback to stop a long build or export."""


Progress = Callable[[int, str], None]


def strip_placeholder(text: str) -> tuple[str, bool]:
    """The text without the placeholder mark, and whether it had one."""
    stripped = text.lstrip()
    if stripped.startswith(PLACEHOLDER):
        return stripped[len(PLACEHOLDER) :].lstrip(), True
    return text, False


def text_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; lines starting with "- " are bullets."""
    blocks: list[Block] = []
    for paragraph in (p.strip() for p in text.replace("\r\n", "\n").split("\n\n")):
        if not paragraph:
            continue
        plain: list[str] = []
        bullets: list[str] = []
        for line in paragraph.split("\n"):
            stripped = line.strip()
            if stripped.startswith("- "):
                if plain:
                    blocks.append(Paragraph(" ".join(plain)))
                    plain = []
                bullets.append(stripped[2:].strip())
            else:
                if bullets:
                    blocks.append(BulletList(tuple(bullets)))
                    bullets = []
                if stripped:
                    plain.append(stripped)
        if plain:
            blocks.append(Paragraph(" ".join(plain)))
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
    return blocks
