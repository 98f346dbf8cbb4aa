"""`socialokonomi --version` and the version the application shows come from pyproject.toml."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop import version
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_flag_prints_the_version_from_pyproject(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"socialokonomi {_pyproject_version()}"


def test_version_flag_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.strip() == f"socialokonomi {_pyproject_version()}"


def test_a_changed_pyproject_is_read_not_a_remembered_version(tmp_path, monkeypatch):
    changed = tmp_path / "pyproject.toml"
    changed.write_text('[project]\nname = "socialokonomi"\nversion = "7.8.9"\n', encoding="utf-8")
    monkeypatch.setattr(version, "PYPROJECT", changed)
    assert version.app_version() == "7.8.9"


def test_without_pyproject_the_installed_metadata_answers(tmp_path, monkeypatch):
    # As in the bundle and a pip installation: no pyproject.toml beside the code, only the metadata.
    monkeypatch.setattr(version, "PYPROJECT", tmp_path / "missing.toml")
    monkeypatch.setattr("importlib.metadata.version", lambda name: {"socialokonomi": "4.5.6"}[name])
    assert version.app_version() == "4.5.6"


def test_another_projects_pyproject_is_not_taken_for_ours(tmp_path, monkeypatch):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "something-else"\nversion = "9.9.9"\n', encoding="utf-8")
    monkeypatch.setattr(version, "PYPROJECT", other)
    monkeypatch.setattr("importlib.metadata.version", lambda name: "1.0.0")
    assert version.app_version() == "1.0.0"
