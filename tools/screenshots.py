"""Regenerate the README's screenshots: the window at 1366×768 (a common municipal laptop) on the example data,
one picture per page, and the welcome on an empty database.

    python tools/screenshots.py [OUTDIR]        (default: docs/screenshots)

Runs on Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise, on a temporary database, with
temporary settings, so it touches neither the user's data nor their window state.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import make_application  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from models.example_data import load_example  # noqa: E402
from models.figures import year_status  # noqa: E402
from models.store import close_database, open_database  # noqa: E402

PAGES = {
    "overview": "overblik",
    "enterprises": "virksomheder",
    "grants": "tilskud",
    "report_texts": "aarsrapport-tekster",
    "agreements": "aftaler",
    "placements": "ansaettelser",
    "partnerships": "csr-samarbejder",
    "network": "netvaerk",
    "progression": "progression",
    "goals": "maal",
}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    # a fixed folder, so the path in the status bar (and so the pictures) are the same run after run
    tmp = Path(tempfile.gettempdir()) / "socialokonomi-skaermbilleder"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        db_path = tmp / "eksempel.sqlite"
        open_database(db_path)
        load_example()
        window = MainWindow(
            database_path=db_path, settings=QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        )
        window.resize(1366, 768)
        window.show()
        for key, name in PAGES.items():
            window.show_area(key)
            if key == "grants":
                window.grants.show_grant(window.grants.table_model.rows[2].id)
            if key == "report_texts":
                parts = window.report_texts.parts
                labels = [parts.item(i).text() for i in range(parts.count())]
                parts.setCurrentRow(next(i for i, t in enumerate(labels) if t.startswith("6.8 ")))
            if key == "enterprises":
                window.enterprises.form.show_enterprise(window.enterprises.table_model.row_id(3), year=window.year)
                window.enterprises._select(window.enterprises.form.enterprise_id)
            for _ in range(3):
                app.processEvents()
            path = out / f"{name}.png"
            window.grab().save(str(path))
            print(path)
        window.close()
        close_database()
        _welcome(out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    QApplication.quit()


def _welcome(out: Path, tmp: Path) -> None:
    """The first start on an empty database."""
    db_path = tmp / "tom.sqlite"
    open_database(db_path)
    window = MainWindow(database_path=db_path, settings=QSettings(str(tmp / "t.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    window.show_area("overview")
    window.overview.show_status(year_status(window.year))
    for _ in range(3):
        QApplication.processEvents()
    path = out / "velkommen.png"
    window.grab().save(str(path))
    print(path)
    window.close()
    close_database()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
