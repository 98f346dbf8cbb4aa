"""The example dataset: loading it and dumping the store gives it back; its texts use only known fields."""

import json
import re
from pathlib import Path

import pytest

from models.dataset_dump import dump_dataset
from models.enterprises import Enterprise
from models.errors import StoreError
from models.example_data import load_example, read_dataset
from models.grants import Grant
from models.report_fields import BLOCKS, ReportFields, block_name, fields_in
from models.report_texts import ReportSection, ReportYear, Story

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "slagelse-aarsrapport-2018.txt"


def test_round_trip(example_db):
    original = read_dataset()
    original["activity.json"].pop("note")
    assert dump_dataset() == original


def test_refuses_a_store_that_holds_data(example_db):
    before = Enterprise.select().count()
    with pytest.raises(StoreError, match="allerede data"):
        load_example()
    assert Enterprise.select().count() == before


def test_the_report_order_is_the_seeds(example_db):
    names = [e.name for e in Enterprise.select().order_by(Enterprise.report_order)]
    assert len(names) == 20
    assert names[:4] == ["MinaGroup", "Sumak", "BEVAR", "VeteranHaven"] and names[-1] == "Affald Plus"


def test_grants_and_funders(example_db):
    grants = {g.enterprise.name: g for g in Grant.select().where(Grant.year == 2018)}
    assert set(grants) == {"MinaGroup", "Sumak", "VeteranHaven", "Danmarks Busmuseum"}
    assert grants["VeteranHaven"].funders.count() == 13
    assert grants["Danmarks Busmuseum"].approximate
    assert grants["Sumak"].covers_until_year == 2019


def test_every_field_in_the_texts_is_known_and_has_a_value(example_db):
    fields = ReportFields(2018)
    year = ReportYear.get(ReportYear.year == 2018)
    texts = [year.foreword] + [t for s in year.sections for t in (s.body, s.recommendation)]
    used = set()
    for text in texts:
        filled = fields.fill(text)
        assert filled.unknown == [], filled.unknown
        used |= {name for name, _arg in fields_in(text)}
    assert used - set(BLOCKS), "the example texts use fields"


def test_blocks_stand_alone_in_their_paragraphs(example_db):
    for section in ReportSection.select():
        for paragraph in section.body.split("\n\n"):
            names = [n for n, _arg in fields_in(paragraph) if n in BLOCKS]
            if names:
                assert block_name(paragraph) == names[0], (section.number, paragraph)


def test_figures_in_the_texts_come_from_data(example_db):
    """A text of the seed that states a figure carries a field there, not the digits."""
    intro = ReportSection.get(ReportSection.number == "1").body
    assert "{{virksomheder_aktive}}" in intro and "19 socialøkonomiske" not in intro
    b = ReportSection.get(ReportSection.number == "6.8").body
    filled = ReportFields(2018).fill(b).text
    assert "Fleksjob: 21, Deltidsjob: 7, Fuldtid: 3, Løntilskud: 4" in filled
    assert "yderligere ansat 29" in filled


@pytest.mark.skipif(not SEED.exists(), reason="the seed report lies outside the repository")
def test_every_enterprise_text_is_the_seeds(example_db):
    seed = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", SEED.read_text(encoding="utf-8"))
    seed = " ".join(seed.split())
    for enterprise in Enterprise.select():
        for text in enterprise.texts:
            for paragraph in (text.presentation + "\n\n" + text.plans).split("\n\n"):
                for line in paragraph.split("\n"):
                    if line.strip():
                        assert " ".join(line.split()) in seed, (enterprise.name, line[:60])
    for story in Story.select():
        assert " ".join(story.text.split()) in seed


def test_dataset_files_are_valid_utf8_json_without_control_characters():
    folder = Path(__file__).resolve().parents[2] / "resources" / "example"
    for path in folder.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), path.name
