"""Running the exports: build the data from the store, draw the charts, write the file. Shared by the
command line and the window's background task."""

from pathlib import Path

from exporters.word_report import WordOptions, write_report
from models.errors import ExportError
from models.i18n import _
from models.report_data import Progress, build_report


def _no_progress(_percent: int, _text: str) -> None:
    return None


def export_report(
    year: int, output: Path, *, template: Path | None = None, progress: Progress = _no_progress
) -> list[str]:
    """Write the annual report of ``year`` to ``output``; return the warnings to show the user."""
    from views.charts import render_charts

    if template is not None and not Path(template).is_file():
        raise ExportError(_("Skabelonen {path} findes ikke.").format(path=template))
    if Path(output).suffix.lower() != ".docx":
        raise ExportError(_("Årsrapporten skrives som et Word-dokument; giv filen endelsen .docx."))
    data = build_report(year, progress)
    progress(86, _("Tegner grafer"))
    charts = render_charts(data.charts)
    return write_report(data, output, WordOptions(template=template, charts=charts), progress)
