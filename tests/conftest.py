"""Shared fixtures: a fresh store per test, optionally with the example data; Qt offscreen.

The store-dependent tests (``tests/models``, ``exporters``, ``desktop``, ``views``) run on both engines:
``engine`` is "sqlite" (a temporary file) or "postgresql" (a fresh database on a throwaway cluster, cloned from
a template made once per session). A test about SQLite files (bytes, backups, WAL, locks) is marked ``sqlite_only``.
Where the PostgreSQL programs are missing, the server half is skipped with the reason.
"""

import itertools
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SOCIALOKONOMI_LANG", "da")

import pytest  # noqa: E402

from models.example_data import load_example  # noqa: E402
from models.store import close_database, open_database  # noqa: E402

BOTH_ENGINES = (
    "tests/models/",
    "tests/exporters/",
    "tests/views/",
    "tests/desktop/",
    "tests/test_arbitrary_text.py",
    "tests/test_bad_input_catalogue.py",
)  # all that use a store
_numbers = itertools.count()


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    path = str(metafunc.definition.path.relative_to(metafunc.config.rootpath))
    both = path.startswith(BOTH_ENGINES) and not metafunc.definition.get_closest_marker("sqlite_only")
    metafunc.parametrize("engine", ["sqlite", "postgresql"] if both else ["sqlite"], indirect=True)


@pytest.fixture
def engine(request):
    return request.param


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole run (tests/helpers/pg_cluster.py)."""
    from tests.helpers.pg_cluster import Cluster, find_binaries

    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL-programmerne (initdb, pg_ctl) findes ikke på maskinen: serverprøverne springes over")
    cluster = Cluster(binaries)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_templates(pg_cluster):
    """Two template databases: the empty schema, and the example data."""
    for name, example in (("tpl_empty", False), ("tpl_example", True)):
        open_database(pg_cluster.create_database(name))
        if example:
            load_example()
        close_database()
    return pg_cluster


@pytest.fixture(scope="session")
def server_roles(pg_templates):
    """docs/server-setup.sql run on the cluster as the administrator would; the tables created (with the
    example) by the owner; two colleagues: anne in the editing role, bo in the read-only role."""
    import subprocess
    from pathlib import Path

    cluster = pg_templates
    script = Path(__file__).parents[1] / "docs" / "server-setup.sql"
    subprocess.run(
        [str(cluster.binaries / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-q"]
        + ["-v", "ON_ERROR_STOP=1", "-f", str(script)],
        check=True,
        capture_output=True,
    )
    cluster.sql("CREATE ROLE anne LOGIN IN ROLE socialokonomi_redaktor")
    cluster.sql("CREATE ROLE bo LOGIN IN ROLE socialokonomi_laeser")
    open_database(cluster.address("socialokonomi", "socialokonomi_ejer"))
    load_example()
    close_database()
    return cluster


def new_server_database(cluster, template: str | None = "tpl_empty") -> tuple[str, str]:
    name = f"t{os.getpid()}_{next(_numbers)}"
    return name, cluster.create_database(name, template)


@pytest.fixture
def server_database(request):
    """Make fresh server databases from a template; every one is dropped after the test."""
    cluster = request.getfixturevalue("pg_templates")
    made = []

    def make(template: str | None = "tpl_empty") -> str:
        name, address = new_server_database(cluster, template)
        made.append(name)
        return address

    yield make
    close_database()
    for name in made:
        cluster.drop_database(name)


@pytest.fixture
def db_path(request, tmp_path):
    """Where the test's store is: a file path, or (engine postgresql) a server address of an empty store."""
    engine = request.getfixturevalue("engine") if "engine" in request.fixturenames else "sqlite"
    if engine == "postgresql":
        template = "tpl_example" if "example_db" in request.fixturenames else "tpl_empty"
        return request.getfixturevalue("server_database")(template)
    return tmp_path / "socialokonomi.sqlite"


@pytest.fixture
def db(engine, db_path):
    """An empty store, bound to the models."""
    database = open_database(db_path)
    yield database
    close_database()
    database.close()  # a test may have bound another store meanwhile (the command line opens its own)


@pytest.fixture(scope="session")
def example_template(tmp_path_factory):
    """A database file with the example data, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "example.sqlite"
    open_database(path)
    load_example()
    close_database()
    return path


@pytest.fixture
def example_db(request, engine, db_path):
    """A private copy of the example database, bound to the models."""
    if engine == "sqlite":
        shutil.copyfile(request.getfixturevalue("example_template"), db_path)
    database = open_database(db_path)
    yield database
    close_database()
    database.close()


@pytest.fixture(scope="session")
def qapp():
    """The application as the program makes it: Danish locale and Qt's Danish translation installed."""
    from desktop.app import make_application

    return make_application([])
