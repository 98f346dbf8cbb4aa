"""CPR-like numbers are refused before they are saved and flagged before an export, with the field named."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.exports import export_jobs, export_report
from models.enterprises import Enterprise, EnterpriseText
from models.errors import ValidationError
from models.personal_data import find_cpr


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Borgeren 010890-1234 startede", ["010890-1234"]),
        ("0108901234", ["0108901234"]),
        ("290200-1234", ["290200-1234"]),
        ("310290-1234", []),  # 31 February does not exist
        ("CVR 10150817", []),
        ("150.000 kr.", []),
        ("tlf. 58 57 36 00", []),
        ("8.9.2016 med 4,5 timer", []),
    ],
)
def test_find_cpr(text, found):
    assert find_cpr(text) == found


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(0, 9999),
    st.sampled_from(["-", ""]),
)
def test_every_real_date_with_four_digits_is_found(day, serial, dash):
    number = f"{day:%d%m%y}{dash}{serial:04d}"
    assert find_cpr(f"Tekst {number} mere tekst") == [number]


def test_refused_before_saving_with_the_field_named(example_db):
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    text = EnterpriseText.get(enterprise=sumak, year=2018)
    text.plans = "Borger 010890-1234 starter i maj."
    with pytest.raises(ValidationError, match="CPR-nummer") as raised:
        text.save()
    assert raised.value.field == "plans" and "010890-XXXX" in raised.value.message
    assert "1234" not in raised.value.message
    assert "010890" not in EnterpriseText.get(enterprise=sumak, year=2018).plans


def test_flagged_again_before_an_export(example_db, tmp_path):
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    EnterpriseText.update(plans="Borger 010890-1234.").where(EnterpriseText.enterprise == sumak).execute()
    Enterprise.update(place="Slagelse 0108901234").where(Enterprise.id == sumak.id).execute()
    report_warnings = export_report(2018, tmp_path / "r.docx")
    assert any("CPR-nummer" in w and "Sumak" in w for w in report_warnings)
    Enterprise.update(name="Sumak 0108901234").where(Enterprise.id == sumak.id).execute()
    job_warnings = export_jobs(dt.date(2018, 12, 31), tmp_path / "j.xlsx")
    assert any("CPR-nummer" in w and "celle" in w for w in job_warnings)
