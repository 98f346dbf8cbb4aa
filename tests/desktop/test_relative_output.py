"""A relative --output that cannot be written: the message names the folder in full, not as "." or "nope"."""

from desktop.cli import main


def test_a_relative_output_names_its_folder_in_full(tmp_path, monkeypatch, capsys, example_db, db_path):
    work = tmp_path / "arbejde"
    work.mkdir()
    monkeypatch.chdir(work)
    code = main(["export-report", "--year", "2018", "--output", "nope/rapport.docx", "--database", str(db_path)])
    assert code == 2
    assert f"Mappen {work / 'nope'} findes ikke." in capsys.readouterr().err
    assert list(work.iterdir()) == []
