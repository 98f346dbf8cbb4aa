"""Fields in report texts are filled from data; an unknown field is kept visible and reported."""

import datetime as dt

from models.enterprises import Enterprise
from models.placements import JobPlacement, PlacementType
from models.report_fields import ReportFields, block_name


def test_fields_follow_the_data(example_db):
    text = "I {{aar}} blev {{job_jobcenter}} ansat, heraf {{job_jobcenter:fleksjob}} i fleksjob."
    before = ReportFields(2018).fill(text).text
    JobPlacement.create(
        enterprise=Enterprise.get(Enterprise.name == "Sumak"),
        date=dt.date(2018, 5, 1),
        type=PlacementType.get(PlacementType.name == "Fleksjob"),
        channel="jobcenter",
    )
    after = ReportFields(2018).fill(text).text
    assert before == "I 2018 blev 35 ansat, heraf 21 i fleksjob."
    assert after == "I 2018 blev 36 ansat, heraf 22 i fleksjob."


def test_unknown_and_empty_fields_stay_visible(example_db):
    filled = ReportFields(2018).fill("Tal: {{findes_ikke}} og {{initiativ_medlemmer:Ukendt}}.")
    assert filled.text == "Tal: {{findes_ikke}} og {{initiativ_medlemmer:Ukendt}}."
    assert filled.unknown == ["{{findes_ikke}}", "{{initiativ_medlemmer:Ukendt}}"]


def test_goal_and_yearly_facts(example_db):
    fields = ReportFields(2018)
    assert fields.fill("{{maal:virksomheder}} / {{registrerede_landsplan}} / {{naeste_aar}}").text == "25 / 283 / 2019"


def test_block_names():
    assert block_name("{{tilskud}}") == "tilskud"
    assert block_name("  {{ evalueringer }} ") == "evalueringer"
    assert block_name("Se {{tilskud}}") is None
    assert block_name("{{aar}}") is None


def test_blocks_are_not_filled_inline(example_db):
    assert ReportFields(2018).fill("{{tilskud}}").text == "{{tilskud}}"
