"""The store on a PostgreSQL server: addresses and passwords, the application's marker and schema version,
the roles of docs/server-setup.sql (an editing role, a read-only role), and the audit trail's user."""

import datetime as dt
import sys
import types
from pathlib import Path

import pytest

from models import editing
from models.base import database_proxy
from models.enterprises import Enterprise
from models.errors import DatabaseOpenError, NewerSchemaError, ValidationError
from models.figures import year_status
from models.history import AuditEntry
from models.server_address import is_server_address, keyring_password, parse_address, remember_password
from models.store import SCHEMA_VERSION, close_database, is_read_only, open_database
from tests.helpers.store_checks import fingerprint


def test_an_address_names_a_server_and_a_path_does_not():
    assert is_server_address("postgresql://anne@db.kommune.dk/socialokonomi")
    assert is_server_address("postgres://anne@db/socialokonomi")
    assert not is_server_address("C:/Data/socialokonomi.sqlite")
    assert not is_server_address(Path("postgresql:/x"))


def test_tls_is_required_unless_the_server_is_local():
    remote = parse_address("postgresql://anne@db.kommune.dk:5433/socialokonomi")
    assert (remote.user, remote.host, remote.port, remote.dbname) == ("anne", "db.kommune.dk", 5433, "socialokonomi")
    assert remote.connect_params()["sslmode"] == "require"
    weakened = parse_address("postgresql://anne@db.kommune.dk/socialokonomi?sslmode=disable")
    assert weakened.connect_params()["sslmode"] == "require"
    stronger = parse_address("postgresql://anne@db.kommune.dk/socialokonomi?sslmode=verify-full")
    assert stronger.connect_params()["sslmode"] == "verify-full"
    assert "sslmode" not in parse_address("postgresql://anne@localhost/socialokonomi").connect_params()
    assert "sslmode" not in parse_address("postgresql://anne@127.0.0.1/socialokonomi").connect_params()


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://anne:hemmelig@db.kommune.dk/socialokonomi",
        "postgresql://anne@db.kommune.dk/socialokonomi?password=hemmelig",
        "postgresql://anne@db.kommune.dk/socialokonomi?sslmode=require&PASSWORD=hemmelig",
        "postgresql://anne@db.kommune.dk/socialokonomi?password=",
        "postgresql://anne@db.kommune.dk/socialokonomi?pass%77ord=hemmelig",  # spelt with an escape
        "postgresql://anne@db.kommune.dk/dbname%3Dx%20password%3Dhemmelig",  # a dbname libpq reads as a conninfo
        "postgresql://anne@db.kommune.dk/socialokonomi?dbname=postgresql://anne:hemmelig@db/x",
    ],
)
def test_a_password_in_the_address_is_refused_so_it_never_reaches_the_settings(text):
    with pytest.raises(DatabaseOpenError, match="adgangskoden"):
        parse_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://anne@localhost/socialokonomi?hostaddr=10.1.2.3",  # the name is local, the address is not
        "postgresql://anne@/socialokonomi?service=kommunen",  # the host is in the service file
        "postgresql://anne@/socialokonomi",  # the host is PGHOST's (set below)
    ],
)
def test_tls_is_required_where_the_address_does_not_show_a_local_server(text, monkeypatch):
    monkeypatch.setenv("PGHOST", "db.kommune.dk")
    assert parse_address(text).connect_params()["sslmode"] == "require"


def test_no_host_and_no_pghost_is_this_computers_socket(monkeypatch):
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGHOSTADDR", raising=False)
    assert "sslmode" not in parse_address("postgresql://anne@/socialokonomi").connect_params()


@pytest.mark.parametrize("text", ["postgresql://anne@db:port/x", "postgresql://anne@db/", "postgresql://"])
def test_an_unreadable_address_gets_a_danish_message(text):
    with pytest.raises(DatabaseOpenError, match="kan ikke læses"):
        parse_address(text)


def test_a_password_is_kept_in_the_system_keyring_by_address(monkeypatch):
    kept = {}
    fake = types.SimpleNamespace(
        get_password=lambda service, key: kept.get((service, key)),
        set_password=lambda service, key, value: kept.__setitem__((service, key), value),
    )
    monkeypatch.setitem(sys.modules, "keyring", fake)
    address = parse_address("postgresql://anne@db.kommune.dk/socialokonomi")
    assert keyring_password(address) is None
    assert remember_password(address, "hemmelig")
    assert keyring_password(address) == "hemmelig"
    assert list(kept) == [("Socialøkonomi", "postgresql://anne@db.kommune.dk/socialokonomi")]


def test_an_unreachable_server_gets_a_plain_message(pg_cluster):
    address = pg_cluster.address("socialokonomi").replace(str(pg_cluster.port), "1")
    with pytest.raises(DatabaseOpenError, match="kan ikke nås"):
        open_database(address)


def test_a_missing_database_gets_a_plain_message(pg_cluster):
    with pytest.raises(DatabaseOpenError, match="findes ikke"):
        open_database(pg_cluster.address("findes_ikke"))


def test_another_programs_database_is_refused_untouched(server_database, pg_cluster):
    address = server_database(None)
    name = address.rsplit("/", 1)[1]
    pg_cluster.sql("CREATE TABLE kunder (id serial primary key, navn text)", dbname=name)
    before = pg_cluster.sql("SELECT tablename FROM pg_tables", dbname=name)
    with pytest.raises(DatabaseOpenError, match="andre tabeller"):
        open_database(address)
    assert pg_cluster.sql("SELECT tablename FROM pg_tables", dbname=name) == before


def test_a_newer_schema_is_refused_untouched(server_database, pg_cluster):
    address = server_database("tpl_example")
    name = address.rsplit("/", 1)[1]
    pg_cluster.sql("UPDATE socialokonomi_meta SET value = '99' WHERE key = 'schema_version'", dbname=name)
    before = fingerprint(address)
    with pytest.raises(NewerSchemaError, match="nyere udgave"):
        open_database(address)
    assert fingerprint(address) == before


def test_the_schema_version_and_marker_are_kept_in_a_table(server_database, pg_cluster):
    address = server_database(None)
    open_database(address)
    close_database()
    name = address.rsplit("/", 1)[1]
    meta = dict(pg_cluster.sql("SELECT key, value FROM socialokonomi_meta", dbname=name))
    assert meta == {"application": "Socialøkonomi", "schema_version": str(SCHEMA_VERSION)}


def test_an_empty_database_is_not_set_up_without_create(server_database):
    with pytest.raises(DatabaseOpenError, match="tom"):
        open_database(server_database(None), create=False)


def test_a_colleague_in_the_editing_role_edits_and_the_trail_names_her(server_roles):
    open_database(server_roles.address("socialokonomi", "anne"))
    try:
        assert not is_read_only()
        record = Enterprise.select().order_by(Enterprise.id).first()
        editing.update(Enterprise, record.id, {"place": "Korsør"})
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
        assert (entry.user, entry.field, entry.new) == ("anne", "place", "Korsør")
        added = editing.create(Enterprise, name="Annes nye virksomhed", kind="enterprise")
        assert added.id > record.id
        editing.delete(added)
    finally:
        close_database()


def test_a_colleague_in_the_editing_role_adds_history_but_cannot_rewrite_it(server_roles):
    """Who changed what stays as it was written: an editor may add to the audit trail, never change or delete
    it, and may not touch the schema marker (which would lock every colleague out)."""
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=server_roles.port, user="anne", dbname="socialokonomi") as anne:
        for statement in (
            "UPDATE audit_entry SET \"user\" = 'bo'",
            "DELETE FROM audit_entry",
            "UPDATE socialokonomi_meta SET value = '99' WHERE key = 'schema_version'",
            "DELETE FROM socialokonomi_meta",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                anne.execute(statement)
            anne.rollback()
    open_database(server_roles.address("socialokonomi", "anne"))
    try:
        assert not is_read_only()  # she still edits, and her edits are written to the trail
        record = Enterprise.select().order_by(Enterprise.id).first()
        editing.update(Enterprise, record.id, {"place": "Slagelse"})
        assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().user == "anne"
    finally:
        close_database()


def test_a_colleague_in_the_read_only_role_reads_exports_and_is_refused_edits(server_roles, tmp_path):
    from exporters.data_file import write_data_file

    open_database(server_roles.address("socialokonomi", "bo"))
    try:
        assert is_read_only()
        assert year_status(2018).to_json()["year"] == 2018
        assert write_data_file(tmp_path / "data.json").exists()
        from desktop.exports import export_agreements, export_jobs, export_report

        export_report(2018, tmp_path / "rapport.docx")
        export_jobs(dt.date(2018, 12, 31), tmp_path / "jobstatus.xlsx")
        export_agreements(2018, tmp_path / "aftaler.xlsx")
        assert all((tmp_path / name).stat().st_size > 0 for name in ("rapport.docx", "jobstatus.xlsx", "aftaler.xlsx"))
        record = Enterprise.select().first()
        with pytest.raises(ValidationError, match="skrivebeskyttet"):
            editing.update(Enterprise, record.id, {"place": "Korsør"})
        with pytest.raises(ValidationError, match="skrivebeskyttet"):
            editing.create(Enterprise, name="Bos virksomhed", kind="enterprise")
    finally:
        close_database()


def test_a_write_the_role_may_not_make_is_a_plain_message_and_changes_nothing(server_roles, monkeypatch):
    """Even past the read-only check (a role whose rights were taken away while the window was open), the
    server's refusal reaches the user as a Danish sentence, never a database error."""
    from models.errors import StoreError

    open_database(server_roles.address("socialokonomi", "bo"))
    try:
        monkeypatch.setattr(database_proxy.obj, "read_only", False)
        record = Enterprise.select().first()
        with pytest.raises(StoreError, match="må ikke ændre databasen. Intet er ændret"):
            editing.update(Enterprise, record.id, {"place": "Bos by"})
        assert Enterprise.get_by_id(record.id).place != "Bos by"
    finally:
        close_database()


def test_a_server_that_cannot_be_reached_is_said_in_danish(monkeypatch):
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "3")
    with pytest.raises(DatabaseOpenError, match="navnet kendes ikke"):
        open_database("postgresql://anne@ingen-saadan-server.invalid/socialokonomi")


def test_a_garbled_schema_marker_is_a_message_and_changes_nothing(server_database, pg_templates):
    address = server_database("tpl_example")
    name = address.rsplit("/", 1)[-1]
    pg_templates.sql("UPDATE socialokonomi_meta SET value = 'abc' WHERE key = 'schema_version'", dbname=name)
    with pytest.raises(DatabaseOpenError, match="skemaversion \\(abc\\) kan ikke læses"):
        open_database(address)
    assert pg_templates.sql("SELECT value FROM socialokonomi_meta WHERE key = 'schema_version'", dbname=name) == [
        ("abc",)
    ]


def test_an_editor_opening_an_empty_server_database_is_told_only_the_owner_makes_the_tables(server_roles):
    server_roles.sql("CREATE DATABASE tom_til_anne OWNER socialokonomi_ejer")
    server_roles.sql("GRANT CONNECT ON DATABASE tom_til_anne TO socialokonomi_redaktor")
    server_roles.sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", dbname="tom_til_anne")
    with pytest.raises(DatabaseOpenError, match="kun databasens ejer oprette"):
        open_database(server_roles.address("tom_til_anne", "anne"))
    assert server_roles.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", dbname="tom_til_anne") == [
        (0,)
    ]
