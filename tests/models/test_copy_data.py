"""`socialokonomi copy-data`: a whole database between a file and a server, all or nothing, into an empty
target only, compared equal table by table; the example on PostgreSQL gives the same `status --json`."""

import json
import sqlite3

from desktop.cli import main
from models.data_codec import table_rows
from models.schema import ALL_MODELS
from models.store import close_database, open_database
from tests.helpers.store_checks import fingerprint


def _status(capsys, where) -> dict:
    capsys.readouterr()
    assert main(["status", "--year", "2018", "--json", "--database", str(where)]) == 0
    return json.loads(capsys.readouterr().out)


def _tables(where) -> dict:
    open_database(where, create=False)
    try:
        return {m._meta.table_name: list(table_rows(m)) for m in ALL_MODELS}
    finally:
        close_database()


def test_the_example_copied_to_the_server_and_back_is_the_same_database(
    example_template, server_database, tmp_path, capsys
):
    server = server_database(None)  # an empty database, as the administrator's script leaves it
    assert main(["copy-data", "--from", str(example_template), "--to", server]) == 0
    assert "alle tabeller er ens" in capsys.readouterr().out
    assert _status(capsys, server) == _status(capsys, example_template)

    back = tmp_path / "offline.sqlite"
    assert main(["copy-data", "--from", server, "--to", str(back)]) == 0
    original, on_server, offline = _tables(example_template), _tables(server), _tables(back)
    for table, rows in original.items():
        if table == "audit_entry":  # each copy records itself after the rows it copied
            assert on_server[table][: len(rows)] == rows
            assert offline[table][: len(rows)] == rows
            assert [entry["action"] for entry in offline[table][len(rows) :]] == ["copy-data", "copy-data"]
        else:
            assert on_server[table] == rows, table
            assert offline[table] == rows, table


def test_a_non_empty_target_is_refused_and_left_as_it_was(example_template, server_database, capsys):
    server = server_database("tpl_example")
    before = fingerprint(server)
    assert main(["copy-data", "--from", str(example_template), "--to", server]) == 2
    assert "ikke tom" in capsys.readouterr().err
    assert fingerprint(server) == before


def test_new_ids_on_the_server_come_after_the_copied_ones(example_template, server_database):
    from models.editing import create
    from models.enterprises import Enterprise

    server = server_database(None)
    assert main(["copy-data", "--from", str(example_template), "--to", server]) == 0
    open_database(server)
    try:
        highest = max(row["id"] for row in _tables_now(Enterprise))
        assert create(Enterprise, name="Ny virksomhed", kind="enterprise").id > highest
    finally:
        close_database()


def _tables_now(model):
    return list(table_rows(model))


def test_a_failing_copy_leaves_nothing_behind(example_template, tmp_path, server_database, capsys):
    source = tmp_path / "bad.sqlite"
    source.write_bytes(example_template.read_bytes())
    raw = sqlite3.connect(source)
    raw.execute("UPDATE enterprise SET cvr = '12345678' WHERE id = (SELECT MIN(id) FROM enterprise)")  # bad check
    raw.commit()
    raw.close()
    target = tmp_path / "new.sqlite"
    assert main(["copy-data", "--from", str(source), "--to", str(target)]) == 2
    assert "Intet er ændret" in capsys.readouterr().err
    assert not target.exists()
    server = server_database("tpl_empty")
    before = fingerprint(server)
    assert main(["copy-data", "--from", str(source), "--to", server]) == 2
    assert fingerprint(server) == before


def test_the_copy_reads_the_source_table_by_table_in_batches(example_template, server_database, monkeypatch, capsys):
    """Never the whole source at once: the dump of all tables is not made, and rows are read a batch at a time
    (three here, so most tables of the example take several batches, and the comparison reads both side by
    side)."""
    from models import data_codec

    def whole_dump():
        raise AssertionError("copy-data must not hold the whole source in memory")

    monkeypatch.setattr(data_codec, "dump_tables", whole_dump)
    monkeypatch.setattr(data_codec, "BATCH", 3)
    server = server_database(None)
    assert main(["copy-data", "--from", str(example_template), "--to", server]) == 0
    assert "alle tabeller er ens" in capsys.readouterr().out
    original, copied = _tables(example_template), _tables(server)
    assert {t: r for t, r in copied.items() if t != "audit_entry"} == {
        t: r for t, r in original.items() if t != "audit_entry"
    }
