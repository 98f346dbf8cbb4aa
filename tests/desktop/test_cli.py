"""The command line: load-example, status (text and JSON), and one clear line with exit 2 on errors."""

import json
import sqlite3
import subprocess
import sys

import pytest

from desktop.cli import main


def _status(db_path, capsys, *extra):
    assert main(["status", "--year", "2018", "--json", "--database", str(db_path), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_load_example_then_status_json(tmp_path, capsys):
    db_path = tmp_path / "x.sqlite"
    assert main(["load-example", "--database", str(db_path)]) == 0
    assert "indlæst" in capsys.readouterr().out
    data = _status(db_path, capsys)
    assert data["year"] == 2018
    assert data["enterprises_active"] == 19
    assert (data["registered"], data["registering"]) == (5, 5)
    assert data["jobs_jobcenter"] == {"Fleksjob": 21, "Deltidsjob": 7, "Fuldtid": 3, "Løntilskud": 4, "total": 35}
    assert data["jobs_own_channels_total"] == 29
    assert data["grants_total_dkk"] == 1_687_000
    assert data["initiative_members"] == {"Borger i job med afsæt i fælles værdikæde": 7}
    first, second = data["evaluations"]
    assert (first["agreement"], first["completed"], first["good_outcomes"], first["good_outcome_share"]) == (
        "Samarbejdsaftale 1",
        25,
        10,
        0.4,
    )
    assert first["stopped_share"] == 0.16 and first["warnings"] == []
    assert (second["completed"], second["good_outcomes"]) == (34, 22)
    assert second["good_outcome_share"] == round(22 / 34, 4)
    assert len(second["warnings"]) == 1


def test_status_follows_the_data(tmp_path, capsys):
    db_path = tmp_path / "x.sqlite"
    main(["load-example", "--database", str(db_path)])
    capsys.readouterr()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE enterprise SET closed = '2018-07-01' WHERE name = 'Liselund'")
    raw.commit()
    raw.close()
    assert _status(db_path, capsys)["enterprises_active"] == 18
    mid = _status(db_path, capsys, "--as-of", "2018-06-30")
    assert mid["as_of"] == "2018-06-30" and mid["enterprises_active"] == 20  # BEVAR and Liselund still open
    assert mid["jobs_jobcenter"]["total"] < 35


def test_status_as_text(tmp_path, capsys):
    db_path = tmp_path / "x.sqlite"
    main(["load-example", "--database", str(db_path)])
    capsys.readouterr()
    assert main(["status", "--year", "2018", "--database", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Aktive virksomheder og initiativer: 19" in out and "64,7" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--year", "2018"], "findes ikke"),
        (["status", "--year", "20x8"], "ikke et årstal"),
        (["status", "--year", "2018", "--as-of", "2018-02-30"], "ikke en gyldig dato"),
        (["status", "--year", "2018", "--as-of", "2017-12-31"], "før året"),
    ],
)
def test_errors_print_one_line_and_exit_2(tmp_path, capsys, args, message):
    db_path = tmp_path / "mangler.sqlite"
    assert main([*args, "--database", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not db_path.exists()


def test_unknown_year_and_second_load_are_refused(tmp_path, capsys):
    db_path = tmp_path / "x.sqlite"
    main(["load-example", "--database", str(db_path)])
    assert main(["status", "--year", "2031", "--database", str(db_path)]) == 2
    assert "ingen data for 2031" in capsys.readouterr().err
    assert main(["load-example", "--database", str(db_path)]) == 2
    assert "allerede data" in capsys.readouterr().err


def test_not_a_database(tmp_path, capsys):
    path = tmp_path / "tekst.sqlite"
    path.write_text("ikke en database", encoding="utf-8")
    assert main(["status", "--year", "2018", "--database", str(path)]) == 2
    assert "ikke en database" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "ikke en database"


def test_console_entry_point_runs_as_a_program(tmp_path):
    db_path = tmp_path / "x.sqlite"
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "load-example", "--database", str(db_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "status", "--year", "2018", "--json", "--database", str(db_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(run.stdout)["enterprises_active"] == 19
