"""Open a .docx in LibreOffice over UNO, update its indexes (the table of contents) and fields, and save a PDF.

Run with the system Python that has LibreOffice's ``uno`` module:
    /usr/bin/python3 uno_render.py IN.docx OUT.pdf PROFILE
(`soffice --convert-to pdf` alone leaves a TOC field empty; Word fills it on opening.)
"""

import re
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def without_comment_anchors(source: Path, folder: Path) -> Path:
    """A copy without the comments' anchors in the body: LibreOffice 7.4 loads a document with comments over
    UNO as nothing (``loadComponentFromURL`` returns None), though ``--convert-to`` reads it. Comments are
    not printed, so the rendered pages are the same."""
    copy = folder / source.name
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as stripped:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<w:commentRange(?:Start|End) [^>]*/>", "", text)
                text = re.sub(r"<w:r>(?:(?!</w:r>).)*?<w:commentReference [^>]*/></w:r>", "", text)
                data = text.encode("utf-8")
            stripped.writestr(item, data)
    return copy


def render(source: Path, target: Path, profile: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _render(without_comment_anchors(source, Path(folder)), target, profile)


def _render(source: Path, target: Path, profile: Path) -> None:
    pipe = f"socialokonomi_{uuid.uuid4().hex[:10]}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (_property("Hidden", True),))
        indexes = document.getDocumentIndexes()
        for index in range(indexes.getCount()):
            indexes.getByIndex(index).update()
        document.getTextFields().refresh()
        document.storeToURL(target.resolve().as_uri(), (_property("FilterName", "writer_pdf_Export"),))
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    render(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
