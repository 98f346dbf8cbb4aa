"""At 2,000 enterprises the register opens and filters with a fixed number of queries, none per row."""

from PySide6.QtCore import Qt

from models.enterprises import Enterprise, EnterpriseTargetGroup, Registration, TargetGroup
from tests.views.conftest import open_window


class QueryCounter:
    def __init__(self, db, monkeypatch) -> None:
        self.count = 0
        original = db.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            return original(sql, params, *args, **kwargs)

        monkeypatch.setattr(db, "execute_sql", counting)


def test_two_thousand_enterprises_open_and_filter_in_bulk(qtbot, db, db_path, settings, answers, monkeypatch):
    group = TargetGroup.create(name="fleksjobbere")
    Enterprise.insert_many(
        [
            {
                "name": f"Virksomhed {i:04d}",
                "kind": "enterprise",
                "legal_form": "",
                "address": "",
                "place": f"By {i % 50}",
                "employees_qualifier": "",
                "contact": "",
                "website": "",
                "report_order": i,
            }
            for i in range(2000)
        ]
    ).execute()
    ids = [e.id for e in Enterprise.select(Enterprise.id)]
    EnterpriseTargetGroup.insert_many([{"enterprise": i, "target_group": group.id} for i in ids[::2]]).execute()
    Registration.insert_many(
        [{"enterprise": i, "status": "registered", "date": "2018-01-01", "note": ""} for i in ids[::3]]
    ).execute()
    Enterprise.update(place="Ærøskøbing").where(Enterprise.name == "Virksomhed 1234").execute()
    window = open_window(qtbot, db_path, settings)
    page = window.enterprises
    # the window's look at colleagues' changes when it is activated (one or two queries, whenever the test run
    # moves the focus between windows) is not the list's: counted here are the list's own reads
    monkeypatch.setattr(window.editor, "catch_up", lambda: None)
    # nor are the overview's figures, which arrive from a background task after the first paint: let them land
    qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values, timeout=10000)
    counter = QueryCounter(db, monkeypatch)
    page.reload()
    assert page.table_model.rowCount() == 2000
    assert counter.count <= 20, counter.count  # a handful of bulk reads, never one per enterprise (2,000)

    counter.count = 0
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "ærø")
    assert page.table_model.rowCount() == 1
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "fleksjob")
    assert page.table_model.rowCount() == 1000
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "0042")
    assert page.table_model.rowCount() == 1
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert counter.count == 0
