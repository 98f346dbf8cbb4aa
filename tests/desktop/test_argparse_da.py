"""argparse's own texts of the command line in Danish: the help's headings and -h, and its error messages."""

import argparse

import pytest

from desktop.cli import main


def test_help_is_danish_throughout(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("brug: socialokonomi")
    assert "tilvalg:" in out and "vis denne hjælp og afslut" in out and "argumenter:" in out
    for english in ("usage:", "options:", "positional arguments", "show this help message"):
        assert english not in out


@pytest.mark.parametrize(
    "argv, danish",
    [
        (["nonsense"], "fejl: KOMMANDO: 'nonsense' findes ikke (vælg mellem 'load-example'"),
        (["status"], "fejl: disse skal angives: --year"),
        (["status", "--year"], "fejl: --year: mangler en værdi"),
        (["status", "--year", "2018", "--bad"], "fejl: ukendte argumenter: --bad"),
    ],
)
def test_argparse_refusals_are_danish_with_exit_2(capsys, argv, danish):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert danish in err and err.startswith("brug: socialokonomi")
    assert "error:" not in err and "usage:" not in err


def test_other_parsers_keep_pythons_texts(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="other").parse_args(["--help"])
    assert capsys.readouterr().out.startswith("usage: other")
