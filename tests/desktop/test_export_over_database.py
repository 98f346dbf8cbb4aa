"""No export writes over the database it reads: the command line refuses with exit 2, the window's exports
(``desktop.exports``, which the background task runs) refuse with a Danish message; the database is kept."""

import datetime as dt
import shutil
import sqlite3

import pytest

from desktop.cli import main
from desktop.exports import export_agreements, export_jobs, export_report
from models.errors import ExportError


def _is_sqlite(path) -> bool:
    return path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize(
    "command",
    [
        ["export-jobs", "--as-of", "2018-06-30"],
        ["export-agreements", "--year", "2018"],
    ],
)
def test_command_line_export_over_the_database_is_refused(example_template, tmp_path, capsys, command):
    database = tmp_path / "db.xlsx"  # a database whose name passes the suffix check
    shutil.copyfile(example_template, database)
    assert main([*command, "--output", str(database), "--database", str(database)]) == 2
    assert "selve databasen" in capsys.readouterr().err
    assert _is_sqlite(database)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM job_placement").fetchone()[0] > 0


@pytest.mark.sqlite_only  # about the database's own file
@pytest.mark.parametrize("which", ["jobs", "agreements", "report"])
def test_window_export_over_the_open_database_is_refused(example_db, db_path, which):
    with pytest.raises(ExportError, match="selve databasen"):
        if which == "jobs":
            export_jobs(dt.date(2018, 6, 30), db_path)
        elif which == "agreements":
            export_agreements(2018, db_path.with_name(db_path.name + "-wal"))
        else:
            export_report(2018, db_path)
    assert _is_sqlite(db_path)
