"""Measurements inside one running application, printed as JSON (medians of ``repeat`` runs, in ms):

    python -m benchmarks.inprocess DB YEAR REPEAT

- page:<area>: the first visit of each page in a newly opened window (building it and painting it);
- search / search floor: one keystroke of search on the enterprise list, against filtering the same rows
  as a plain Python list;
- sort / sort floor: sorting the enterprise list by name, against sorting the same rows as a Python list;
- status / status floor: the year's key figures (what ``status`` prints), against one COUNT of the year's
  placements;
- edit statements: the SQL statements one field edit on Virksomheder issues with every page built (a count,
  not a time);
- paste 200: pasting 200 rows into Ansættelser (one undo step; undone after).
"""

import json
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path


def _ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def _open_page(window, key: str) -> None:
    from PySide6.QtWidgets import QApplication

    window.show_area(key)
    window.page(key).repaint()
    QApplication.processEvents()


def _filter(rows: list, text: str) -> list:
    return [r for r in rows if text in r.search_text]


def _sort(rows: list, descending: bool) -> list:
    return sorted(rows, key=lambda r: r.name.casefold(), reverse=descending)


def _edit_statements(window) -> int:
    """The statements of one confirmed edit of a field of the enterprise shown on Virksomheder."""
    from models.base import database_proxy

    _open_page(window, "enterprises")
    form = window.enterprises.form
    if form.enterprise_id is None:
        return 0
    statements: list[str] = []
    db = database_proxy.obj
    connection = database_proxy.connection()
    traced = hasattr(connection, "set_trace_callback")  # SQLite's driver; on a server, count what peewee sends
    if traced:
        connection.set_trace_callback(statements.append)
    else:
        send = db.execute_sql
        db.execute_sql = lambda sql, *args, **kwargs: (statements.append(sql), send(sql, *args, **kwargs))[1]
    try:
        form.place_edit.setText(form.place_edit.text() + " x")
        form.binder.commit_all()
    finally:
        if traced:
            connection.set_trace_callback(None)
        else:
            del db.execute_sql
    return len(statements)


def _paste(window, year: int, count: int) -> float:
    """Milliseconds to paste ``count`` rows into Ansættelser; the paste is undone afterwards."""
    from models.enterprise_queries import enterprise_names
    from models.placement_queries import placement_type_names
    from views import messages

    _open_page(window, "placements")
    names = list(enterprise_names().values())
    kind = next(iter(placement_type_names().values()))
    text = "\n".join(
        f"{1 + n % 28}.{1 + n % 12}.{year}\t{names[n % len(names)]}\t{kind}\tJobcenteret\t{1 + n % 37}"
        for n in range(count)
    )
    shown = messages.error
    messages.error = lambda *_args: None  # a bad row would open a box; the benchmark's rows are all good
    try:
        elapsed = _ms(partial(window.placements.paste, text))
    finally:
        messages.error = shown
    window.editor.undo_stack.undo()
    return elapsed


def main(database: str, year: int, repeat: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from desktop.app import make_application
    from desktop.areas import AREAS
    from desktop.main_window import MainWindow
    from models.figures import year_end, year_start, year_status
    from models.placements import JobPlacement
    from models.server_address import is_server_address
    from models.store import open_database

    app = make_application()
    where = database if is_server_address(database) else Path(database)
    open_database(where)
    results: dict[str, list[float]] = {}
    settings_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"socialokonomi-bench-{os.getpid()}.ini"
    for _run in range(repeat):
        settings_path.unlink(missing_ok=True)
        window = MainWindow(database_path=where, settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
        window.year_box.setCurrentIndex(window.year_box.findData(year))
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        for area in AREAS:
            results.setdefault(f"page:{area.key}", []).append(_ms(partial(_open_page, window, area.key)))
        model = window.enterprises.table_model
        rows = list(model._all)
        for text in ("v", "ve", "vel", "e", "s", "sl"):
            results.setdefault("search", []).append(_ms(partial(model.set_search, text)))
            results.setdefault("search floor", []).append(_ms(partial(_filter, rows, text)))
        model.set_search("")
        for descending in (False, True):
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            results.setdefault("sort", []).append(_ms(partial(model.sort, 1, order)))
            results.setdefault("sort floor", []).append(_ms(partial(_sort, rows, descending)))
        results.setdefault("status", []).append(_ms(lambda: year_status(year)))
        results.setdefault("status floor", []).append(
            _ms(
                lambda: JobPlacement.select().where(JobPlacement.date.between(year_start(year), year_end(year))).count()
            )
        )
        results.setdefault("edit statements", []).append(_edit_statements(window))
        results.setdefault("paste 200", []).append(_paste(window, year, 200))
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    settings_path.unlink(missing_ok=True)
    del app
    return {key: statistics.median(values) for key, values in results.items()}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
