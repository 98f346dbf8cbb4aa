"""Edits with undo in mind: update returns old values, delete returns a snapshot that restore puts back."""

import pytest

from models.activities import Partnership
from models.editing import create, delete, restore, update
from models.enterprises import Enterprise, EnterpriseText
from models.errors import ValidationError
from models.grants import Grant, GrantFunder
from models.placements import JobPlacement
from tests.helpers.store_checks import foreign_key_problems


def _table_counts():
    return {m.__name__: m.select().count() for m in (Enterprise, EnterpriseText, Grant, GrantFunder, JobPlacement)}


def test_update_returns_old_values_and_refuses_invalid(example_db):
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    old = update(Enterprise, sumak.id, {"place": "Korsør"})
    assert old == {"place": "Slagelse"} and Enterprise.get_by_id(sumak.id).place == "Korsør"
    with pytest.raises(ValidationError) as raised:
        update(Enterprise, sumak.id, {"cvr": "12345678"})
    assert raised.value.field == "cvr"
    assert Enterprise.get_by_id(sumak.id).cvr is None


def test_duplicate_name_is_a_validation_error(example_db):
    with pytest.raises(ValidationError, match="allerede brugt") as raised:
        create(Enterprise, name="sumak")
    assert raised.value.field == "name"
    bevar = Enterprise.get(Enterprise.name == "BEVAR")
    with pytest.raises(ValidationError, match="allerede brugt"):
        update(Enterprise, bevar.id, {"name": "Sumak"})
    assert Enterprise.get_by_id(bevar.id).name == "BEVAR"


def test_delete_with_cascade_and_restore_gives_everything_back(example_db):
    before = _table_counts()
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    partner_rows = {p.id: p.partner_id for p in Partnership.select()}
    shot = delete(veteran, cascade=True)
    assert Enterprise.get_or_none(Enterprise.name == "VeteranHaven") is None
    assert _table_counts() != before
    restore(shot)
    assert _table_counts() == before
    assert Enterprise.get(Enterprise.name == "VeteranHaven").id == veteran.id
    assert {p.id: p.partner_id for p in Partnership.select()} == partner_rows
    assert foreign_key_problems(example_db) == []


def test_set_null_reference_is_put_back(example_db):
    sund = Enterprise.get(Enterprise.name == "Sund og Bælt")
    link = Partnership.get(Partnership.partner == sund)
    shot = delete(sund, cascade=True)
    assert Partnership.get_by_id(link.id).partner_id is None
    restore(shot)
    assert Partnership.get_by_id(link.id).partner_id == sund.id
