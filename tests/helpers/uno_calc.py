"""Open a workbook in LibreOffice Calc over UNO, apply edits as a user would, recalculate every formula
(``calculateAll``: LibreOffice otherwise keeps the values stored with the formulas), and save it as .xlsx.

Run with the system Python that has LibreOffice's ``uno`` module:
    /usr/bin/python3 uno_calc.py IN.xlsx OUT.xlsx PROFILE EDITS.json
EDITS.json is a list of {"sheet": name, "cell": "B4", "value": 5 | "string": "x" | "date": "2018-06-30"} and
{"sheet": name, "delete_row": 7} (1-based).
"""

import datetime as dt
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _edit(document, edit: dict) -> None:
    sheet = document.getSheets().getByName(edit["sheet"])
    if "delete_row" in edit:
        sheet.getRows().removeByIndex(edit["delete_row"] - 1, 1)
        return
    cell = sheet.getCellRangeByName(edit["cell"])
    if "string" in edit:
        cell.setString(edit["string"])
    elif "date" in edit:
        cell.setValue((dt.date.fromisoformat(edit["date"]) - dt.date(1899, 12, 30)).days)
    else:
        cell.setValue(edit["value"])


def run(source: Path, target: Path, profile: Path, edits: list[dict]) -> None:
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
        for edit in edits:
            _edit(document, edit)
        document.calculateAll()
        document.storeToURL(target.resolve().as_uri(), (_property("FilterName", "Calc MS Excel 2007 XML"),))
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
    run(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), json.loads(Path(sys.argv[4]).read_text("utf-8")))
