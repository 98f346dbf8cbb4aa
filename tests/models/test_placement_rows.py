"""Pasted placement rows: good rows parsed, bad rows named by row and field."""

import datetime as dt
from decimal import Decimal

from models.placement_rows import channel_of, parse_rows


def test_good_rows_and_a_header(example_db):
    text = (
        "Dato\tVirksomhed\tType\tKanal\tTimer\n"
        "15.3.2019\tSumak\tFleksjob\tJobcenteret\t12,5\n"
        "2019-04-01\tveteranhaven\tdeltidsjob\tegne kanaler\t\n"
    )
    good, problems = parse_rows(text)
    assert problems == []
    assert [(r["date"], r["channel"], r["hours_per_week"]) for r in good] == [
        (dt.date(2019, 3, 15), "jobcenter", Decimal("12.5")),
        (dt.date(2019, 4, 1), "own", None),
    ]


def test_bad_rows_are_named_with_row_and_field(example_db):
    text = (
        "1.2.2019\tSumak\tFleksjob\tJobcenteret\n"
        "30.2.2019\tSumak\tFleksjob\tJobcenteret\n"
        "1.3.2019\tUkendt ApS\tFleksjob\tJobcenteret\n"
        "1.3.2019\tSumak\tPraktik\tJobcenteret\n"
        "1.3.2019\tSumak\tFleksjob\tNetværket\n"
        "1.3.2019\tSumak\tFleksjob\tJobcenteret\tmange\n"
    )
    good, problems = parse_rows(text)
    assert len(good) == 1
    assert [(p.row, p.field) for p in problems] == [
        (2, "dato"),
        (3, "virksomhed"),
        (4, "type"),
        (5, "kanal"),
        (6, "timer pr. uge"),
    ]
    assert "Række 3, virksomhed: «Ukendt ApS» findes ikke i registret" == str(problems[1])
    # a parser's message that names its field already does not name it twice
    assert str(problems[4]).startswith("Række 6, timer pr. uge: «mange» er ikke et tal")
    assert str(problems[0]).count("ato") == 1, str(problems[0])


def test_channel_words():
    assert channel_of("Gennem Jobcenteret") == "jobcenter" and channel_of("EGNE") == "own"
    assert channel_of("avisen") is None
