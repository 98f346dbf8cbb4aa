"""tools/build_bundle.py without building: refusals, a failed build that leaves the earlier bundle alone, what
may go into the bundle, and the icon for Windows and macOS."""

import subprocess
import sys
import types
from pathlib import Path

import pytest

from tools import build_bundle

ROOT = Path(__file__).resolve().parent.parent


def test_an_outdir_that_is_a_file_is_refused_with_exit_2(tmp_path):
    target = tmp_path / "dist"
    target.write_text("not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.build_bundle", str(target)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "ikke en mappe" in result.stderr or "PyInstaller er ikke installeret" in result.stderr
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_a_failed_build_leaves_the_earlier_bundle_and_no_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PyInstaller", types.ModuleType("PyInstaller"))
    earlier = tmp_path / "socialokonomi" / "socialokonomi"
    earlier.parent.mkdir()
    earlier.write_text("the bundle that works", encoding="utf-8")

    def failing_pyinstaller(command, **kwargs):
        Path(command[command.index("--distpath") + 1], "socialokonomi").mkdir(parents=True)  # half-made
        return subprocess.CompletedProcess(command, 1, "", "ERROR: something went wrong\n")

    monkeypatch.setattr(build_bundle.subprocess, "run", failing_pyinstaller)
    with pytest.raises(build_bundle.BuildError, match="something went wrong"):
        build_bundle.build(tmp_path)
    assert earlier.read_text(encoding="utf-8") == "the bundle that works"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["socialokonomi"]


def test_only_declared_dependencies_may_go_into_the_bundle():
    declared = build_bundle.declared_distributions()
    assert {"peewee", "python-docx", "openpyxl", "platformdirs", "pyside6-essentials"} <= declared
    assert "lxml" in declared  # required by python-docx and openpyxl, so it goes in with them
    foreign = build_bundle.foreign_modules()
    assert "pytest" in foreign and "hypothesis" in foreign  # installed here for the tests only
    assert not foreign & {"peewee", "docx", "openpyxl", "lxml", "platformdirs", "PySide6", "shiboken6"}
    assert not foreign & {"desktop", "models", "views", "exporters", "resources"}


def test_the_qt_modules_left_out_are_those_the_code_does_not_import():
    used = build_bundle.qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not {f"PySide6.{name}" for name in used} & build_bundle.qt_modules_unused()


@pytest.mark.parametrize("suffix, magic", [(".ico", b"\x00\x00\x01\x00"), (".icns", b"icns")])
def test_the_icon_is_drawn_for_windows_and_macos(qapp, tmp_path, suffix, magic):
    target = build_bundle.render_icon(ROOT / "resources" / "icons" / "socialokonomi.svg", tmp_path / f"i{suffix}")
    assert target.read_bytes().startswith(magic) and target.stat().st_size > 1000
