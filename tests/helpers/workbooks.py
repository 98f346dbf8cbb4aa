"""Workbooks in tests: every formula cell with its stored value, LibreOffice's recalculation (after edits
made as a user would make them), and what a PDF print of a workbook looks like (font sizes, page texts)."""

import datetime as dt
import json
import math
import subprocess
from pathlib import Path

import openpyxl

from tests.helpers.libreoffice import SYSTEM_PYTHON, has_uno

__all__ = ["has_uno"]


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    """Every formula in the workbook by (sheet, cell)."""
    workbook = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def stored_values(path: Path) -> dict[tuple[str, str], object]:
    """What a reader that does not recalculate shows in every cell (openpyxl ``data_only=True``)."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    return {
        (ws.title, cell.coordinate): cell.value for ws in workbook.worksheets for row in ws.iter_rows() for cell in row
    }


def recalculated(source: Path, workdir: Path, edits: list[dict] | None = None) -> Path:
    """The workbook after LibreOffice applied ``edits`` and recalculated every formula, saved as .xlsx."""
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / f"{source.stem}-recalculated.xlsx"
    spec = workdir / f"{source.stem}-edits.json"
    spec.write_text(json.dumps(edits or []), encoding="utf-8")
    subprocess.run(
        [
            str(SYSTEM_PYTHON),
            str(Path(__file__).with_name("uno_calc.py")),
            str(source),
            str(target),
            str(workdir / "uno-profile"),
            str(spec),
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    return target


def same(actual, expected) -> bool:
    """A cell's value equals the application's figure ("" stands for an empty result)."""
    if expected == "" or expected is None:
        return actual in (None, "")
    if isinstance(expected, dt.date):
        if isinstance(actual, dt.datetime):
            actual = actual.date()
        return actual == expected
    if isinstance(expected, str):
        return actual == expected
    return isinstance(actual, int | float) and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


def smallest_text(pdf: Path) -> tuple[float, str]:
    """The smallest printed character of the PDF, in points, and the line it stands in. A character set
    sideways (an axis title) is measured across its line, like the rest."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLine

    smallest = (math.inf, "")

    def walk(item, line: str) -> None:
        nonlocal smallest
        if isinstance(item, LTTextLine):
            line = item.get_text().strip()
        if isinstance(item, LTChar):
            if item.get_text().strip():
                size = item.size if item.upright else max(item.width, item.height)
                smallest = min(smallest, (size, line))
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child, line)

    for page in extract_pages(str(pdf)):
        walk(page, "")
    return smallest


def page_texts(pdf: Path) -> list[str]:
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [page.replace("\u00a0", " ") for page in run.stdout.split("\f") if page.strip()]
