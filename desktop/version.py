"""The application's version, from one source: ``version`` in pyproject.toml.

Run from the source folder, pyproject.toml itself is read (so a changed version shows without reinstalling);
installed with pip, or inside the PyInstaller bundle (whose spec writes the same version into a
``socialokonomi-X.dist-info``), the installed metadata answers.
"""

import argparse
import sys
from pathlib import Path

DISTRIBUTION = "socialokonomi"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def app_version() -> str:
    """The version, e.g. "0.1.0"; "ukendt" if neither the source nor the metadata says."""
    import tomllib  # here, not at the top: the command line starts without reading anything it does not need
    from importlib import metadata

    try:
        project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        project = {}
    if project.get("name") == DISTRIBUTION and project.get("version"):
        return str(project["version"])
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "ukendt"


def is_bundle() -> bool:
    """True inside the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


class VersionAction(argparse.Action):
    """``--version``: print "socialokonomi X.Y.Z" and exit, reading the version only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {app_version()}")
        parser.exit()
