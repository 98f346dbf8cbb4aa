"""Changes reach the tables row by row: the current record stays current by its id when rows above it are
removed or added, where the old code reset the table and kept (or lost) a row number."""

import datetime as dt

from models.activities import NetworkMeeting
from models.enterprises import Enterprise


def test_the_current_enterprise_stays_current_when_a_row_above_it_goes(qtbot, window, answers):
    window.show_area("enterprises")
    page = window.enterprises
    model = page.table_model
    current_id = model.row_id(5)
    page.table.setCurrentIndex(model.index(5, 1))
    above = Enterprise.get_by_id(model.row_id(1))
    window.editor.delete(above, "slet")  # from anywhere: another page, an undo
    assert page.table.currentIndex().isValid()
    assert model.row_id(page.table.currentIndex().row()) == current_id
    assert page.form.enterprise_id == current_id
    window.editor.undo_stack.undo()  # the deleted one comes back in its place; the current one stays
    assert model.row_id(page.table.currentIndex().row()) == current_id


def test_a_meeting_added_above_keeps_the_cursor_on_its_meeting(qtbot, window):
    window.show_area("network")
    table = window.network.meetings
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(1, 2))
    current_id = table.model.records[1].id
    window.editor.create(
        NetworkMeeting, {"date": dt.date(2018, 1, 2), "status": "held", "title": "Tidligt møde"}, "nyt møde"
    )
    index = table.view.currentIndex()
    assert table.model.records[index.row()].id == current_id and index.column() == 2
