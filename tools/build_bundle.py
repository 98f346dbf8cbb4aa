"""Build the desktop bundle that needs no Python on the user's machine (PyInstaller, one folder).

    python -m tools.build_bundle OUTDIR

leaves the bundle in OUTDIR/socialokonomi/ with the program OUTDIR/socialokonomi/socialokonomi (.exe on
Windows, with socialokonomi-cli.exe beside it for the command line). The build starts from nothing every
time: PyInstaller's work folder and cache live in a temporary folder that is removed afterwards, and the
finished bundle replaces an earlier one only when the build has succeeded.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
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


def build(outdir: Path, *, quiet: bool = True) -> Path:
    """Build the bundle into ``outdir``/socialokonomi and return the path of its program."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError as error:
        raise BuildError(
            "PyInstaller er ikke installeret i dette Python-miljø. Installér testekstraet: pip install '.[test]'"
        ) from error
    outdir = Path(outdir).resolve()
    if outdir.exists() and not outdir.is_dir():
        raise BuildError(f"{outdir} findes og er ikke en mappe.")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bundle-", dir=outdir) as temporary:
        work = Path(temporary)
        # A private config folder: PyInstaller keeps its cache there, and nothing may carry over between builds.
        env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(work / "config")}
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
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=quiet, text=True)
        if result.returncode != 0:
            detail = (result.stderr or "").strip().splitlines()[-15:] if quiet else []
            raise BuildError("\n".join(["PyInstaller kunne ikke bygge pakken:", *detail]))
        target = outdir / NAME
        if target.exists():
            shutil.rmtree(target)
        os.replace(work / "dist" / NAME, target)
    return program_path(outdir)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_bundle", description="Byg Socialøkonomi-pakken.")
    parser.add_argument("outdir", metavar="UDMAPPE", help="hvor mappen socialokonomi/ skal lægges")
    parser.add_argument("--verbose", action="store_true", help="vis PyInstallers fulde log")
    args = parser.parse_args(argv)
    try:
        program = build(Path(args.outdir), quiet=not args.verbose)
    except BuildError as error:
        print(f"build_bundle: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Pakken er bygget: {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
