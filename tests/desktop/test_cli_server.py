"""The command line on a server address: what belongs to a file (backup, restore) is refused with a message
that names the administrator's pg_dump, exit code 2, nothing changed; the rest works as on a file."""

import json

from desktop.cli import main
from tests.helpers.store_checks import fingerprint


def test_the_example_loaded_into_a_server_gives_the_same_status_as_on_a_file(server_database, tmp_path, capsys):
    """The README's fresh start on a server: load-example into the administrator's empty database."""
    address, path = server_database(None), tmp_path / "eksempel.sqlite"
    statuses = []
    for where in (address, str(path)):
        assert main(["load-example", "--database", where]) == 0
        capsys.readouterr()
        assert main(["status", "--year", "2018", "--json", "--database", where]) == 0
        statuses.append(json.loads(capsys.readouterr().out))
    assert statuses[0] == statuses[1]
    assert statuses[0]["enterprises_active"] == 19  # the example, not an empty store


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
    assert any("Serverens første" in row for row in fingerprint(address)["enterprise"])


def test_the_window_opens_a_server_database_for_a_read_only_role(server_roles, qapp, monkeypatch, tmp_path):
    """`socialokonomi --database postgresql://bo@...`: no lock file, no daily file backup, and a read-only window
    with its banner for the read-only role."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import app
    from desktop.main_window import MainWindow

    monkeypatch.setattr(app, "QSettings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shown = []

    def instead_of_the_event_loop(_self):
        shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", instead_of_the_event_loop)
    address = server_roles.address("socialokonomi", "bo")
    assert app.run(address) == 0
    window = shown[-1]
    try:
        assert address in window.windowTitle()
        assert window.banner.isVisible() and "må kun læse" in window.banner.text()
        assert not window.action_backups.isEnabled()
    finally:
        window.close()
