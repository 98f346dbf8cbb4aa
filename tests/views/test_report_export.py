"""Filer → Eksportér årsrapport: the dialog, the background export with progress, cancel, errors, opening."""

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from views.export_dialog import ReportExportDialog, ReportExportOptions


def test_dialog_suggests_a_name_and_refuses_a_wrong_one(qtbot, tmp_path):
    dialog = ReportExportDialog(years=[2018, 2019], year=2018, folder=tmp_path, template="")
    qtbot.addWidget(dialog)
    assert dialog.output_edit.text() == str(tmp_path / "Årsrapport 2018.docx")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    dialog.output_edit.setText(str(tmp_path / "rapport.pdf"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and ".docx" in dialog.error.text()
    dialog.template_box.setChecked(True)
    dialog.template_edit.setText(str(tmp_path / "mangler.docx"))
    dialog.output_edit.setText(str(tmp_path / "rapport.docx"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "Skabelonen findes ikke" in dialog.error.text()
    dialog.template_box.setChecked(False)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options() == ReportExportOptions(year=2018, output=tmp_path / "rapport.docx", template=None)


def test_dialog_refuses_a_folder_a_macro_template_and_the_template_as_output(qtbot, tmp_path):
    dialog = ReportExportDialog(years=[2018], year=2018, folder=tmp_path, template="")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    folder = tmp_path / "skabeloner.docx"
    folder.mkdir()
    macro = tmp_path / "makro.dotm"
    macro.write_bytes(b"PK")
    template = tmp_path / "skabelon.docx"
    Document().save(str(template))
    dialog.template_box.setChecked(True)
    dialog.output_edit.setText(str(tmp_path / "rapport.docx"))
    for chosen, expected in ((folder, "er en mappe"), (macro, "makroer"), (template, "")):
        dialog.template_edit.setText(str(chosen))
        assert dialog.problem() == "" if not expected else expected in dialog.problem()
    dialog.output_edit.setText(str(template))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and "oven i skabelonen" in dialog.error.text()


def test_export_from_the_menu_runs_in_the_background_and_offers_to_open(qtbot, window, tmp_path, answers, monkeypatch):
    output = tmp_path / "Årsrapport 2018.docx"
    monkeypatch.setattr(ReportExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        ReportExportDialog, "options", lambda self: ReportExportOptions(year=2018, output=output, template=None)
    )
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    answers.queue.append(True)  # "Åbn dokumentet"
    qtbot.keyClick(window, "e", Qt.KeyboardModifier.ControlModifier)
    task = window.task
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    assert output.exists()
    assert Document(str(output)).core_properties.title == "Den Socialøkonomiske Årsrapport 2018"
    assert "udfaldene summer til 36" in answers.asked[-1]
    assert opened == [str(output)]
    assert window.settings.value("export/folder") == str(tmp_path)


def test_cancel_leaves_nothing_behind(qtbot, window, tmp_path, answers):
    output = tmp_path / "annulleret.docx"
    task = window.start_report_export(ReportExportOptions(year=2018, output=output, template=None))
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=60_000):
        pass
    task.wait()
    assert not any(p.suffix in (".docx", ".tmp") for p in tmp_path.iterdir())
    assert "annulleret" in window.statusBar().currentMessage()


def test_a_failed_export_says_why(qtbot, window, tmp_path, answers):
    output = tmp_path / "mangler" / "r.docx"
    task = window.start_report_export(ReportExportOptions(year=2018, output=output, template=None))
    with qtbot.waitSignal(task.failed, timeout=60_000):
        pass
    task.wait()
    assert "findes ikke" in answers.asked[-1]
    assert not Path(output).exists()


def test_job_status_from_the_menu_defaults_to_30_june_of_the_year(qtbot, window, tmp_path, answers, monkeypatch):
    import datetime as dt

    import openpyxl

    from views.export_dialog import JobsExportDialog

    shown: list[JobsExportDialog] = []

    def accept(dialog):
        shown.append(dialog)
        dialog.output_edit.setText(str(tmp_path / "jobstatus.xlsx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(JobsExportDialog, "exec", accept)
    qtbot.keyClick(window, "j", Qt.KeyboardModifier.ControlModifier)
    assert shown[0].as_of == dt.date(2018, 6, 30)
    with qtbot.waitSignal(window.task.finished, timeout=60_000):
        pass
    workbook = openpyxl.load_workbook(tmp_path / "jobstatus.xlsx")
    assert workbook["Status"]["B4"].value == dt.datetime(2018, 6, 30)
    assert "Jobstatus er gemt" in answers.asked[-1]


def test_agreement_comparison_from_the_menu(qtbot, window, tmp_path, answers, monkeypatch):
    import openpyxl

    from views.export_dialog import AgreementsExportDialog

    def accept(dialog):
        dialog.output_edit.setText(str(tmp_path / "aftaler.xlsx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AgreementsExportDialog, "exec", accept)
    window.action_export_agreements.trigger()
    with qtbot.waitSignal(window.task.finished, timeout=60_000):
        pass
    assert openpyxl.load_workbook(tmp_path / "aftaler.xlsx").sheetnames[0] == "Sammenligning"


def test_jobs_dialog_refuses_a_wrong_suffix(qtbot, tmp_path):
    import datetime as dt

    from views.export_dialog import JobsExportDialog

    dialog = JobsExportDialog(as_of=dt.date(2018, 6, 30), folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.output_edit.text().endswith("Jobstatus 2018-06-30.xlsx")
    dialog.output_edit.setText(str(tmp_path / "x.docx"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert ".xlsx" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
