"""Filer → Sikkerhedskopier and Importér data, driven through the window; the store checked after each step."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from exporters.data_file import write_data_file
from models.backups import list_backups
from models.enterprises import Enterprise
from views.backup_dialog import BackupDialog
from views.import_dialog import ImportPreviewDialog


@pytest.mark.sqlite_only
def test_backup_now_and_restore_from_the_dialog(qtbot, window, db_path, answers):
    dialog = BackupDialog(
        database=db_path, on_backup=window.backup_now, on_restore=window.restore_backup, parent=window
    )
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1 and len(list_backups(db_path)) == 1
    window.editor.create(Enterprise, {"name": "Efter kopien"}, "ny virksomhed")
    answers.queue.append(True)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Enterprise.get_or_none(Enterprise.name == "Efter kopien") is None
    assert Enterprise.select().count() == 20
    assert "Efter kopien" not in [
        window.enterprises.table_model.index(r, 1).data() for r in range(window.enterprises.table_model.rowCount())
    ]
    assert {b.reason for b in list_backups(db_path)} == {"manual", "restore"}


def test_import_with_preview_and_backup(qtbot, window, db_path, tmp_path, answers, monkeypatch, engine):
    Enterprise.create(name="Kun i filen")
    document_path = tmp_path / "data.json"
    write_data_file(document_path)
    from models.editing import delete

    delete(Enterprise.get(Enterprise.name == "Kun i filen"))
    shown = []

    def accept(dialog):
        shown.append(dialog.details.toPlainText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert window.import_file(document_path)
    assert "Tilføjes: 1 virksomheder" in shown[0]
    assert Enterprise.get_or_none(Enterprise.name == "Kun i filen") is not None
    if engine == "sqlite":  # a file is backed up beside it first; a server's backups are its administrator's
        assert [b.reason for b in list_backups(db_path)] == ["import"]


def test_an_unreadable_import_file_is_refused_with_a_message(qtbot, window, tmp_path, answers):
    bad = tmp_path / "ikke-data.json"
    bad.write_text("{ikke json", encoding="utf-8")
    assert not window.import_file(bad)
    assert "ikke en datafil" in answers.asked[-1]


def test_trash_lock_and_history_through_the_window(qtbot, window, answers):
    from models.history import TrashItem, YearLock
    from models.placements import JobPlacement
    from views.trash_dialog import TrashDialog

    page = window.enterprises
    window.show_area("enterprises")
    row = [page.table_model.index(r, 1).data() for r in range(page.table_model.rowCount())].index("Liselund")
    page.table.setCurrentIndex(page.table_model.index(row, 1))
    page.form.place_edit.setFocus()
    page.form.place_edit.selectAll()
    qtbot.keyClicks(page.form.place_edit, "Korsør")
    qtbot.keyClick(page.form.place_edit, Qt.Key.Key_Return)
    assert "ændrede By: «» → «Korsør»" in page.form.history.item(0).text()

    answers.queue.append(True)
    page.delete_selected()
    assert TrashItem.select().count() == 1
    dialog = TrashDialog(editor=window.editor, parent=window)
    qtbot.addWidget(dialog)
    assert "Liselund" in dialog.table.item(0, 2).text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert Enterprise.get(Enterprise.name == "Liselund").place == "Korsør"
    assert "Liselund" in [page.table_model.index(r, 1).data() for r in range(page.table_model.rowCount())]

    answers.queue.append(True)
    window.action_lock_year.trigger()
    assert YearLock.get().year == 2018 and window.banner.isVisible() and "2018 er låst" in window.banner.text()
    assert "op" in window.action_lock_year.text()
    model = window.placements.model
    assert not model.setData(model.index(0, 4), "10")
    assert "2018 er låst" in window.placements.error.text()
    assert JobPlacement.get_by_id(model.rows[0].id).hours_per_week is None
    answers.queue.append(True)
    window.action_lock_year.trigger()
    assert YearLock.select().count() == 0 and not window.banner.isVisible()
