"""Running the exports: build the data from the store, draw the charts, write the file. Shared by the
command line and the window's background task."""

from pathlib import Path

from exporters.word_report import WordOptions, write_report
from models.errors import ExportError
from models.i18n import _
from models.report_data import Progress, build_report


def _damage_is_said(export):
    """A text or page that SQLite cannot read while the export reads the store is damage: said in Danish,
    with the record and field, as ``DamagedDatabaseError`` (the window and the command line then point to the
    backups), never an unexpected error."""
    import functools

    @functools.wraps(export)
    def run(*args, **kwargs):
        import sqlite3

        import peewee

        from models.store import is_damage

        try:
            return export(*args, **kwargs)
        except (sqlite3.DatabaseError, peewee.DatabaseError, UnicodeDecodeError) as error:
            if not is_damage(error):
                raise
            from models.database_checks import damage_description
            from models.errors import DamagedDatabaseError
            from models.store import database_path

            path = database_path()
            what = damage_description(path) if path is not None else _("en del af filen kan ikke læses")
            raise DamagedDatabaseError(
                _("Databasen {path} er beskadiget: {what}. Der er ikke skrevet nogen fil.").format(path=path, what=what)
            ) from error

    return run


def _no_progress(_percent: int, _text: str) -> None:
    return None


@_damage_is_said
def export_report(
    year: int, output: Path, *, template: Path | None = None, progress: Progress = _no_progress
) -> list[str]:
    """Write the annual report of ``year`` to ``output``; return the warnings to show the user."""
    from views.charts import render_charts

    if template is not None and not Path(template).exists():  # a folder is refused by the exporter, by name
        raise ExportError(_("Skabelonen {path} findes ikke.").format(path=template))
    _check_not_the_database(output)
    if Path(output).suffix.lower() != ".docx":
        raise ExportError(_("Årsrapporten skrives som et Word-dokument; giv filen endelsen .docx."))
    if template is not None and _same_file(Path(template), Path(output)):
        raise ExportError(_("Rapporten kan ikke gemmes oven i skabelonen; vælg et andet filnavn til rapporten."))
    data = build_report(year, progress)
    progress(86, _("Tegner grafer"))
    charts = render_charts(data.charts)
    warnings = write_report(data, output, WordOptions(template=template, charts=charts), progress)
    return _with_store_scan(warnings)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (second.exists() and first.samefile(second))
    except OSError:
        return False


def _with_store_scan(warnings: list[str], *, history: bool = False) -> list[str]:
    """The export's own warnings, then one for every stored text that looks like a CPR number (names, labels
    and other short fields that the exporter writes without looking), each once."""
    from models.personal_data import scan_store

    return list(dict.fromkeys([*warnings, *scan_store(history=history)]))


@_damage_is_said
def export_data(output: Path) -> list[str]:
    """Write the whole store as a data file; return the warnings (texts that look like CPR numbers)."""
    from exporters.data_file import write_data_file

    _check_suffix(output, ".json", _("Datafilen"))
    write_data_file(Path(output))
    return _with_store_scan([], history=True)  # the data file carries the audit trail and the trash


def _check_not_the_database(output: Path) -> None:
    """Refuse to write an export over the open database (or its journal files): the window's exports."""
    from models.base import database_proxy

    path = getattr(database_proxy.obj, "path", None) if database_proxy.obj is not None else None
    if path and path != ":memory:":
        target, base = Path(output).expanduser().resolve(), Path(path).expanduser().resolve()
        if target in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
            raise ExportError(_("{path} er selve databasen; vælg et andet filnavn til eksporten.").format(path=output))


def _check_suffix(output: Path, suffix: str, what: str) -> None:
    _check_not_the_database(output)
    if Path(output).suffix.lower() != suffix:
        raise ExportError(
            _("{what} skrives som {suffix}-fil; giv filen endelsen {suffix}.").format(what=what, suffix=suffix)
        )


@_damage_is_said
def export_jobs(as_of, output: Path, *, progress: Progress = _no_progress) -> list[str]:
    """Write the job status at ``as_of`` as an Excel workbook; return the warnings to show the user."""
    from exporters.excel_jobs import write_job_status
    from models.job_status import job_status

    _check_suffix(output, ".xlsx", _("Jobstatus"))
    progress(2, _("Læser ansættelser"))
    return _with_store_scan(write_job_status(job_status(as_of), output, progress))


@_damage_is_said
def export_agreements(year: int, output: Path, *, progress: Progress = _no_progress) -> list[str]:
    """Write the agreement comparison of ``year`` as an Excel workbook; return the warnings."""
    from exporters.excel_agreements import write_agreement_comparison
    from models.agreement_comparison import agreement_comparison

    _check_suffix(output, ".xlsx", _("Aftalesammenligningen"))
    progress(2, _("Læser evalueringer"))
    return _with_store_scan(write_agreement_comparison(agreement_comparison(year), output, progress))
