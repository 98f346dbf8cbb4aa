"""Operations on many records are one step for Rediger → Fortryd, and an undo the store refuses leaves the
undo stack and the store as they were, with a Danish message."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from models.changes import ChangeSet
from models.enterprises import Enterprise
from models.history import AuditEntry, TrashItem
from models.placements import JobPlacement
from models.report_texts import ReportYear
from views.import_dialog import ImportPreviewDialog


def _file_with_one_more_enterprise(tmp_path) -> str:
    from models.data_codec import document

    path = tmp_path / "mere.json"
    tables = {
        "enterprise": [{"id": 1, "name": "Fra kollegaen", "place": "Skælskør"}],
        "placement_type": [{"id": 1, "name": "Fleksjob"}],
        "job_placement": [{"id": 1, "enterprise": 1, "type": 1, "date": "2019-01-15", "channel": "jobcenter"}],
    }
    path.write_text(json.dumps(document({"tables": tables})), encoding="utf-8")
    return path


def test_an_import_is_one_undo_step_and_tells_the_pages_once(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted)
    seen: list[ChangeSet] = []
    window.editor.changes.connect(seen.append)
    enterprises, placements = Enterprise.select().count(), JobPlacement.select().count()
    assert window.import_file(_file_with_one_more_enterprise(tmp_path))
    assert Enterprise.select().count() == enterprises + 1 and JobPlacement.select().count() == placements + 1
    assert len(seen) == 1 and seen[0].models() == {"Enterprise", "JobPlacement"}
    assert "importér mere.json" in window.action_undo.text()
    window.action_undo.trigger()
    assert Enterprise.select().count() == enterprises and JobPlacement.select().count() == placements
    window.action_redo.trigger()
    assert Enterprise.get(Enterprise.name == "Fra kollegaen").place == "Skælskør"
    assert [e.action for e in AuditEntry.select().order_by(AuditEntry.id)][-3:] == ["import", "undo", "restore"]


def test_a_restore_from_the_trash_is_an_undo_step(qtbot, window, answers):
    from views.trash_dialog import TrashDialog

    sumak = Enterprise.get(Enterprise.name == "Sumak")
    window.editor.delete(sumak, "slet Sumak")
    dialog = TrashDialog(editor=window.editor, parent=window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Enterprise.get(Enterprise.name == "Sumak").id == sumak.id and TrashItem.select().count() == 0
    window.action_undo.trigger()  # takes the restore back: Sumak is in the trash again
    assert Enterprise.get_or_none(Enterprise.name == "Sumak") is None and TrashItem.select().count() == 1
    window.action_undo.trigger()  # and the delete
    assert Enterprise.get(Enterprise.name == "Sumak").id == sumak.id


def test_an_undo_refused_by_a_locked_year_keeps_stack_and_store(qtbot, window, answers):
    """Reproduction: undo after the year was locked moved the stack back while the store kept the value, with
    PySide's English "Error calling Python override" in front of the message."""
    placement = JobPlacement.select().where(JobPlacement.date.year == 2018).first()
    window.editor.update(JobPlacement, placement.id, {"note": "rettet"}, "ret bemærkning")
    index = window.editor.undo_stack.index()
    answers.queue.append(True)
    window.action_lock_year.trigger()
    window.action_undo.trigger()
    assert JobPlacement.get_by_id(placement.id).note == "rettet"
    assert window.editor.undo_stack.index() == index
    message = answers.asked[-1]
    assert "Kan ikke fortrydes" in message and "2018 er låst" in message and "Error calling" not in message
    answers.queue.append(True)
    window.action_lock_year.trigger()  # unlocked: now the undo goes through
    window.action_undo.trigger()
    assert JobPlacement.get_by_id(placement.id).note == ""


def test_a_year_copy_is_one_undo_step(qtbot, window, answers):
    window.show_area("report_texts")
    page = window.report_texts
    page._copy_year(2018)
    assert ReportYear.select().where(ReportYear.year == 2019).exists()
    window.action_undo.trigger()
    assert not ReportYear.select().where(ReportYear.year == 2019).exists()
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "undo"


def test_deleting_rows_of_a_locked_and_an_open_year_deletes_neither_and_says_why(qtbot, window, answers):
    """Review finding: deleting a 2018 and a 2019 placement as one step with 2018 locked raised out of the slot
    and left an undo step that did nothing."""
    from models.year_locks import lock_year

    window.show_area("placements")
    page = window.placements
    kept = window.editor.create(
        JobPlacement,
        {"enterprise": Enterprise.get().id, "type": JobPlacement.get().type_id, "date": "2018-12-30",
         "channel": "own"},
        "ny",
    )  # fmt: skip
    lock_year(2018)
    steps = window.editor.undo_stack.count()
    model = page.model
    row = next(r for r, item in enumerate(model.rows) if item.id == kept.id)
    page.table.setCurrentIndex(model.index(row, 0))
    answers.queue.append(True)
    page.delete_selected()
    assert JobPlacement.get_or_none(JobPlacement.id == kept.id) is not None
    assert window.editor.undo_stack.count() == steps
    assert "2018 er låst" in answers.asked[-1]
