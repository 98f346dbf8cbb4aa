"""import-data reads a file in export-data's own layout (one row per line) as a stream: the tables are not
held in memory, the import gives what a whole read gives, and a bad line is refused with a Danish message
and nothing changed; a file in any other layout is read whole, as before."""

import json

import pytest

from desktop.cli import main, read_data_file
from models.data_lines import StreamedTable, read_streamed
from models.enterprises import Enterprise
from models.placements import JobPlacement
from models.store import close_database, open_database


@pytest.fixture
def exported(example_db, db_path, tmp_path):
    close_database()
    output = tmp_path / "data.json"
    assert main(["export-data", "--output", str(output), "--database", str(db_path)]) == 0
    return output


def _counts(path):
    open_database(path)
    try:
        return Enterprise.select().count(), JobPlacement.select().count()
    finally:
        close_database()


def test_an_exported_file_is_read_as_a_stream_and_gives_what_a_whole_read_gives(exported):
    document = read_data_file(exported)
    tables = document["data"]["tables"]
    assert isinstance(tables["job_placement"], StreamedTable)  # not a list of every row in memory
    whole = json.loads(exported.read_text(encoding="utf-8"))
    assert {name: list(rows) for name, rows in tables.items()} == whole["data"]["tables"]
    assert {k: v for k, v in document.items() if k != "data"} == {k: v for k, v in whole.items() if k != "data"}
    assert document["data"]["next_ids"] == whole["data"]["next_ids"]


def test_a_streamed_import_into_a_new_database_has_every_record(exported, db_path, tmp_path, capsys):
    target = tmp_path / "ny.sqlite"
    assert main(["import-data", str(exported), "--database", str(target)]) == 0
    assert "Importeret" in capsys.readouterr().out
    assert _counts(target) == _counts(db_path)


def test_a_broken_row_line_is_refused_with_a_danish_message_and_nothing_changed(exported, db_path, capsys):
    lines = exported.read_text(encoding="utf-8").splitlines()
    at = max(i for i, line in enumerate(lines) if line.startswith('    {"id"') and line.endswith("},"))
    lines[at] = lines[at][:-3] + ', "hours": NaN, "x": [}},'  # the layout holds, the JSON does not
    exported.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_streamed(exported) is not None
    before = _counts(db_path)
    assert main(["import-data", str(exported), "--database", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "ikke gyldig JSON" in err and "Traceback" not in err
    assert _counts(db_path) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("}\n   ]", "},\n   ]", 1),  # a comma after a table's last row
        lambda text: text.replace('    {"id": ', '    {\n     "id": ', 1),  # a row over two lines
    ],
)
def test_a_file_that_only_looks_like_the_layout_is_read_whole_and_refused_as_json_would(exported, db_path, change):
    from models.errors import StoreError

    exported.write_text(change(exported.read_text(encoding="utf-8")), encoding="utf-8")
    assert read_streamed(exported) is None
    try:
        document = read_data_file(exported)
    except StoreError as error:
        assert "ikke gyldig JSON" in str(error)
    else:
        assert isinstance(document["data"]["tables"]["enterprise"], list)  # read whole, as before


def test_a_file_in_another_layout_is_read_whole_and_imports(exported, tmp_path, db_path, capsys):
    pretty = tmp_path / "pæn.json"
    pretty.write_text(json.dumps(json.loads(exported.read_text(encoding="utf-8")), indent=2), encoding="utf-8")
    assert read_streamed(pretty) is None
    target = tmp_path / "ny.sqlite"
    assert main(["import-data", str(pretty), "--database", str(target)]) == 0
    assert _counts(target) == _counts(db_path)


def test_an_import_in_batches_smaller_than_a_table_stores_every_record(exported, db_path, tmp_path, monkeypatch):
    """The rows of one table are inserted a batch at a time (not the whole table held at once)."""
    from models import data_import

    monkeypatch.setattr(data_import, "BATCH_ROWS", 7)
    batches = []
    flush = data_import._Importer.flush
    monkeypatch.setattr(data_import._Importer, "flush", lambda self: batches.append(len(self.pending)) or flush(self))
    target = tmp_path / "ny.sqlite"
    assert main(["import-data", str(exported), "--database", str(target)]) == 0
    assert max(batches) == 7
    assert _counts(target) == _counts(db_path)


def test_import_data_checks_the_file_once_and_backs_up_the_store_as_it_was(exported, db_path, tmp_path, monkeypatch):
    """The import is checked and stored in one pass (it was a preview and then the import, each reading and
    checking every row); the backup is taken inside that pass, from the store as it was before the import."""
    import sqlite3

    from models import data_import
    from models.backups import backup_folder

    passes = []
    run = data_import._Importer.run
    monkeypatch.setattr(data_import._Importer, "run", lambda self, *args: passes.append(1) or run(self, *args))
    target = tmp_path / "ny.sqlite"
    assert main(["import-data", str(exported), "--database", str(target)]) == 0
    assert len(passes) == 1
    assert _counts(target) == _counts(db_path)
    [backup] = backup_folder(target).glob("*import*.sqlite")
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT COUNT(*) FROM job_placement").fetchone()[0] == 0  # before the import
    finally:
        copy.close()
    assert main(["import-data", str(exported), "--dry-run", "--database", str(tmp_path / "prøve.sqlite")]) == 0
    assert len(passes) == 2 and not (tmp_path / "prøve.sqlite").exists()
