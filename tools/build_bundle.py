"""Build the desktop bundle that needs no Python on the user's machine (PyInstaller, one folder).

    python -m tools.build_bundle OUTDIR

leaves the bundle in OUTDIR/socialokonomi/ with the program OUTDIR/socialokonomi/socialokonomi (.exe on
Windows, with socialokonomi-cli.exe beside it for the command line). The build starts from nothing every
time: PyInstaller's work folder and cache live in a temporary folder that is removed afterwards, and the
finished bundle replaces an earlier one only when the build has succeeded.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "socialokonomi.spec"
NAME = "socialokonomi"
EXIT_ERROR = 2


class BuildError(Exception):
    """The bundle could not be built; the message says why, in Danish."""


def program_path(outdir: Path) -> Path:
    """The program inside a bundle built into ``outdir``."""
    return Path(outdir) / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))


def check_outdir(outdir: Path) -> Path:
    """Refuse, before anything is built, an output folder that cannot take the bundle: OUTDIR a file, a folder
    that cannot be made or written in, or OUTDIR/socialokonomi a file or a symbolic link. Returns it absolute."""
    outdir = Path(outdir).absolute()
    if outdir.exists() and not outdir.is_dir():
        raise BuildError(f"{outdir} findes og er ikke en mappe. Vælg en anden udmappe.")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"Mappen {outdir} kan ikke oprettes: {error.strerror or error}") from error
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise BuildError(f"Der kan ikke skrives i mappen {outdir}. Vælg en anden udmappe.")
    target = outdir / NAME
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        what = "en genvej (symbolsk link)" if target.is_symlink() else "en fil"
        raise BuildError(f"{target} er {what}, ikke en pakke: flyt den væk, eller vælg en anden udmappe.")
    return outdir


def remove_stale_work_folders(outdir: Path) -> None:
    """Remove the work folders that an interrupted build left in ``outdir`` (.bundle-*)."""
    for folder in outdir.glob(".bundle-*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _run_pyinstaller(command: list[str], env: dict[str, str], *, quiet: bool) -> subprocess.CompletedProcess:
    """Run PyInstaller in its own process group; if this build is interrupted (Ctrl+C, or SIGTERM turned into
    KeyboardInterrupt by ``main``), PyInstaller and the helpers it started are stopped too."""
    pipe = subprocess.PIPE if quiet else None
    if os.name == "nt":
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=pipe, stderr=pipe, text=True,
                                   creationflags=subprocess.CREATE_NEW_PROCESS_GROUP)  # fmt: skip
    else:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=pipe, stderr=pipe, text=True,
                                   start_new_session=True)  # fmt: skip
    with process:  # closes the pipes and waits, also when interrupted
        try:
            out, err = process.communicate()
        except BaseException:
            if os.name == "nt":
                process.kill()
            else:
                os.killpg(process.pid, signal.SIGKILL)
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def replace_bundle(new: Path, target: Path) -> None:
    """Put the freshly built bundle ``new`` in place of ``target``: the old bundle is moved aside first, the new
    one moved in, and only then is the old one deleted. If the new one cannot be moved in, the old one goes
    back, so a failure never leaves a half-deleted program (on Windows a running program locks its files)."""
    aside = None
    if target.exists():
        aside = target.with_name(f".bundle-old-{os.getpid()}")
        try:
            os.replace(target, aside)
        except OSError as error:
            raise BuildError(
                f"Den tidligere pakke i {target} kan ikke erstattes ({error.strerror or error}). "
                "Luk Socialøkonomi, hvis det kører derfra, og byg igen. Den tidligere pakke er urørt."
            ) from error
    try:
        os.replace(new, target)
    except OSError as error:
        if aside is not None:
            os.replace(aside, target)
        raise BuildError(
            f"Den nye pakke kan ikke lægges i {target} ({error.strerror or error}). Den tidligere pakke er urørt."
        ) from error
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def build(outdir: Path, *, quiet: bool = True) -> Path:
    """Build the bundle into ``outdir``/socialokonomi and return the path of its program."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError as error:
        raise BuildError(
            "PyInstaller er ikke installeret i dette Python-miljø. Installér byggeekstraet: pip install '.[bundle]'"
        ) from error
    outdir = check_outdir(outdir)
    remove_stale_work_folders(outdir)
    try:
        temporary = tempfile.TemporaryDirectory(prefix=".bundle-", dir=outdir)
    except OSError as error:
        raise BuildError(f"Der kan ikke laves en arbejdsmappe i {outdir}: {error.strerror or error}") from error
    with temporary as work_name:
        work = Path(work_name)
        # A private config folder: PyInstaller keeps its cache there, and nothing may carry over between builds.
        # A fixed hash seed and time stamp, so two builds of the same commit give the same files.
        env = {
            **os.environ,
            "PYINSTALLER_CONFIG_DIR": str(work / "config"),
            "PYTHONHASHSEED": "0",
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000"),
        }
        command = [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN" if quiet else "INFO",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ]
        result = _run_pyinstaller(command, env, quiet=quiet)
        if result.returncode != 0:
            detail = (result.stderr or "").strip().splitlines()[-15:] if quiet else []
            raise BuildError("\n".join(["PyInstaller kunne ikke bygge pakken:", *detail]))
        replace_bundle(work / "dist" / NAME, outdir / NAME)
    return program_path(outdir)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions(pyproject: Path = ROOT / "pyproject.toml") -> set[str]:
    """The distributions the application runs on: the dependencies in pyproject.toml and, as installed in
    this environment, everything they require in turn (without extras); canonical names."""
    from importlib import metadata

    from packaging.requirements import Requirement  # PyInstaller depends on packaging

    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    todo, seen = [Requirement(text) for text in project["dependencies"]], set()
    while todo:
        requirement = todo.pop()
        name = _canonical(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo.extend(Requirement(text) for text in metadata.distribution(name).requires or [])
        except metadata.PackageNotFoundError:
            continue
    return seen


def _top_levels(distribution) -> set[str]:
    names = set()
    for file in distribution.files or []:
        first = file.parts[0]
        if len(file.parts) == 1 and first.endswith(".py"):
            names.add(first.removesuffix(".py"))
        elif len(file.parts) > 1 and not first.endswith((".dist-info", ".data", ".libs")) and first.isidentifier():
            names.add(first)
        elif len(file.parts) == 1 and first.split(".")[0].isidentifier() and first.endswith((".so", ".pyd")):
            names.add(first.split(".")[0])
    return names - {"__pycache__", "bin"}


def foreign_modules(pyproject: Path = ROOT / "pyproject.toml") -> set[str]:
    """Top-level modules installed in this environment by distributions the application does not declare
    (test tools, PyInstaller, another engineer's driver): an optional import must not bundle them."""
    from importlib import metadata

    declared = declared_distributions(pyproject) | {NAME}
    ours, theirs = set(), set()
    for distribution in metadata.distributions():
        names = _top_levels(distribution)
        (ours if _canonical(distribution.metadata["Name"] or "") in declared else theirs).update(names)
    return theirs - ours


def qt_modules_used(packages=("desktop", "models", "views", "exporters", "resources")) -> set[str]:
    """The PySide6 modules the application's code imports, e.g. {"QtCore", "QtGui", "QtWidgets"}."""
    used = set()
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            used.update(re.findall(r"\bPySide6\.(Qt[A-Za-z]+)\b", path.read_text(encoding="utf-8")))
    return used


def qt_modules_unused() -> set[str]:
    """The PySide6 modules installed here that the application does not import ("PySide6.QtNetwork", ...)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()
    folder = Path(next(iter(spec.submodule_search_locations)))
    installed = {path.name.split(".")[0] for path in folder.glob("Qt*.*") if path.suffix in (".so", ".pyd")}
    return {f"PySide6.{name}" for name in installed - qt_modules_used()}


def windows_version_resource(version: str, program: str) -> str:
    """The version resource of a Windows program, in the text form PyInstaller's ``EXE(version=FILE)`` reads
    (Explorer's Properties, software inventory and AppLocker's publisher rules read it): product name, file
    version and description, in Danish (language 0x0406, Unicode)."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    strings = {
        "CompanyName": "Den socialøkonomiske enhed",
        "FileDescription": "Socialøkonomi" + (" (kommandolinje)" if program.endswith("-cli") else ""),
        "FileVersion": version,
        "InternalName": program,
        "OriginalFilename": f"{program}.exe",
        "ProductName": "Socialøkonomi",
        "ProductVersion": version,
    }
    table = ",\n        ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(numbers)!r}, prodvers={tuple(numbers)!r}, mask=0x3F, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040604B0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0406, 1200])])
  ]
)
"""


def render_icon(svg: Path, target: Path, size: int = 256) -> Path:
    """Draw the SVG icon into ``target`` as .ico (Windows) or .icns (macOS) with Qt's image plugins."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QImageReader

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    reader = QImageReader(str(svg))
    reader.setScaledSize(QSize(size, size))
    image = reader.read()
    target.parent.mkdir(parents=True, exist_ok=True)
    if image.isNull() or not image.save(str(target)):
        raise BuildError(f"Ikonet {svg.name} kunne ikke tegnes som {target.suffix}: {reader.errorString()}")
    return target


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    from desktop.argparse_da import danish_argparse

    with danish_argparse():
        parser = argparse.ArgumentParser(prog="python -m tools.build_bundle", description="Byg Socialøkonomi-pakken.")
        parser.add_argument("outdir", metavar="UDMAPPE", help="hvor mappen socialokonomi/ skal lægges")
        parser.add_argument("--verbose", action="store_true", help="vis PyInstallers fulde log")
        args = parser.parse_args(argv)
    if hasattr(signal, "SIGTERM"):  # a stopped build stops PyInstaller too (see _run_pyinstaller)
        signal.signal(signal.SIGTERM, _interrupted)
    try:
        program = build(Path(args.outdir), quiet=not args.verbose)
    except BuildError as error:
        print(f"build_bundle: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("build_bundle: afbrudt; den tidligere pakke er urørt.", file=sys.stderr)
        return EXIT_ERROR
    print(f"Pakken er bygget: {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
