"""Arbitrary text, as hypothesis makes it: the validators answer with a value or a Danish message and never
crash, and whatever text the store holds exports to Word and Excel files that open."""

import datetime as dt
import re

import openpyxl
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exports import export_jobs, export_report
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.validation import check_text, clean_cvr, parse_amount, parse_date

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@given(st.text())
def test_check_text_returns_text_or_a_message(text):
    try:
        result = check_text("name", text, label="Navnet", required=True, max_length=200)
    except ValidationError as error:
        assert error.field == "name" and error.message
    else:
        assert result == text.strip() and result and not XML_UNSAFE.search(result)


@given(st.text(max_size=40))
def test_date_and_cvr_parsers_never_crash(text):
    for parse in (lambda t: parse_date(t), lambda t: clean_cvr("cvr", t), parse_amount):
        try:
            parse(text)
        except ValidationError as error:
            assert error.message


@pytest.mark.parametrize("name", ["Café 😀 Fælles", "مقهى المدينة", 'Rød & Grøn <A/S> "ApS"', "=SUM(A1:A9)"])
def test_emoji_right_to_left_and_markup_export_as_written(example_db, tmp_path, name):
    Enterprise.update(name=name).where(Enterprise.name == "Sumak").execute()
    export_report(2018, tmp_path / "r.docx")
    export_jobs(dt.date(2018, 12, 31), tmp_path / "j.xlsx")
    assert name in [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    assert name in [c.value for c in openpyxl.load_workbook(tmp_path / "j.xlsx")["Pr. virksomhed"]["A"]]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() and "\x00" not in t))
def test_any_text_in_the_store_exports_to_files_that_open(example_db, tmp_path, text):
    Enterprise.update(name=text).where(Enterprise.name != text, Enterprise.report_order == 2).execute()
    export_report(2018, tmp_path / "r.docx")
    export_jobs(dt.date(2018, 12, 31), tmp_path / "j.xlsx")
    shown = XML_UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))  # line breaks as LF
    assert shown in [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs] or not shown.strip()
    names = [c.value for c in openpyxl.load_workbook(tmp_path / "j.xlsx")["Pr. virksomhed"]["A"]]
    assert shown in names or not shown.strip()
