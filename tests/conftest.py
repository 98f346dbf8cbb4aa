"""Shared fixtures: a fresh store per test, optionally with the example data; Qt offscreen."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SOCIALOKONOMI_LANG", "da")

import pytest  # noqa: E402

from models.example_data import load_example  # noqa: E402
from models.store import close_database, open_database  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "socialokonomi.sqlite"


@pytest.fixture
def db(db_path):
    """An empty store at a temporary path, bound to the models."""
    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture(scope="session")
def example_template(tmp_path_factory):
    """A database file with the example data, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "example.sqlite"
    open_database(path)
    load_example()
    close_database()
    return path


@pytest.fixture
def example_db(example_template, db_path):
    """A private copy of the example database, bound to the models."""
    shutil.copyfile(example_template, db_path)
    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture(scope="session")
def qapp():
    """The application as the program makes it: Danish locale and Qt's Danish translation installed."""
    from desktop.app import make_application

    return make_application([])
