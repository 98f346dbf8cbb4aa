"""The job status workbook's placement lists are streamed (exporters/xlsx_stream.py): each plain row is kept as
its values in a temporary file and written into the sheet's XML when the workbook is saved, not held as five
cell objects until then. The workbook is the one XlsxWriter writes from cells, byte for byte."""

import datetime as dt
import io
import re
import zipfile

from exporters import xlsx_placements
from exporters.excel_jobs import build_job_status
from exporters.xlsx_stream import StreamedListSheet
from models import editing
from models.enterprises import Enterprise
from models.job_status import job_status
from models.placements import JobPlacement, PlacementType

_WRITTEN_AT = re.compile(r"\d+\. \w+ \d{4} kl\. \d\d\.\d\d")


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: _WRITTEN_AT.sub("(tidspunkt)", archive.read(name).decode("utf-8"))
            for name in archive.namelist()
            if name != "docProps/core.xml"  # its creation time
        }


def test_the_streamed_lists_are_the_workbook_xlsxwriter_writes_from_cells(example_db, monkeypatch):
    kind = PlacementType.select().first()
    long_name = editing.create(Enterprise, name="Et meget langt virksomhedsnavn, der ombrydes i listen ApS")
    for day, hours in ((dt.date(2018, 3, 1), None), (dt.date(2018, 3, 2), 7.25)):
        editing.create(JobPlacement, enterprise=long_name, type=kind, date=day, channel="own", hours_per_week=hours)
    data = job_status(dt.date(2018, 12, 31))
    streamed = io.BytesIO()
    book = build_job_status(data, streamed)
    lists = [ws for ws in book.workbook.worksheets() if isinstance(ws, StreamedListSheet)]
    assert lists and all(ws.streamed_rows for ws in lists)
    for ws in lists:  # the streamed rows were never cells: only the header, the total and the wrapped rows are
        assert len([row for row, cells in ws.table.items() if cells]) < len(ws.streamed_rows)
    monkeypatch.setattr(xlsx_placements, "_streamable", lambda line: False)  # every row as cells
    as_cells = io.BytesIO()
    build_job_status(data, as_cells)
    assert _parts(streamed.getvalue()) == _parts(as_cells.getvalue())
    assert all(ws.written_fast for ws in lists)  # not by the cell writer it falls back to
