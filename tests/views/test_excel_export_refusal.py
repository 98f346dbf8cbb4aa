"""Filer → Eksportér jobstatus / sammenligning for a period without data: a Danish message, no file."""

import datetime as dt

import pytest

from views.export_dialog import AgreementsExportOptions, JobsExportOptions


def test_a_job_status_before_the_first_placement_is_refused_with_a_message(qtbot, window, tmp_path, answers):
    output = tmp_path / "jobstatus.xlsx"
    task = window.start_jobs_export(JobsExportOptions(as_of=dt.date(2017, 6, 30), output=output))
    with qtbot.waitSignal(task.failed, timeout=60_000):
        pass
    task.wait()
    assert "ingen ansættelser" in answers.asked[-1] and "Intet er eksporteret" in answers.asked[-1]
    assert not output.exists()


def test_an_agreement_comparison_of_a_year_without_data_is_refused(qtbot, window, tmp_path, answers):
    output = tmp_path / "aftaler.xlsx"
    task = window.start_agreements_export(AgreementsExportOptions(year=1900, output=output))
    with qtbot.waitSignal(task.failed, timeout=60_000):
        pass
    task.wait()
    assert "ingen samarbejdsaftaler i 1900" in answers.asked[-1]
    assert not output.exists()


@pytest.mark.sqlite_only  # about the database's own file
def test_an_export_over_the_open_database_is_refused_with_a_message(qtbot, window, db_path, answers):
    """Filer → Eksportér with «Gem som» set to the database itself: refused in Danish, the database kept."""
    starts = (
        lambda: window.start_jobs_export(JobsExportOptions(as_of=dt.date(2018, 6, 30), output=db_path)),
        lambda: window.start_agreements_export(AgreementsExportOptions(year=2018, output=db_path)),
    )
    for start in starts:
        answers.asked.clear()
        task = start()
        # the refusal is quick: wait for its message (connected before the task starts), not for the signal
        qtbot.waitUntil(lambda: any("er selve databasen" in text for text in answers.asked), timeout=60_000)
        task.wait()
        qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"
