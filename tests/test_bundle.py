"""The desktop bundle: built once per session with `python -m tools.build_bundle`, then run as staff would run
it, offscreen, on fresh databases, with a private home folder and no Python settings from this environment.
Every figure and file it produces is compared with what the installed package (this source tree, run with
this Python) produces from the same example, so nothing here repeats a number of the seed report.

Marked ``bundle``: `pytest -m "not bundle"` leaves it out, and it is skipped where PyInstaller is missing
(it is in the test extra, so CI runs it)."""

import ast
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
from pathlib import Path

import pytest

from models.backups import backup_folder

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("desktop", "models", "views", "exporters", "resources")
WINDOW_SECONDS = 4
QT_EXTENSION = r"Qt[A-Za-z]+\.(abi3\.so|pyd|.*\.so)"  # PySide6's Python modules, not Qt's own Qt6*.dll

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is in the test extra"),
]


def _private_env(home: Path) -> dict[str, str]:
    """This process's environment without Python's, Qt's and XDG settings, with a fresh home folder, so the
    bundle can lean on nothing of this machine's Python and touches none of the user's files. (On Windows,
    platformdirs asks the shell for the known folders and ignores LOCALAPPDATA: there every command is given
    its --database, and the log is looked for where platformdirs puts it.)"""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "QT_", "XDG_", "VIRTUAL_ENV", "SOCIALOKONOMI_"))
    }
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache"), ("LOCALAPPDATA", "local"),
                      ("APPDATA", "roaming"), ("USERPROFILE", "")):  # fmt: skip
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The program of a bundle built from scratch (no cache) for this test session."""
    from tools.build_bundle import program_path

    outdir = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, "-m", "tools.build_bundle", str(outdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    program = program_path(outdir)
    assert program.is_file() and os.access(program, os.X_OK)
    return program


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Path:
    """An empty folder to run in: not the source tree, so nothing can be imported from it by accident."""
    return tmp_path_factory.mktemp("run")


def cli_program(program: Path) -> Path:
    """The program that runs the commands: on Windows and macOS socialokonomi is windowed (no console), and its
    twin socialokonomi-cli runs them."""
    if sys.platform.startswith("linux"):
        return program
    return program.with_name("socialokonomi-cli" + program.suffix)


def run_bundle(program: Path, workspace: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(cli_program(program)), *args],
        cwd=workspace,
        env=env or _private_env(workspace / "home-bundle"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def installed_command() -> list[str]:
    """The installed package's ``socialokonomi`` (as in CI, after `pip install ".[test]"`), or else this source
    tree run with this Python (a development environment where the project is not installed)."""
    # pip puts it in the scripts folder: bin/ beside python on Linux and macOS, Scripts\ on Windows
    script = Path(sysconfig.get_path("scripts"), "socialokonomi.exe" if sys.platform == "win32" else "socialokonomi")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "desktop"]


def run_installed(workspace: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(env or _private_env(workspace / "home-installed"))
    command = installed_command()
    if command[0] == sys.executable:  # the source tree; the installed script imports its own copy
        env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*command, *args], cwd=workspace, env=env, capture_output=True, text=True, timeout=300)


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def bundle_db(bundle, workspace) -> Path:
    """A fresh database with the example, loaded by the bundle."""
    path = workspace / "bundle.sqlite"
    _ok(run_bundle(bundle, workspace, "load-example", "--database", str(path)))
    return path


@pytest.fixture(scope="session")
def installed_db(workspace) -> Path:
    """A fresh database with the example, loaded by the installed package."""
    path = workspace / "installed.sqlite"
    _ok(run_installed(workspace, "load-example", "--database", str(path)))
    return path


def _status(runner, *args) -> dict:
    return json.loads(_ok(runner(*args, "status", "--year", "2018", "--json")))


def test_version_is_the_one_in_pyproject(bundle, workspace):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert _ok(run_bundle(bundle, workspace, "--version")).strip() == f"socialokonomi {version}"


def test_status_json_equals_the_installed_packages(bundle, workspace, bundle_db, installed_db):
    from_bundle = _status(lambda *a: run_bundle(bundle, workspace, *a, "--database", str(bundle_db)))
    from_installed = _status(lambda *a: run_installed(workspace, *a, "--database", str(installed_db)))
    assert from_bundle == from_installed
    assert from_bundle["enterprises_active"] > 0 and from_bundle["evaluations"]  # the example, not an empty year


def test_report_export_equals_the_installed_packages(bundle, workspace, bundle_db, installed_db):
    docx = pytest.importorskip("docx")
    ours, theirs = workspace / "bundle-rapport.docx", workspace / "installed-rapport.docx"
    _ok(run_bundle(bundle, workspace, "export-report", "--year", "2018", "--output", str(ours), "--database",
                   str(bundle_db)))  # fmt: skip
    _ok(run_installed(workspace, "export-report", "--year", "2018", "--output", str(theirs), "--database",
                      str(installed_db)))  # fmt: skip

    def content(path: Path):
        document = docx.Document(str(path))
        paragraphs = [p.text for p in document.paragraphs]
        tables = [[cell.text for row in table.rows for cell in row.cells] for table in document.tables]
        pictures = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in document.inline_shapes]
        images = [document.part.related_parts[rid].blob for rid in pictures]
        return paragraphs, tables, images

    our_paragraphs, our_tables, our_images = content(ours)
    their_paragraphs, their_tables, their_images = content(theirs)
    assert our_paragraphs == their_paragraphs and our_tables == their_tables
    # the charts are drawn by Qt inside the bundle: as many, and real PNG pictures
    assert len(our_images) == len(their_images) > 0
    assert all(image.startswith(b"\x89PNG") and len(image) > 1000 for image in our_images)


def test_job_status_export_equals_the_installed_packages(bundle, workspace, bundle_db, installed_db):
    openpyxl = pytest.importorskip("openpyxl")
    ours, theirs = workspace / "bundle-jobs.xlsx", workspace / "installed-jobs.xlsx"
    _ok(run_bundle(bundle, workspace, "export-jobs", "--as-of", "2018-06-30", "--output", str(ours), "--database",
                   str(bundle_db)))  # fmt: skip
    _ok(run_installed(workspace, "export-jobs", "--as-of", "2018-06-30", "--output", str(theirs), "--database",
                      str(installed_db)))  # fmt: skip

    def cells(path: Path) -> dict[str, list[tuple]]:
        # the Om sheet names the database file and the time it was made: those two rows differ by nature
        book = openpyxl.load_workbook(path)
        return {
            sheet.title: [row for row in sheet.iter_rows(values_only=True) if row[0] not in ("Datakilde", "Lavet")]
            for sheet in book.worksheets
        }

    our_cells = cells(ours)
    assert our_cells == cells(theirs)
    assert len(our_cells) > 1 and all(rows for rows in our_cells.values())


def test_the_window_starts_loads_the_example_and_logs_no_error(bundle, workspace, installed_db):
    database = workspace / "window.sqlite"
    home = workspace / "home-window"
    started = time.time()
    window = subprocess.Popen(
        [str(bundle), "--with-example", "--database", str(database)],
        cwd=workspace,
        env=_private_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The daily backup is taken once the store is open, just before the window is built.
        deadline = time.monotonic() + 60
        while not list(backup_folder(database).glob("*daily*")) and window.poll() is None:
            assert time.monotonic() < deadline, "no daily backup: the store was never opened"
            time.sleep(0.2)
        time.sleep(WINDOW_SECONDS)  # the window paints, the overview fills in
        still_running = window.poll() is None
    finally:
        if window.poll() is None:
            window.terminate()
        out, err = window.communicate(timeout=30)
    assert still_running, f"the window ended early (exit {window.returncode}):\n{out}\n{err}"
    # (on Windows and macOS the windowed program has no console: stderr is empty there, and the log decides)
    assert "Traceback" not in err and "Error" not in err and "rror:" not in err, err
    logs = list(home.rglob("*.log"))
    if sys.platform == "win32":  # platformdirs ignores the private LOCALAPPDATA: the user's log, if written now
        from desktop.error_log import log_file

        logs += [log_file()] if log_file().is_file() and log_file().stat().st_mtime >= started else []
    logged = {path: path.read_text(encoding="utf-8", errors="replace") for path in logs}
    errors = {path: text for path, text in logged.items() if re.search(r"Traceback|ERROR|CRITICAL|Error|Fejl", text)}
    assert errors == {}
    # the window loaded the example into its own fresh database: the same figures as the installed package's
    from_window = _status(lambda *a: run_bundle(bundle, workspace, *a, "--database", str(database)))
    assert from_window == _status(lambda *a: run_installed(workspace, *a, "--database", str(installed_db)))


def _qt_modules_imported_by_the_application() -> set[str]:
    modules = set()
    for package in APP_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                modules.update(name.split(".")[1] for name in names if name.startswith("PySide6.Qt"))
    return modules


def test_the_bundle_holds_the_application_and_only_the_qt_it_uses(bundle):
    from PyInstaller.archive.readers import CArchiveReader

    from tools.build_bundle import foreign_modules

    folder = bundle.parent
    archive = CArchiveReader(str(bundle))
    pyz = archive.open_embedded_archive(next(name for name in archive.toc if name.endswith(".pyz")))
    bundled = set(pyz.toc)
    # every module of the application, also the pages that are imported by name only when first shown
    expected = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in APP_PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    assert expected - bundled == set()
    # nothing but the declared dependencies: no test tools, no driver that only an optional import asks for
    top_levels = {name.split(".")[0] for name in bundled} | {path.name for path in (folder / "_internal").iterdir()}
    assert top_levels & (foreign_modules() | {"tests", "tools", "benchmarks"}) == set()
    # Qt's Python modules: exactly those the application imports
    qt_extensions = {
        path.name.split(".")[0] for path in folder.rglob("PySide6/Qt*") if re.fullmatch(QT_EXTENSION, path.name)
    }
    assert qt_extensions == _qt_modules_imported_by_the_application()
    # the example data, the icon, and Qt's Danish translation where QLibraryInfo looks for it
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file() and source.suffix not in (".py", ".pyc"):
            assert (folder / "_internal" / source.relative_to(ROOT)).read_bytes() == source.read_bytes()
    translations = {path.name for path in folder.rglob("translations/*.qm")}
    assert "qtbase_da.qm" in translations and all(name.endswith("_da.qm") for name in translations)


def test_measure_bundle_compares_the_bundle_with_the_installed_package(bundle):
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}  # the command line only
    installed = subprocess.list2cmdline([sys.executable, "-m", "desktop"]) if os.name == "nt" else None
    installed = installed or f"{sys.executable} -m desktop"
    result = subprocess.run(
        [sys.executable, "-m", "tools.measure_bundle", str(cli_program(bundle)), installed, "--repeat", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    table = _ok(result)
    assert "| start-up | bundle | installed package |" in table
    assert "| `--version` | " in table and "| `status --year 2018 --json` | " in table


def _bundle_check(bundle: Path, workspace: Path, *command: str, env: dict[str, str] | None = None) -> dict:
    return json.loads(_ok(run_bundle(bundle, workspace, "--bundle-check", *command, env=env)))


def test_qt_standard_buttons_are_danish_in_the_bundle(bundle, workspace):
    # Qt's own texts (standard buttons, file dialogs, context menus) come from qtbase_da.qm inside the bundle
    assert _bundle_check(bundle, workspace)["buttons"] == ["Annuller", "Luk"]


def test_programs_the_bundle_opens_get_the_environment_it_was_started_with(bundle, workspace, tmp_path):
    """What xdg-open, a file manager or Word receive when Åbn dokumentet / Åbn mappen starts them: not the
    bundle's library path, Qt plugin folder or PyInstaller's private variables."""
    env = _private_env(workspace / "home-child")
    dumped = tmp_path / "child.env"
    if sys.platform == "win32":
        env["PATH"] = r"C:\Users\Public\mine;" + env.get("PATH", "")
        command = [os.environ.get("COMSPEC", "cmd.exe"), "/c", f'set > "{dumped}"']
    else:
        env["LD_LIBRARY_PATH"] = "/opt/mine/lib"  # the user's own setting must come back unchanged
        command = ["/bin/sh", "-c", f"env > '{dumped}'"]
    assert _bundle_check(bundle, workspace, *command, env=env)["program_exit"] == 0
    child = dict(line.split("=", 1) for line in dumped.read_text(errors="replace").splitlines() if "=" in line)
    internal = str(bundle.parent / "_internal")
    assert not [name for name in child if name.upper().startswith("_PYI_") or name.upper().endswith("_ORIG")]
    assert "QT_PLUGIN_PATH" not in {name.upper() for name in child}
    assert not [name for name, value in child.items() if internal in value], "the bundle's folder is passed on"
    if sys.platform == "win32":
        assert {name.upper(): value for name, value in child.items()}["PATH"] == env["PATH"]
    else:
        assert child["LD_LIBRARY_PATH"] == "/opt/mine/lib"


def test_the_bundle_runs_in_python_utf8_mode(bundle, workspace):
    assert _bundle_check(bundle, workspace)["utf8_mode"] == 1


@pytest.fixture(scope="session")
def latin1_locale(tmp_path_factory):
    """A Danish ISO-8859-1 locale, as some older Linux desktops have (Windows' redirected output is cp1252)."""
    if not sys.platform.startswith("linux") or shutil.which("localedef") is None:
        pytest.skip("localedef makes the locale on Linux")
    folder = tmp_path_factory.mktemp("locale")
    made = subprocess.run(["localedef", "-i", "da_DK", "-f", "ISO-8859-1", str(folder / "da_DK.ISO-8859-1")],
                          capture_output=True)  # fmt: skip
    if not (folder / "da_DK.ISO-8859-1").is_dir():
        pytest.skip(f"localedef could not make da_DK.ISO-8859-1: {made.stderr!r}")
    return folder


def test_status_prints_names_outside_the_locales_encoding(bundle, workspace, bundle_db, latin1_locale):
    data = workspace / "lodz.json"
    _ok(run_bundle(bundle, workspace, "export-data", "--output", str(data), "--database", str(bundle_db)))
    text = data.read_text(encoding="utf-8")
    assert '"Sumak"' in text
    data.write_text(text.replace('"Sumak"', '"Łódź Sumak"'), encoding="utf-8")
    database = workspace / "lodz.sqlite"
    _ok(run_bundle(bundle, workspace, "import-data", str(data), "--database", str(database)))
    env = {**_private_env(workspace / "home-latin1"), "LOCPATH": str(latin1_locale), "LANG": "da_DK.ISO-8859-1"}
    env.pop("LC_ALL", None)
    env.pop("LC_CTYPE", None)
    for json_or_text in (["--json"], []):
        result = run_bundle(bundle, workspace, "status", "--year", "2018", *json_or_text, "--database",
                            str(database), env=env)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Łódź Sumak" in result.stdout or not json_or_text  # the text form does not name the enterprises


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the C locale of Linux (cron, ssh, env -i)")
def test_the_c_locale_gives_no_qt_warning(bundle, workspace, bundle_db, installed_db):
    env = {**_private_env(workspace / "home-c"), "LANG": "C"}
    for name in ("LC_ALL", "LC_CTYPE", "LANGUAGE"):
        env.pop(name, None)
    ours, theirs = workspace / "c-locale-bundle.docx", workspace / "c-locale-installed.docx"
    result = run_bundle(bundle, workspace, "export-report", "--year", "2018", "--output", str(ours), "--database",
                        str(bundle_db), env=env)  # fmt: skip
    assert result.returncode == 0 and ours.is_file()
    assert "locale" not in result.stderr
    installed = run_installed(workspace, "export-report", "--year", "2018", "--output", str(theirs), "--database",
                              str(installed_db), env=env)  # fmt: skip
    assert result.stderr == installed.stderr  # the example's own data warning, nothing more
