"""The layering: models/ and exporters/ never import Qt; the code passes ruff."""

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("package", ["models", "exporters"])
def test_data_layers_never_import_qt(package):
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("PySide6", "views", "desktop")
            ]
    assert offenders == []


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is part of the test extra")
def test_ruff_passes():
    for command in (["check", "."], ["format", "--check", "."]):
        run = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is part of the test extra")
@pytest.mark.parametrize(
    ("source", "banned"),
    [
        ("import peewee\n", True),
        ("from peewee import fn\n", True),
        ("from models.base import database_proxy\n", True),
        ("from models.enterprises import Enterprise\n", False),
        ("from PySide6.QtWidgets import QWidget\n", False),
    ],
)
def test_views_may_not_import_the_store(source, banned):
    """ruff (views/ruff.toml) refuses peewee and models.base in views/; Qt stays allowed there."""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "TID251", "--stdin-filename", "views/probe.py", "-"],
        cwd=ROOT,
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ("TID251" in run.stdout) is banned, run.stdout + run.stderr
