"""The example report opened in a real client: LibreOffice converts it to PDF; the PDF's text carries the
sections and the key figures, and the table of contents fills when indexes are updated."""

import re

import pytest

from tests.helpers.libreoffice import convert, has_uno, needs_libreoffice, pdf_text, render_with_updated_indexes

pytestmark = [needs_libreoffice, pytest.mark.sqlite_only]  # rendering; the figures are checked on both engines


def test_pdf_has_the_sections_and_figures(report_path, tmp_path):
    text = pdf_text(convert(report_path, "pdf", tmp_path))
    for heading in (
        "1. Indledning",
        "2.1 Mød virksomheder og initiativer",
        "3. Registrering",
        "6.5 Lokale indkøb",
        "6.10 Tilføjelse D",
        "7.1 Anbefalinger",
        "7.2 Anbefalinger",
        "Hjemmel og referencer",
    ):
        assert heading in text, heading
    flat = re.sub(r"\s+", " ", text)
    for figure in (
        "2018 19 socialøkonomiske",
        "leveret 35 jobs",
        "Fleksjob: 21",
        "yderligere ansat 29",
        "40 % (10 af 25)",
        "64,7 % (22 af 34)",
        "ca. 650.000 kr.",
        "7 socialøkonomiske virksomheder",
    ):
        assert figure in flat, figure


@pytest.mark.skipif(not has_uno(), reason="python3-uno is installed by .ci/run")
def test_table_of_contents_fills_when_indexes_are_updated(report_path, tmp_path):
    text = pdf_text(render_with_updated_indexes(report_path, tmp_path))
    toc = text[text.index("Indholdsfortegnelse") : text.index("Indholdsfortegnelse") + 6000]
    assert re.search(r"1\. Indledning\.*\s*\d+", toc)
    assert re.search(r"Status på samarbejdsaftale 2\.*\s*\d+", text)
    assert text.count("6.10 Tilføjelse D") >= 2  # the entry and the heading
