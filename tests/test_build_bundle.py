"""tools/build_bundle.py without building: refusals, a failed build that leaves the earlier bundle alone, what
may go into the bundle, and the icon for Windows and macOS."""

import ast
import os
import subprocess
import sys
import time
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

    monkeypatch.setattr(build_bundle, "_run_pyinstaller", lambda command, env, quiet: failing_pyinstaller(command))
    with pytest.raises(build_bundle.BuildError, match="something went wrong"):
        build_bundle.build(tmp_path)
    assert earlier.read_text(encoding="utf-8") == "the bundle that works"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["socialokonomi"]


def _no_pyinstaller(monkeypatch):
    monkeypatch.setitem(sys.modules, "PyInstaller", types.ModuleType("PyInstaller"))

    def must_not_run(*args, **kwargs):
        raise AssertionError("PyInstaller was started although the output folder is refused")

    monkeypatch.setattr(build_bundle, "_run_pyinstaller", must_not_run)


def _file_as_outdir(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return tmp_path / "a-file" / "dist", "kan ikke oprettes"


def _file_as_bundle(tmp_path):
    (tmp_path / "socialokonomi").write_text("x", encoding="utf-8")
    return tmp_path, "er en fil"


def _link_as_bundle(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "socialokonomi").symlink_to(tmp_path / "real", target_is_directory=True)
    return tmp_path, "symbolsk link"


def _read_only_outdir(tmp_path):
    if os.name == "nt" or os.geteuid() == 0:
        pytest.skip("root (and Windows) can write in a folder without write permission")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o555)
    return tmp_path / "ro", "Der kan ikke skrives"


@pytest.mark.parametrize("make", [_file_as_outdir, _file_as_bundle, _link_as_bundle, _read_only_outdir])
def test_output_folder_mistakes_are_refused_in_danish_before_building(tmp_path, monkeypatch, capsys, make):
    _no_pyinstaller(monkeypatch)
    outdir, expected = make(tmp_path)
    before = sorted(str(path) for path in tmp_path.rglob("*"))
    assert build_bundle.main([str(outdir)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert sorted(str(path) for path in tmp_path.rglob("*")) == before


def _fake_build(tmp_path, monkeypatch, content="the new bundle"):
    monkeypatch.setitem(sys.modules, "PyInstaller", types.ModuleType("PyInstaller"))

    def pyinstaller(command, env, quiet):
        new = Path(command[command.index("--distpath") + 1], "socialokonomi")
        new.mkdir(parents=True)
        (new / "socialokonomi").write_text(content, encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(build_bundle, "_run_pyinstaller", pyinstaller)
    earlier = tmp_path / "socialokonomi" / "socialokonomi"
    earlier.parent.mkdir()
    earlier.write_text("the bundle that works", encoding="utf-8")
    (earlier.parent / "_internal").mkdir()
    (earlier.parent / "_internal" / "libold.so").write_text("old", encoding="utf-8")
    return earlier


def test_a_rebuild_replaces_the_whole_earlier_bundle_and_leaves_no_work_folder(tmp_path, monkeypatch):
    earlier = _fake_build(tmp_path, monkeypatch)
    (tmp_path / ".bundle-left-by-a-killed-build").mkdir()  # a build interrupted earlier
    build_bundle.build(tmp_path)
    assert earlier.read_text(encoding="utf-8") == "the new bundle"
    assert not (earlier.parent / "_internal").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["socialokonomi"]


def test_a_failed_swap_puts_the_earlier_bundle_back_whole(tmp_path, monkeypatch):
    earlier = _fake_build(tmp_path, monkeypatch)
    real_replace = os.replace

    def locked(source, target):  # the new bundle cannot be moved in (on Windows: an antivirus holds a file)
        if Path(source).parent.name == "dist":
            raise PermissionError(13, "Permission denied", str(source))
        real_replace(source, target)

    monkeypatch.setattr(build_bundle.os, "replace", locked)
    with pytest.raises(build_bundle.BuildError, match="tidligere pakke er urørt"):
        build_bundle.build(tmp_path)
    assert earlier.read_text(encoding="utf-8") == "the bundle that works"
    assert (earlier.parent / "_internal" / "libold.so").read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["socialokonomi"]


def test_a_bundle_in_use_is_left_whole_and_refused_with_exit_2(tmp_path, monkeypatch, capsys):
    earlier = _fake_build(tmp_path, monkeypatch)
    real_replace = os.replace

    def in_use(source, target):  # Windows: the running program's DLLs cannot be moved
        if Path(source) == earlier.parent:
            raise PermissionError(13, "Permission denied", str(source))
        real_replace(source, target)

    monkeypatch.setattr(build_bundle.os, "replace", in_use)
    assert build_bundle.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Luk Socialøkonomi" in err and "Traceback" not in err
    assert earlier.read_text(encoding="utf-8") == "the bundle that works"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["socialokonomi"]


@pytest.mark.skipif(os.name == "nt", reason="process groups as on Linux and macOS")
def test_an_interrupted_build_stops_pyinstaller_and_what_it_started(tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    script = (
        "import subprocess, sys, time; "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']); "
        "open(sys.argv[1], 'w').write(str(child.pid)); time.sleep(120)"
    )

    def interrupted(self, *args, **kwargs):
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_bundle._run_pyinstaller([sys.executable, "-c", script, str(pid_file)], dict(os.environ), quiet=True)
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 30
    while _alive(grandchild):
        assert time.monotonic() < deadline, "the helper PyInstaller started is still running"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())  # a zombie has stopped


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


def test_measure_bundle_reads_windows_paths_and_runs_without_a_load_average(monkeypatch):
    from tools import measure_bundle

    monkeypatch.setattr(measure_bundle.os, "name", "nt")
    assert measure_bundle.split_command(r"C:\hostedtoolcache\windows\Python\3.11.9\x64\python.exe -m desktop") == [
        r"C:\hostedtoolcache\windows\Python\3.11.9\x64\python.exe",
        "-m",
        "desktop",
    ]
    assert measure_bundle.split_command(r'"C:\Program Files\Socialøkonomi\socialokonomi-cli.exe"') == [
        r"C:\Program Files\Socialøkonomi\socialokonomi-cli.exe"
    ]
    monkeypatch.delattr(measure_bundle.os, "getloadavg", raising=False)
    assert measure_bundle.load_average() == "ukendt"


def _pyinstaller_version_classes() -> dict:
    """PyInstaller's version-resource definitions (PyInstaller/utils/win32/versioninfo.py) without that module's
    Windows-only imports (pefile, win32api), so its text form can be evaluated and serialized here."""
    import importlib.util

    source = Path(importlib.util.find_spec("PyInstaller").submodule_search_locations[0], "utils/win32/versioninfo.py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    definitions = [node for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.Assign))]
    module = ast.fix_missing_locations(
        ast.Module(body=ast.parse("import struct, codecs").body + definitions, type_ignores=[])
    )
    namespace: dict = {}
    exec(compile(module, str(source), "exec"), namespace)
    return namespace


def test_the_windows_programs_carry_a_danish_version_resource():
    pytest.importorskip("PyInstaller")
    text = build_bundle.windows_version_resource("0.1.0", "socialokonomi-cli")
    info = eval(text, _pyinstaller_version_classes())  # as PyInstaller's EXE(version=FILE) reads it on Windows
    raw = info.toRaw()
    assert info.ffi.fileVersionMS == (0 << 16) | 1 and info.ffi.fileVersionLS == 0
    for value in ("Socialøkonomi", "0.1.0", "socialokonomi-cli.exe", "040604B0"):
        assert value.encode("utf-16-le") in raw
