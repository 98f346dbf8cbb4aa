"""Several processes editing the same records and importing at once: no update is lost (every save that was
not refused is in the final value), every refusal is a plain message, and the database stays consistent."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.enterprises import Enterprise
from models.store import close_database, open_database
from tests.helpers.store_checks import foreign_key_problems

ROOT = Path(__file__).parents[2]
ROUNDS = 25

WORKER = textwrap.dedent(
    """
    import json, sys
    from models import editing
    from models.base import database_proxy
    from models.data_import import import_data
    from models.enterprises import Enterprise
    from models.errors import StaleRecordError, StoreError
    from models.store import open_database

    address, number, ids, document = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
    open_database(address)
    database_proxy.obj.user_name = f"kollega{number}"
    saved, refused, imported = {str(i): 0 for i in ids}, 0, None
    for round in range(int(sys.argv[5])):
        if round == 5 and number % 2 == 0:  # two of the workers import the same file meanwhile
            with open(document, encoding="utf-8") as handle:
                report = import_data(json.load(handle), apply=True, source="samtidig.json")
            imported = report.applied
        record_id = ids[(round + number) % len(ids)]
        record = Enterprise.get_by_id(record_id)  # read, as a form shows it ...
        try:  # ... and save one more employee on top of what was read
            more = {"employees": (record.employees or 0) + 1}
            editing.update(Enterprise, record_id, more, version=record.row_version)
            saved[str(record_id)] += 1
        except StaleRecordError:
            refused += 1
        except StoreError:  # busy beyond the timeout: refused with a message, nothing stored
            refused += 1
    print(json.dumps({"saved": saved, "refused": refused, "imported": imported}))
    """
)


@pytest.fixture
def import_file(tmp_path):
    rows = [{"id": 9000 + n, "name": f"Samtidig virksomhed {n}", "kind": "enterprise"} for n in range(20)]
    document = {"format": "socialokonomi-data", "version": 2, "data": {"tables": {"enterprise": rows}}}
    path = tmp_path / "samtidig.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_several_processes_editing_the_same_records_lose_no_update(engine, example_db, db_path, import_file):
    if engine == "sqlite":
        # SQLite serialises writers: on a loaded machine a writer may wait past the 5 s busy timeout and be refused
        # ("databasen er optaget"), which this test's workers do not expect; the lost-update check runs on the server
        pytest.skip("several writing processes at once are the server's case")
    ids = [e.id for e in Enterprise.select().order_by(Enterprise.id).limit(2)]
    before = {i: Enterprise.get_by_id(i).employees or 0 for i in ids}
    close_database()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), str(n), json.dumps(ids), str(import_file), str(ROUNDS)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        results.append(json.loads(out))
    open_database(db_path)
    for record_id in ids:
        saved = sum(result["saved"][str(record_id)] for result in results)
        assert (Enterprise.get_by_id(record_id).employees or 0) == before[record_id] + saved
    assert sum(sum(r["saved"].values()) for r in results) > 0
    assert sum(r["saved"][str(i)] for r in results for i in ids) + sum(r["refused"] for r in results) == 4 * ROUNDS
    names = [e.name for e in Enterprise.select() if e.name.startswith("Samtidig virksomhed")]
    assert sorted(names) == sorted(f"Samtidig virksomhed {n}" for n in range(20))  # once each, whoever won
    assert foreign_key_problems(example_db) == []


def test_a_bulk_command_on_a_server_takes_only_its_own_rows_for_undo_while_a_colleague_adds(server_database):
    """A paste or year copy remembers the rows it added (its undo removes exactly those): a colleague's rows
    committed while it runs are not among them. (On SQLite a colleague waits for the one writer.)"""
    import psycopg

    from models import editing

    address = server_database("tpl_example")
    open_database(address)

    def work():
        editing.add_checked(Enterprise, {"name": "Min indsatte", "kind": "enterprise"})
        with psycopg.connect(address, autocommit=True) as colleague:
            colleague.execute(
                "INSERT INTO enterprise (name, kind, legal_form, address, place, employees_qualifier, contact, "
                "website, report_order) VALUES ('Kollegaens', 'enterprise', '', '', '', '', '', '', 0)"
            )
        editing.add_checked(Enterprise, {"name": "Min anden", "kind": "enterprise"})

    result = editing.run_bulk("paste", "test", work)
    names = sorted(Enterprise.get_by_id(rid).name for model, rid in result.rows if model == "Enterprise")
    assert names == ["Min anden", "Min indsatte"]
    assert Enterprise.get(Enterprise.name == "Kollegaens")
