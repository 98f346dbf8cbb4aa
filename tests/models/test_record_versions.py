"""No lost updates: every record carries a row version; a save based on a version a colleague has saved
over since is refused, naming who changed it and when, and the colleague's value stays."""

import datetime as dt

import pytest

from models import editing
from models.enterprises import Enterprise
from models.errors import StaleRecordError
from models.history import AuditEntry


def _first() -> Enterprise:
    return Enterprise.select().order_by(Enterprise.id).first()


def test_every_save_moves_the_row_version_on(example_db):
    record = _first()
    assert record.row_version == 1
    _old, version = editing.save_changes(Enterprise, record.id, {"place": "Korsør"})
    assert version == 2 == Enterprise.get_by_id(record.id).row_version


def test_a_save_based_on_an_older_version_is_refused_naming_who_and_when(example_db, monkeypatch):
    record = _first()
    read_by_both = record.row_version
    monkeypatch.setattr(example_db, "user_name", "anne", raising=False)  # the colleague saves first
    editing.update(Enterprise, record.id, {"place": "Korsør"}, version=read_by_both)
    monkeypatch.setattr(example_db, "user_name", "bo")
    with pytest.raises(StaleRecordError) as refused:
        editing.update(Enterprise, record.id, {"place": "Skælskør"}, version=read_by_both)
    message = str(refused.value)
    assert "ændret af anne" in message and record.name in message
    assert dt.date.today().strftime("%Y") in message and "ikke gemt" in message
    assert Enterprise.get_by_id(record.id).place == "Korsør"  # the colleague's value is not lost
    assert AuditEntry.select().where(AuditEntry.new == "Skælskør").count() == 0


def test_a_save_of_a_record_deleted_since_is_refused(example_db):
    record = editing.create(Enterprise, name="Kortlivet", kind="enterprise")
    version = record.row_version
    editing.delete(record)
    with pytest.raises(StaleRecordError, match="slettet af"):
        editing.update(Enterprise, record.id, {"place": "Korsør"}, version=version)
    assert Enterprise.get_or_none(Enterprise.id == record.id) is None


def test_the_write_itself_checks_the_version_so_a_save_between_read_and_write_is_caught(example_db, monkeypatch):
    """A colleague's save that lands after this save read the record and before it wrote is still caught:
    the UPDATE names the version it read."""
    record = _first()
    original_validate = Enterprise.validate

    def colleague_saves_meanwhile(self):
        original_validate(self)
        monkeypatch.setattr(Enterprise, "validate", original_validate)
        Enterprise.update(place="Slagelse C", row_version=Enterprise.row_version + 1).where(
            Enterprise.id == record.id
        ).execute()

    monkeypatch.setattr(Enterprise, "validate", colleague_saves_meanwhile)
    with pytest.raises(StaleRecordError):
        editing.update(Enterprise, record.id, {"place": "Korsør"})
    assert Enterprise.get_by_id(record.id).place == "Slagelse C"
