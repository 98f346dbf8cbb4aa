"""The audit trail, the trash and locked years."""

import datetime as dt

import pytest

from models import editing
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.grants import Grant, GrantFunder
from models.history import AuditEntry, TrashItem, YearLock
from models.placements import JobPlacement, PlacementType
from models.year_locks import lock_year, unlock_year
from tests.helpers.store_checks import foreign_key_problems


def _trail(model: str, record_id: int) -> list[tuple]:
    return [
        (e.action, e.field, e.old, e.new)
        for e in AuditEntry.select()
        .where((AuditEntry.model == model) & (AuditEntry.record_id == record_id))
        .order_by(AuditEntry.id)
    ]


def test_create_change_delete_and_undo_are_all_recorded(example_db):
    record = editing.create(Enterprise, name="Café Fælles")
    editing.update(Enterprise, record.id, {"place": "Korsør"})
    editing.update(Enterprise, record.id, {"place": "Slagelse"})  # an undo is an edit back: recorded too
    shot = editing.delete(Enterprise.get_by_id(record.id))
    editing.restore(shot)
    trail = _trail("Enterprise", record.id)
    assert trail == [
        ("create", "", None, None),
        ("change", "place", "", "Korsør"),
        ("change", "place", "Korsør", "Slagelse"),
        ("delete", "", None, None),
        ("restore", "", None, None),
    ]
    entry = AuditEntry.select().where(AuditEntry.record_id == record.id).first()
    assert entry.user and entry.at.date() == dt.date.today() and entry.record == "Café Fælles"


def test_a_deleted_record_waits_in_the_trash_with_what_went_with_it(example_db):
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    funders = GrantFunder.select().join(Grant).where(Grant.enterprise == veteran).count()
    editing.delete(veteran, cascade=True)
    item = TrashItem.get()
    assert item.description == "Virksomhed: VeteranHaven"
    editing.restore(editing.deserialize(item.rows))
    assert Enterprise.get(Enterprise.name == "VeteranHaven").id == veteran.id
    assert GrantFunder.select().join(Grant).where(Grant.enterprise == veteran).count() == funders == 13
    assert TrashItem.select().count() == 0
    assert foreign_key_problems(example_db) == []


def test_a_locked_year_refuses_changes_until_unlocked(example_db):
    lock_year(2018)
    placement = JobPlacement.select().first()
    before = JobPlacement.select().count()
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.update(JobPlacement, placement.id, {"date": dt.date(2018, 2, 2)})
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.update(JobPlacement, placement.id, {"date": dt.date(2019, 2, 2)})  # moving it out changes 2018
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.create(
            JobPlacement,
            enterprise=placement.enterprise_id,
            date=dt.date(2018, 5, 5),
            type=PlacementType.get().id,
            channel="jobcenter",
        )
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.delete(Enterprise.get(Enterprise.name == "Sumak"), cascade=True)  # its 2018 grant would go
    assert JobPlacement.select().count() == before
    editing.create(
        JobPlacement,
        enterprise=placement.enterprise_id,
        date=dt.date(2019, 5, 5),
        type=PlacementType.get().id,
        channel="jobcenter",
    )  # another year is open
    unlock_year(2018)
    editing.update(JobPlacement, placement.id, {"date": dt.date(2018, 2, 2)})
    assert [e.action for e in AuditEntry.select().where(AuditEntry.model == "YearLock")] == ["lock", "unlock"]
    assert YearLock.select().count() == 0


def test_the_trash_lists_the_latest_deletion_first_with_when_and_who(example_db):
    first = Enterprise.get(Enterprise.name == "VeteranHaven")
    second = Enterprise.select().where(Enterprise.id != first.id).order_by(Enterprise.id).first()
    editing.delete(first, cascade=True)
    editing.delete(second, cascade=True)
    from models.history_queries import trash_rows

    rows = trash_rows()
    assert [row.description for row in rows] == [f"Virksomhed: {second.name}", "Virksomhed: VeteranHaven"]
    assert all(isinstance(row.deleted_at, dt.datetime) and row.user for row in rows)
    assert [row.id for row in rows] == [item.id for item in TrashItem.select().order_by(TrashItem.id.desc())]


def test_what_changed_since_an_entry_is_told_record_by_record(example_db):
    """What a window catches up with when it is activated again (views.editor.Editor.catch_up)."""
    from models.history import changed_since_seen, latest_entry_id, recent_entry_ids

    seen = latest_entry_id()
    known = recent_entry_ids(seen)
    latest, nothing, known = changed_since_seen(seen, known)
    assert latest == seen and not nothing
    added = editing.create(Enterprise, name="Café Fælles")
    changed = Enterprise.select().where(Enterprise.id != added.id).first()
    editing.update(Enterprise, changed.id, {"place": "Korsør"})
    placement = JobPlacement.select().first()
    editing.delete(placement)
    lock_year(2016)
    latest, changes, known = changed_since_seen(seen, known)
    assert latest == latest_entry_id() and not changes.reset
    assert changes.ids("Enterprise", "added") == {added.id}
    assert changes.ids("Enterprise", "changed") == {changed.id}
    assert changes.ids("JobPlacement", "removed") == {placement.id}
    assert changes.ids("YearLock", "changed") == {2016}
    assert not changed_since_seen(latest, known)[1]

    editing.audit_bulk("import", "fil.json", "3 virksomheder")  # many records at once: everything is read again
    assert changed_since_seen(latest, known)[1].reset


def test_a_change_committed_after_a_later_one_is_still_caught_up_with(example_db, engine, db_path):
    """On a server a colleague's transaction may take its audit entry's id before another's and commit after
    it; a window that has seen the later entry must still see hers (PostgreSQL: ids are taken at insert)."""
    if engine != "postgresql":
        pytest.skip("SQLite lets one writer at a time: ids are taken in commit order")
    import psycopg

    from models.history import changed_since_seen, latest_entry_id, recent_entry_ids
    from models.server_address import parse_address

    seen = latest_entry_id()
    seen_ids = recent_entry_ids(seen)
    slow = Enterprise.select().order_by(Enterprise.id).first()
    fast = Enterprise.select().order_by(Enterprise.id.desc()).first()
    address = parse_address(db_path)
    with psycopg.connect(dbname=address.dbname, **address.connect_params()) as carl:
        carl.execute(  # carl's entry takes its id now, his transaction commits later
            'INSERT INTO audit_entry (at, "user", action, model, record_id, record, field, old, new, uid) '
            "VALUES (now(), 'carl', 'change', 'Enterprise', %s, '', 'place', '', 'Korsør', md5(random()::text))",
            (slow.id,),
        )
        editing.update(Enterprise, fast.id, {"place": "Skælskør"})  # anne's, a higher id, committed first
        seen, changes, seen_ids = changed_since_seen(seen, seen_ids)
        assert changes.ids("Enterprise", "changed") == {fast.id}
        carl.commit()
    seen, changes, seen_ids = changed_since_seen(seen, seen_ids)
    assert changes.ids("Enterprise", "changed") == {slow.id}  # caught on the next look, not skipped for good
    assert not changed_since_seen(seen, seen_ids)[1]  # and only once


def test_a_delete_meeting_a_colleagues_new_child_record_says_so_in_danish(example_db, monkeypatch):
    """Review 17, L2: a colleague adding a grant to an enterprise while it is deleted made the server refuse the
    delete with a foreign-key error, which reached the user raw. (The server's refusal is stood in for here.)"""
    import peewee

    from models.errors import StoreError

    def refused(*_args, **_kwargs):
        raise peewee.IntegrityError('update or delete on table "enterprise" violates foreign key constraint')

    monkeypatch.setattr(editing, "delete_record", refused)
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    with pytest.raises(StoreError, match="kollega") as caught:
        editing.delete(enterprise, cascade=True)
    assert "Intet er ændret" in str(caught.value)
    assert Enterprise.get_or_none(Enterprise.id == enterprise.id) is not None
    assert TrashItem.select().count() == 0


def test_two_users_locking_a_year_at_once_get_no_raw_error(example_db, monkeypatch):
    """Review 17, L1: the second of two «Lås 2018» at the same moment passed the check, then the unique year
    raised a raw IntegrityError. Now the year is simply locked (once, recorded once)."""
    from models import year_locks

    lock_year(2018)  # the colleague's lock lands between the check and the write
    monkeypatch.setattr(year_locks, "_is_locked", lambda _year: False)
    year_locks.lock_year(2018)
    assert YearLock.select().where(YearLock.year == 2018).count() == 1
    assert AuditEntry.select().where(AuditEntry.action == "lock").count() == 1
