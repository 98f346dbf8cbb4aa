"""The password of a server database: from libpq's password file, else asked for once (a wrong one asked
again) and kept in the system keyring, never in the address or the settings."""

import sys
import types

import pytest

from desktop.app import open_server_store
from models.server_store import PasswordNeededError
from models.store import close_database, open_database


@pytest.fixture(scope="module")
def password_database(pg_cluster):
    """A database whose owner must give a password (scram-sha-256 for that user only)."""
    pg_cluster.sql("CREATE ROLE pwuser LOGIN PASSWORD 'hemmelig'")
    pg_cluster.sql("CREATE DATABASE pwdb OWNER pwuser")
    hba = pg_cluster.data / "pg_hba.conf"
    hba.write_text("host all pwuser 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    pg_cluster.sql("SELECT pg_reload_conf()")
    return pg_cluster.address("pwdb", "pwuser")


@pytest.fixture
def keyring(monkeypatch, tmp_path):
    kept = {}
    fake = types.SimpleNamespace(
        get_password=lambda service, key: kept.get((service, key)),
        set_password=lambda service, key, value: kept.__setitem__((service, key), value),
    )
    monkeypatch.setitem(sys.modules, "keyring", fake)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return kept


def test_without_a_password_the_user_is_asked_and_it_is_kept_in_the_keyring(password_database, keyring):
    with pytest.raises(PasswordNeededError, match="kræver en adgangskode"):
        open_database(password_database)
    asked = []
    answers = iter(["forkert", "hemmelig"])

    def ask(message):
        asked.append(message)
        return next(answers)

    try:
        open_server_store(password_database, ask_password=ask)
    finally:
        close_database()
    assert "kræver en adgangskode" in asked[0] and "blev afvist" in asked[1]
    assert list(keyring.values()) == ["hemmelig"]
    open_database(password_database)  # the next time the keyring gives it: nobody is asked
    close_database()


def test_a_cancelled_question_leaves_it_closed(password_database, keyring):
    with pytest.raises(PasswordNeededError):
        open_server_store(password_database, ask_password=lambda _message: None)
    assert keyring == {}


def test_the_password_file_of_libpq_is_used(password_database, keyring, tmp_path, monkeypatch, pg_cluster):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:pwdb:pwuser:hemmelig\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_database(password_database)
    close_database()
    assert keyring == {}


def test_a_wrong_password_in_the_password_file_is_said_to_be_refused(password_database, keyring, tmp_path, monkeypatch):
    import re

    pgpass = tmp_path / "pgpass"
    pgpass.write_text("127.0.0.1:*:pwdb:pwuser:forkert\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with pytest.raises(PasswordNeededError, match=re.escape("blev afvist")):
        open_database(password_database)


def test_the_command_line_asks_for_the_password_in_a_terminal_only(password_database, keyring, monkeypatch, capsys):
    from desktop import server_password
    from desktop.cli import main

    arguments = ["status", "--year", "2018", "--json", "--database", password_database]
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)  # a script: nobody to ask
    assert main(arguments) == 2
    said = capsys.readouterr().err
    assert "kræver en adgangskode" in said and ".pgpass" in said

    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)  # a terminal: asked once, used for this run
    monkeypatch.setattr(server_password.getpass, "getpass", lambda prompt: asked.append(prompt) or "hemmelig")
    assert main(arguments) == 2  # let in: what is said next is about the data (no tables yet, or no 2018)
    said = capsys.readouterr().err
    assert len(asked) == 1 and "pwdb" in asked[0]
    assert "adgangskode" not in said.lower() and ("er tom" in said or "ingen data for 2018" in said)
    assert keyring == {}  # not kept anywhere
