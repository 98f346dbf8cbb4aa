"""LibreOffice as a real client in tests: convert documents and workbooks, read the result back."""

import shutil
import subprocess
from pathlib import Path

import pytest

SYSTEM_PYTHON = Path("/usr/bin/python3")

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are installed by .ci/run",
)


def has_uno() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    return subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False).returncode == 0


def convert(source: Path, target_format: str, workdir: Path) -> Path:
    """``soffice --convert-to`` with a private profile; returns the converted file."""
    profile = workdir / "lo-profile"
    outdir = workdir / "converted"
    outdir.mkdir(exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    result = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert result.exists(), f"LibreOffice made no {target_format}"
    return result


def render_with_updated_indexes(source: Path, workdir: Path) -> Path:
    target = workdir / f"{source.stem}-uno.pdf"
    subprocess.run(
        [
            str(SYSTEM_PYTHON),
            str(Path(__file__).with_name("uno_render.py")),
            str(source),
            str(target),
            str(workdir / "uno-profile"),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return target


def pdf_text(pdf: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return run.stdout.replace("\u00a0", " ")
