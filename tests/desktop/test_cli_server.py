"""The command line on a server address: what belongs to a file (backup, restore) is refused with a message
that names the administrator's pg_dump, exit code 2, nothing changed; the rest works as on a file."""

import json

from desktop.cli import main
from tests.helpers.store_checks import fingerprint


def test_backup_and_restore_of_a_server_database_are_refused(server_database, tmp_path, capsys):
    address = server_database("tpl_example")
    before = fingerprint(address)
    assert main(["backup", "--database", address]) == 2
    assert "pg_dump" in capsys.readouterr().err
    backup = tmp_path / "kopi.sqlite"
    backup.write_bytes(b"")
    assert main(["restore", str(backup), "--database", address]) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert fingerprint(address) == before


def test_import_into_a_server_database_needs_no_file_backup(server_database, tmp_path, capsys):
    address = server_database("tpl_empty")
    data = tmp_path / "data.json"
    rows = [{"id": 1, "name": "Serverens første", "kind": "enterprise"}]
    data.write_text(
        json.dumps({"format": "socialokonomi-data", "version": 2, "data": {"tables": {"enterprise": rows}}})
    )
    assert main(["import-data", str(data), "--database", address]) == 0
    assert "Importeret." in capsys.readouterr().out
    assert any(row[2] == "Serverens første" for row in fingerprint(address)["enterprise"])
