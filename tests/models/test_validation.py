"""Validators: CVR modulus 11, Danish amounts, texts; property-based where the input space is large."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.enterprises import Enterprise
from models.errors import ValidationError
from models.validation import CVR_WEIGHTS, is_valid_cvr, parse_amount, parse_decimal


def _with_check_digit(first7: str) -> str | None:
    """Complete seven digits with the last digit that makes the weighted sum divisible by 11, if any."""
    partial = sum(int(d) * w for d, w in zip(first7, CVR_WEIGHTS[:7], strict=True))
    last = (-partial) % 11
    return None if last == 10 else first7 + str(last)


@given(st.from_regex(r"[1-9][0-9]{6}", fullmatch=True))
def test_cvr_with_correct_check_digit_is_valid(first7):
    cvr = _with_check_digit(first7)
    if cvr is not None:
        assert is_valid_cvr(cvr)
        wrong = cvr[:7] + str((int(cvr[7]) + 1) % 10)
        assert not is_valid_cvr(wrong)


@given(st.text(max_size=12))
def test_cvr_validator_never_crashes(text):
    assert is_valid_cvr(text) in (True, False)


def test_cvr_rules():
    valid = _with_check_digit("1234567") or _with_check_digit("2345678")
    assert valid and is_valid_cvr(valid)
    assert not is_valid_cvr("0" + valid[1:])  # no leading zero
    assert not is_valid_cvr(valid[:7])  # 7 digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150.000", (150_000, False)),
        ("150.000 kr.", (150_000, False)),
        ("ca. 650.000 kr.", (650_000, True)),
        ("Ca. 650.000", (650_000, True)),
        ("1.500.000", (1_500_000, False)),
        ("412000", (412_000, False)),
        ("475.000,00", (475_000, False)),
        ("150.000\u00a0kr.", (150_000, False)),
    ],
)
def test_parse_amount_accepts_danish_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text", ["1.5", "1,5", "-100", "", "   ", "ca.", "150,000", "12.34.567", "abc", "99999999999999"]
)
def test_parse_amount_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(ValidationError):
        parse_amount(text)


@given(st.integers(min_value=0, max_value=10_000_000_000))
def test_parse_amount_round_trips_formatted_amounts(value):
    from models.formatting import format_dkk

    assert parse_amount(format_dkk(value)) == (value, False)
    assert parse_amount(format_dkk(value, approximate=True)) == (value, True)


@given(st.text())
def test_parse_amount_gives_a_value_or_a_validation_error(text):
    try:
        value, approximate = parse_amount(text)
    except ValidationError as error:
        assert error.message
    else:
        assert value >= 0 and isinstance(approximate, bool)


def test_parse_decimal():
    assert parse_decimal("4,5", field="h", label="Timer") == Decimal("4.5")
    with pytest.raises(ValidationError, match="komma"):
        parse_decimal("4.5", field="h", label="Timer")


def test_enterprise_validation_messages_name_the_field(db):
    cases = [
        ({"name": "   "}, "name"),
        ({"name": "X", "cvr": "12345678"}, "cvr"),
        ({"name": "X", "cvr": "1234"}, "cvr"),
        ({"name": "X", "opened": dt.date(2019, 1, 1), "closed": dt.date(2018, 1, 1)}, "closed"),
        ({"name": "X", "employees": -1}, "employees"),
        ({"name": "X\x0bY"}, "name"),
        ({"name": "X" * 201}, "name"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as raised:
            Enterprise.create(**values)
        assert raised.value.field == field and raised.value.message
    assert Enterprise.select().count() == 0


def test_names_are_stored_stripped_and_duplicates_refused(db):
    import peewee

    Enterprise.create(name="  Sumak ")
    assert Enterprise.get().name == "Sumak"
    with pytest.raises(peewee.IntegrityError):
        Enterprise.create(name="SUMAK")
