"""Exporting the example report once per module, and reading a .docx back."""

from pathlib import Path

import pytest
from docx import Document

from desktop.exports import export_report


def document_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts).replace("\u00a0", " ")


class ReportFile(type(Path())):
    """A path that also carries the warnings its export gave."""

    warnings: list[str] = []


@pytest.fixture
def report_path(example_db, tmp_path):
    path = ReportFile(tmp_path / "aarsrapport-2018.docx")
    path.warnings = export_report(2018, path)
    return path
