"""CPR-like numbers are refused before they are saved and flagged before an export, with the field named."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.exports import export_jobs, export_report
from models.enterprises import Enterprise, EnterpriseText
from models.errors import ValidationError
from models.personal_data import cpr_message, find_cpr


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


@pytest.mark.parametrize(
    "text",
    [
        "01 01 90 1234",
        "01.01.90-1234",
        "010190\u20131234",  # en dash, as Word's autocorrect writes it
        "010190\u20141234",  # em dash
        "010190\u22121234",  # minus sign
        "010190/1234",
        "0101\u200b901234",  # zero-width space inside
        "010190\u00a01234",  # no-break space
        "010190\u20091234",  # thin space
        "010190\u202f1234",  # narrow no-break space
        "\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14",  # full-width digits and dash
        "01\u00ad0190-1234",  # soft hyphen
        "01-01-90-1234",
        "01/01/90 1234",
    ],
)
def test_every_way_of_typing_a_cpr_is_found(text):
    found = find_cpr(f"Borger {text} startede")
    assert len(found) == 1
    assert "010190-XXXX" in cpr_message("Feltet", found)


@pytest.mark.parametrize(
    "text",
    ["2018-06-15 1234", "tlf. 58 57 36 00", "01.01.1990 kl. 12", "12.03.18 1234 kr.", "31 02 90 1234", "15.6.2018"],
)
def test_dates_phones_and_amounts_are_not_cpr_numbers(text):
    assert find_cpr(text) == []


def test_a_column_without_its_own_check_is_covered_at_save(example_db):
    from models.report_texts import HolisticRecommendation

    item = HolisticRecommendation.select().first()
    item.label_text = "A 010190\u20131234"
    with pytest.raises(ValidationError, match="CPR-nummer") as raised:
        item.save()
    assert raised.value.field == "label_text"
    assert "1234" not in HolisticRecommendation.get_by_id(item.id).label_text


def test_every_text_column_of_every_model_is_checked():
    from peewee import TextField

    from models.base import UidField
    from models.personal_data import check_record_texts, text_columns
    from models.schema import ALL_MODELS, HISTORY_MODELS

    for model in ALL_MODELS:
        if model in HISTORY_MODELS:
            assert text_columns(model) == []
            continue
        for field in model._meta.sorted_fields:
            if isinstance(field, TextField) and not isinstance(field, UidField):  # uids are not user text
                with pytest.raises(ValidationError) as raised:
                    check_record_texts(model, {field.name: "x 01.01.90-1234"})
                assert raised.value.field == field.name


def test_an_edit_through_the_command_layer_is_refused(example_db):
    from models import editing

    sumak = Enterprise.get(Enterprise.name == "Sumak")
    with pytest.raises(ValidationError, match="CPR-nummer"):
        editing.update(Enterprise, sumak.id, {"contact": "Kontakt 01 01 90 1234"})
    assert Enterprise.get_by_id(sumak.id).contact == sumak.contact


def _smuggle_cpr_into_names():
    """Texts stored before the check (or written around it): an enterprise name and a holistic label."""
    from models.report_texts import HolisticRecommendation

    sumak = Enterprise.get(Enterprise.name == "Sumak")
    Enterprise.update(name="Sumak 010190\u20131234").where(Enterprise.id == sumak.id).execute()
    item = HolisticRecommendation.select().first()
    HolisticRecommendation.update(label_text="0101\u200b901234").where(HolisticRecommendation.id == item.id).execute()


def test_the_word_export_warns_about_a_cpr_in_a_name_or_a_label(example_db, tmp_path):
    _smuggle_cpr_into_names()
    warnings = export_report(2018, tmp_path / "r.docx")
    cpr = [w for w in warnings if "CPR-nummer" in w]
    assert any("Virksomhed" in w and "«name»" in w for w in cpr), warnings
    assert any("label_text" in w for w in cpr), warnings
    assert not any("1234" in w for w in cpr)  # the number itself is never repeated


def test_both_workbooks_and_the_data_file_warn(example_db, tmp_path):
    from desktop.exports import export_agreements, export_data

    _smuggle_cpr_into_names()
    assert any("CPR-nummer" in w for w in export_jobs(dt.date(2018, 12, 31), tmp_path / "j.xlsx"))
    assert any("CPR-nummer" in w for w in export_agreements(2018, tmp_path / "a.xlsx"))
    data_warnings = export_data(tmp_path / "d.json")
    assert any("CPR-nummer" in w and "label_text" in w for w in data_warnings)


def test_the_command_line_data_export_prints_the_warning(example_db, db_path, tmp_path, capsys):
    from desktop.cli import main
    from models.store import close_database

    _smuggle_cpr_into_names()
    close_database()
    assert main(["export-data", "--output", str(tmp_path / "d.json"), "--database", str(db_path)]) == 0
    assert "CPR-nummer" in capsys.readouterr().err


def test_scan_store_is_quiet_on_the_example_data(example_db):
    from models.personal_data import scan_store

    assert scan_store() == []


# --- the adversarial review of issue 12 -------------------------------------------------------------------

# what a paste from Outlook, Teams, Word or a list puts between (or around) the groups of a number
_SEPARATORS = [
    "",
    "-",
    " ",
    "  ",
    "\t",
    ":",
    "_",
    "\u2022",
    "--",
    "/",
    ".",
    ". ",
    " - ",
    "\u00a0",
    "\u2013",
    "\u200e",
    "\u200f",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u202a",
    "\u202e",
    "\u200b\u200e-",
]
_MARKS = ["\u200e", "\u200f", "\u2066", "\u2069", "\u202a", "\u200b", "\ufeff", ""]
_AROUND = ["Borger ", "", "(", "«", "Borger: ", "\u2022 ", "Tekst, ", "x/", "\u200f"]
_AFTER = [" kræver støtte", " krav", " kristen", "", ",", ")", " kom", ".", "/020290-4321", " kronisk syg"]


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(0, 9999),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_MARKS),
    st.sampled_from(_AROUND),
    st.sampled_from(_AFTER),
)
def test_a_cpr_with_any_separator_or_invisible_mark_is_found(day, serial, sep1, sep2, sep3, mark, before, after):
    d, m, y = f"{day:%d}", f"{day:%m}", f"{day:%y}"
    text = f"{before}{d}{sep1}{mark}{m}{sep2}{y}{sep3}{serial:04d}{after}"
    found = find_cpr(text)
    assert found, text
    assert f"{d}{m}{y}-XXXX" in cpr_message("Feltet", found[:1])


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234,020290-4321",
        "010190-1234/020290-4321",
        "010190-1234;020290-4321",
        "010190-1234, 020290-4321",
    ],
)
def test_every_number_of_a_list_is_found(text):
    assert len(find_cpr(text)) == 2


@given(
    st.integers(1, 99_999_999),
    st.sampled_from([" kr.", " kr", " kr.,", "kr.", " kr. i alt"]),
    st.sampled_from(["", "Tilskud ", "ca. "]),
)
def test_amounts_are_not_cpr_numbers(amount, unit, before):
    for written in (f"{amount:,}".replace(",", "."), str(amount), f"{amount:,}".replace(",", ".") + ",00"):
        assert find_cpr(f"{before}{written}{unit}") == []


@given(st.integers(10_000_000, 99_999_999), st.sampled_from(["tlf. ", "+45 ", "Telefon: ", ""]))
def test_phone_numbers_are_not_cpr_numbers(number, before):
    digits = f"{number}"
    for written in (digits, " ".join(digits[i : i + 2] for i in range(0, 8, 2)), f"{digits[:4]} {digits[4:]}"):
        assert find_cpr(f"{before}{written}") == []


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from([".", "-", "/"]))
def test_dates_with_four_digit_years_are_not_cpr_numbers(day, sep):
    for written in (
        f"{day:%d}{sep}{day:%m}{sep}{day:%Y}",
        f"{day:%Y}{sep}{day:%m}{sep}{day:%d}",
        f"{day.day}. {day:%B %Y}",
    ):
        assert find_cpr(f"Mødet {written} i Slagelse") == [], written
    assert find_cpr(f"{day:%d.%m.%Y}-{day:%d.%m.%Y}") == []


def test_a_form_edit_with_kraever_after_the_number_is_refused(example_db):
    from models import editing
    from models.report_texts import HolisticRecommendation

    with pytest.raises(ValidationError, match="CPR"):
        editing.update(
            Enterprise, Enterprise.get(Enterprise.name == "Sumak").id, {"contact": "Borger 010190-1234 kræver hjælp"}
        )
    with pytest.raises(ValidationError, match="CPR"):
        editing.update(
            HolisticRecommendation, HolisticRecommendation.select().first().id, {"label_text": "010190-1234 krav"}
        )


def _data_file_with(tables):
    from models.data_codec import document

    return document({"tables": tables})


def test_an_imported_audit_entry_or_trash_item_with_a_cpr_is_refused(db):
    from models.data_import import import_data
    from models.history import AuditEntry, TrashItem

    audit = {
        "id": 1,
        "at": "2026-11-27T15:15:50",
        "user": "x",
        "action": "change",
        "model": "Enterprise",
        "record_id": 1,
        "record": "CPR 010190-1234",
        "field": "name",
        "old": "0101901234",
        "new": "x",
    }
    trash = {
        "id": 5,
        "deleted_at": "2026-11-27T15:15:50",
        "user": "x",
        "model": "Enterprise",
        "record_id": 77,
        "description": "Virksomhed",
        "rows": '[["Enterprise", {"id": 77, "name": "Borger 010190-1234"}]]',
    }
    for table, row in (("audit_entry", audit), ("trash_item", trash)):
        report = import_data(_data_file_with({table: [row]}), apply=True)
        assert not report.applied and any("CPR" in problem for problem in report.invalid), report.invalid
    assert AuditEntry.select().count() == 0 and TrashItem.select().count() == 0


@pytest.mark.sqlite_only  # a file on the command line
def test_export_data_warns_about_a_cpr_left_in_the_audit_trail(example_db, tmp_path):
    import sqlite3

    from desktop.exports import export_data
    from models import editing
    from models.store import database_path

    sumak = Enterprise.get(Enterprise.name == "Sumak").id
    raw = sqlite3.connect(database_path())
    raw.execute("UPDATE enterprise SET contact = 'Borger 010190-1234' WHERE id = ?", (sumak,))  # before the check
    raw.commit()
    raw.close()
    editing.update(Enterprise, sumak, {"contact": "Kontaktperson"})  # the user removes it: the audit keeps "old"
    warnings = export_data(tmp_path / "d.json")
    assert any("CPR-nummer" in w and "«old»" in w for w in warnings), warnings


def test_the_file_name_of_an_import_is_masked_in_the_audit_trail(db):
    from models.data_import import import_data
    from models.history import AuditEntry

    report = import_data(
        _data_file_with({"enterprise": [{"id": 1, "name": "Ny"}]}), apply=True, source="Borger 010190-1234.json"
    )
    assert report.applied
    assert [e.record for e in AuditEntry.select().where(AuditEntry.action == "import")] == ["Borger 010190-XXXX.json"]
