"""Every write goes through the command layer: ids are never reused, a restore never lands on a newer record,
bulk operations are checked for locked years and recorded once in the audit trail."""

import ast
from pathlib import Path

import pytest

from models import editing
from models.agreements import Paradigm
from models.enterprises import Enterprise
from models.errors import StoreError, ValidationError
from models.grants import Grant
from models.history import AuditEntry, TrashItem
from models.paradigms import new_version
from models.placements import JobPlacement, PlacementType
from models.report_texts import ReportYear
from models.report_years import create_next_year
from models.year_locks import lock_year

ROOT = Path(__file__).resolve().parents[2]


def test_a_trash_restore_never_lands_on_a_newer_record(db):
    """Reproduction: A with a grant deleted, B with a grant created, A restored: B and its grant stay."""
    kind = PlacementType.create(name="Fleksjob")
    a = editing.create(Enterprise, name="A")
    editing.create(Grant, enterprise=a, year=2019, amount_dkk=100)
    editing.delete(Enterprise.get_by_id(a.id), cascade=True)
    b = editing.create(Enterprise, name="B")
    editing.create(Grant, enterprise=b, year=2019, amount_dkk=200)
    editing.create(JobPlacement, enterprise=b, type=kind, date="2019-05-01", channel="own")
    assert b.id != a.id  # AUTOINCREMENT: the deleted id is not handed out again
    editing.restore_from_trash(TrashItem.get().id)
    assert {e.name: e.id for e in Enterprise.select()} == {"A": a.id, "B": b.id}
    assert sorted((g.enterprise.name, g.amount_dkk) for g in Grant.select()) == [("A", 100), ("B", 200)]
    assert JobPlacement.get().enterprise_id == b.id


def test_a_restore_that_something_stands_in_the_way_of_restores_nothing(db):
    a = editing.create(Enterprise, name="A")
    editing.create(Grant, enterprise=a, year=2019, amount_dkk=100)
    editing.delete(Enterprise.get_by_id(a.id), cascade=True)
    editing.create(Enterprise, name="A")  # the name is taken since
    with pytest.raises(StoreError, match="Intet er gendannet"):
        editing.restore_from_trash(TrashItem.get().id)
    assert Enterprise.select().count() == 1 and Grant.select().count() == 0
    assert TrashItem.select().count() == 1  # still there, to restore once the name is free


def test_a_year_copy_is_checked_for_the_lock_and_recorded_once(example_db):
    lock_year(2019)
    before = AuditEntry.select().count()
    with pytest.raises(ValidationError, match="2019 er låst"):
        editing.run_bulk("copy-year", "Årsrapport 2019", lambda: create_next_year(2018))
    assert not ReportYear.select().where(ReportYear.year == 2019).exists()
    assert AuditEntry.select().count() == before
    from models.year_locks import unlock_year

    unlock_year(2019)
    result = editing.run_bulk("copy-year", "Årsrapport 2019", lambda: create_next_year(2018))
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "copy-year" and entry.record == "Årsrapport 2019" and "årsrapport" in entry.new
    assert ("ReportYear", ReportYear.get(ReportYear.year == 2019).id) in result.rows


def test_a_new_paradigm_version_is_one_audited_command_that_can_be_taken_out(example_db):
    paradigm = Paradigm.select().get()
    result = editing.run_bulk("new-paradigm-version", "paradigme", lambda: new_version(paradigm))
    assert result.value.version == paradigm.version + 1
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "new-paradigm-version"
    editing.remove_rows(result.rows, "undo", "paradigme")
    assert Paradigm.select().count() == 1


def test_read_only_store_refuses_bulk_commands(example_db, monkeypatch):
    monkeypatch.setattr(example_db, "read_only", True, raising=False)
    with pytest.raises(ValidationError, match="skrivebeskyttet"):
        editing.run_bulk("copy-year", "x", lambda: create_next_year(2018))


WRITE_CALLS = {"create", "insert", "insert_many", "insert_from", "replace", "delete_instance", "execute_sql", "save"}


def _model_names() -> set[str]:
    from models.schema import ALL_MODELS

    return {model.__name__ for model in ALL_MODELS}


def _writes_in(path: Path) -> list[str]:
    """Calls that write to the store: Model.create/insert/update/delete(...), record.save(), execute_sql."""
    models = _model_names()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, receiver = node.func.attr, node.func.value
        on_model = isinstance(receiver, ast.Name) and receiver.id in models
        if (on_model and name in WRITE_CALLS | {"update", "delete"}) or name in ("execute_sql", "delete_instance"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
        elif name == "save" and isinstance(receiver, ast.Name) and receiver.id in ("record", "self"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} save")
    return found


def test_no_module_outside_models_writes_to_the_store():
    offenders = []
    for folder in ("views", "desktop", "exporters"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            offenders += _writes_in(path)
    assert offenders == []


def test_the_write_check_sees_a_write():
    sample = ROOT / "tests" / "models" / "_write_sample.py"
    sample.write_text("from models.enterprises import Enterprise\nEnterprise.delete().execute()\n", encoding="utf-8")
    try:
        assert _writes_in(sample) == ["tests/models/_write_sample.py:2 delete"]
    finally:
        sample.unlink()


@pytest.mark.sqlite_only  # backups are files
def test_restoring_a_backup_is_recorded_in_the_restored_data(example_db, db_path):
    from models.backups import make_backup, restore_backup
    from models.store import close_database, open_database

    backup = make_backup(db_path, "manual")
    editing.create(Enterprise, name="Efter kopien", opened="2019-01-01")
    close_database()
    restore_backup(db_path, backup)
    open_database(db_path)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "restore-backup" and entry.record == backup.name and entry.user
    assert Enterprise.get_or_none(Enterprise.name == "Efter kopien") is None
