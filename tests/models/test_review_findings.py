"""What an adversarial review of the one write path found, each kept as a test."""

import datetime as dt
import json

import pytest

from models import editing
from models.activities import Partnership
from models.data_codec import document
from models.data_import import import_data
from models.enterprises import Enterprise, Initiative, InitiativeMembership
from models.errors import StoreError, ValidationError
from models.history import AuditEntry, TrashItem
from models.placements import JobPlacement, PlacementType
from models.year_locks import lock_year


def test_a_locked_years_figures_cannot_move_through_an_enterprises_dates(example_db):
    from models.figures import year_status

    lock_year(2018)
    before = year_status(2018).to_json()
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.update(Enterprise, sumak.id, {"closed": dt.date(2017, 12, 31)})
    with pytest.raises(ValidationError, match="åbningsdato efter 2018"):
        editing.create(Enterprise, name="Ny uden dato")
    editing.create(Enterprise, name="Ny i 2019", opened=dt.date(2019, 2, 1))
    editing.update(Enterprise, sumak.id, {"place": "Korsør"})  # its name and place are not figures
    assert year_status(2018).to_json() == before


def test_a_locked_year_refuses_a_membership_joined_in_it_and_a_partner_set_to_nothing(example_db):
    initiative = Initiative.get()
    outsider = Enterprise.get(Enterprise.name == "Sumak")
    InitiativeMembership.delete().where(InitiativeMembership.enterprise == outsider).execute()
    lock_year(2018)
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.create(InitiativeMembership, initiative=initiative, enterprise=outsider, joined=dt.date(2018, 5, 1))
    partnership = Partnership.select().where(Partnership.partner.is_null(False)).first()
    with pytest.raises(ValidationError, match="2018 er låst"):
        editing.delete(partnership.partner, cascade=True)
    assert Partnership.get_by_id(partnership.id).partner_id is not None


@pytest.mark.sqlite_only  # SQLite's NOCASE folds A-Z only; PostgreSQL's collation folds every letter
def test_names_that_differ_beyond_ascii_case_travel_and_ids_must_be_positive(db, tmp_path):
    kind = PlacementType.create(name="Fleksjob")
    for name in ("Øko", "øko"):  # two enterprises for the store (its NOCASE folds A-Z only)
        editing.create(JobPlacement, enterprise=editing.create(Enterprise, name=name), type=kind,
                       date=dt.date(2019, 1, 2), channel="own")  # fmt: skip
    main_path = tmp_path / "data.json"
    from exporters.data_file import write_data_file

    write_data_file(main_path)
    from models.store import close_database, open_database

    close_database()
    open_database(tmp_path / "kopi.sqlite")
    report = import_data(json.loads(main_path.read_text(encoding="utf-8")), apply=True)
    assert report.applied, report.lines()
    assert sorted(e.name for e in Enterprise.select()) == ["Øko", "øko"]
    zero = import_data(document({"tables": {"enterprise": [{"id": 0, "name": "Nul"}]}}), apply=True)
    assert any("gyldigt id" in line for line in zero.invalid)
    twice = import_data(
        document({"tables": {"enterprise": [{"id": 7, "name": "A"}, {"id": 7, "name": "B"}]}}), apply=True
    )
    assert any("samme id" in line for line in twice.invalid)


def test_unstorable_text_in_any_column_is_a_message_not_a_traceback(db):
    report = import_data(
        document({"tables": {"paradigm": [{"id": 1, "name": "P", "version": 1, "note": "\ud800"}]}}), apply=True
    )
    assert not report.applied and any("ikke kan gemmes" in line for line in report.invalid)


def test_a_trash_snapshot_is_checked_like_an_edit_and_a_broken_one_is_a_message(example_db):
    placement = JobPlacement.select().where(JobPlacement.date.year == 2018).first()
    shot = editing.delete(JobPlacement.get_by_id(placement.id))
    item = TrashItem.get()
    rows = json.loads(item.rows)
    rows["rows"][0][1]["note"] = "Borger 010190-1234"
    TrashItem.update(rows=json.dumps(rows)).where(TrashItem.id == item.id).execute()
    with pytest.raises(StoreError, match="CPR"):
        editing.restore_from_trash(item.id)
    TrashItem.update(rows="{ikke json").where(TrashItem.id == item.id).execute()
    with pytest.raises(StoreError, match="kan ikke læses"):
        editing.restore_from_trash(item.id)
    assert shot.rows and not JobPlacement.get_or_none(JobPlacement.id == placement.id)


def test_undoing_an_import_keeps_the_trail_and_takes_out_a_lock_it_brought(db):
    kind = {"id": 1, "name": "Fleksjob"}
    tables = {
        "enterprise": [{"id": 1, "name": "A", "opened": "2017-01-01"}],
        "placement_type": [kind],
        "job_placement": [{"id": 1, "enterprise": 1, "type": 1, "date": "2017-05-01", "channel": "own"}],
        "audit_entry": [{"id": 1, "action": "create", "model": "Enterprise", "record_id": 1, "record": "A"}],
        "year_lock": [{"id": 1, "year": 2017}],
    }
    report = import_data(document({"tables": tables}), apply=True)
    assert report.applied, report.lines()
    rows = [(c.model, rid) for c in report.changes.changes for rid in c.ids]
    editing.remove_rows(rows, "undo", "fil")
    assert Enterprise.select().count() == 0 and JobPlacement.select().count() == 0
    assert AuditEntry.select().where(AuditEntry.record == "A").count() == 1  # the imported history stays


@pytest.mark.sqlite_only  # the SQLite migration
def test_the_migration_reserves_ids_that_the_trash_and_the_trail_still_name(db):
    from models.store import _reserve_ids_named_in_history

    db.execute_sql(
        "INSERT INTO trash_item (uid, deleted_at, user, model, record_id, description, rows) "
        "VALUES ('t', '2019-01-01 10:00:00', 'x', 'Enterprise', 50, 'Virksomhed: Gammel', ?)",
        (json.dumps([["Enterprise", {"id": 50, "name": "Gammel"}]]),),
    )
    AuditEntry.create(action="delete", model="JobPlacement", record_id=60)
    _reserve_ids_named_in_history(db)
    assert editing.create(Enterprise, name="Ny").id > 50
    placement_seq = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'job_placement'").fetchone()[0]
    assert placement_seq >= 60
