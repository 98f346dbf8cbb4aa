"""A worksheet whose long list of plain rows is streamed: each row is reduced to its values (a date, shared
strings, a number) as it is added, kept in a temporary file, and written into the sheet's XML when the
workbook is saved. XlsxWriter otherwise holds every cell as an object until then and writes each through its
general cell writer (half a million cells for the job status at national size: most of the export's time and
memory). Rows that need more (a height of their own, a wrapped format) are written as ordinary cells; the
header and total row of the list's Excel table too. The XML is XlsxWriter's own: the first streamed row is also
written by XlsxWriter's writer, and if the two differ every row is written that way."""

import datetime as dt
import io
import tempfile

from exporters.xlsx_common import _Worksheet

_SPANS = "1:5"  # every streamed row fills columns A-E (the list's five columns)


class StreamedListSheet(_Worksheet):
    def _initialize(self, init_data) -> None:
        super()._initialize(init_data)
        self.streamed_rows: list[int] = []
        self.streamed_file = None
        self.streamed_formats = None  # (date, text, hours) formats of every streamed row
        self._serials: dict[dt.date, str] = {}
        self.written_fast = False  # whether the rows were written by the fast writer (it gave XlsxWriter's XML)

    def stream_row(self, row: int, day: dt.date, texts: tuple[str, str, str], hours, formats) -> None:
        """Row ``row``: ``day`` in A, the three texts (already checked) as shared strings in B-D, ``hours``
        (None: an empty cell with its format) in E. ``formats`` are the (date, text, hours) formats."""
        if self.streamed_file is None:
            self.streamed_file = tempfile.TemporaryFile("w+", encoding="utf-8")
            self.streamed_formats = formats
            self._check_dimensions(row, 0)  # the first column; the rows and the last column below
        elif formats != self.streamed_formats:
            raise ValueError("every streamed row has the same formats")
        self._check_dimensions(row, 4)
        serial = self._serials.get(day)
        if serial is None:
            serial = self._serials[day] = f"{self._convert_date_time(dt.datetime.combine(day, dt.time())):.16G}"
        index, limit = self.str_table._get_shared_string_index, self.xls_strmax
        b, c, d = (index(text[:limit]) for text in texts)  # in column order, as cells would add them
        number = "" if hours is None else f"{hours:.16G}"
        self.streamed_file.write(f"{serial}\t{b}\t{c}\t{d}\t{number}\n")
        self.streamed_rows.append(row)

    def _standard_row(self, row: int, fields: list[str]) -> str:
        """The row as XlsxWriter writes it (cell objects through its own writer)."""
        from xlsxwriter.worksheet import CellBlankTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple

        date_format, text_format, hours_format = self.streamed_formats
        cells = [CellDatetimeTuple(float(fields[0]), date_format)]
        cells += [CellStringTuple(int(index), text_format) for index in fields[1:4]]
        hours = float(fields[4]) if fields[4] else None  # the hours are floats: .16G of a float reads back the same
        cells.append(CellBlankTuple(hours_format) if hours is None else CellNumberTuple(hours, hours_format))
        keep, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(row, _SPANS)
            for col, cell in enumerate(cells):
                self._write_cell(row, col, cell)
            self._xml_end_tag("row")
            return self.fh.getvalue()
        finally:
            self.fh = keep

    def _write_rows(self) -> None:
        if not self.streamed_rows:
            super()._write_rows()
            return
        streamed = set(self.streamed_rows)
        if streamed & (set(self.row_info) | set(self.comments) | {r for r, cells in self.table.items() if cells}):
            raise ValueError("a streamed row was also written as cells")
        self.streamed_file.seek(0)
        fast = None
        self._calculate_spans()
        for block in {int(row / 16) for row in streamed}:  # a streamed row fills A-E, as wide as the sheet
            self.row_spans[block] = _SPANS
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            if row_num in streamed:
                fields = self.streamed_file.readline().rstrip("\n").split("\t")
                if fast is None:  # the first: XlsxWriter's own writer decides what the fast one must give
                    standard = self._standard_row(row_num, fields)
                    fast = self._fast_template(row_num)
                    if fast is not None and self._fast(fast, row_num, fields) != standard:
                        fast = False
                    self.fh.write(standard)
                    continue
                if fast:
                    self.fh.write(self._fast(fast, row_num, fields))
                else:
                    self.fh.write(self._standard_row(row_num, fields))
                continue
            self._write_standard(row_num)
        self.streamed_file.close()
        self.written_fast = bool(fast)

    def _fast_template(self, row: int):
        keep, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(row, _SPANS)
            opening = self.fh.getvalue()
        finally:
            self.fh = keep
        head = f'<row r="{row + 1}"'
        if not opening.startswith(head):
            return None
        date_format, text_format, hours_format = self.streamed_formats
        return (
            opening[len(head) :],
            date_format._get_xf_index(),
            text_format._get_xf_index(),
            hours_format._get_xf_index(),
        )

    @staticmethod
    def _fast(template, row: int, fields: list[str]) -> str:
        tail, date_xf, text_xf, hours_xf = template
        r = row + 1
        hours = f'<c r="E{r}" s="{hours_xf}"><v>{fields[4]}</v></c>' if fields[4] else f'<c r="E{r}" s="{hours_xf}"/>'
        return (
            f'<row r="{r}"{tail}<c r="A{r}" s="{date_xf}"><v>{fields[0]}</v></c>'
            f'<c r="B{r}" s="{text_xf}" t="s"><v>{fields[1]}</v></c>'
            f'<c r="C{r}" s="{text_xf}" t="s"><v>{fields[2]}</v></c>'
            f'<c r="D{r}" s="{text_xf}" t="s"><v>{fields[3]}</v></c>{hours}</row>'
        )

    def _write_standard(self, row_num: int) -> None:
        """One row that is not streamed, as XlsxWriter's ``_write_rows`` writes it."""
        span = self.row_spans.get(int(row_num / 16))
        if self.table[row_num]:
            if row_num not in self.row_info:
                self._write_row(row_num, span)
            else:
                self._write_row(row_num, span, self.row_info[row_num])
            for col_num in range(self.dim_colmin, self.dim_colmax + 1):
                if col_num in self.table[row_num]:
                    self._write_cell(row_num, col_num, self.table[row_num][col_num])
            self._xml_end_tag("row")
        elif row_num in self.row_info or row_num in self.comments:
            self._write_empty_row(row_num, span, self.row_info.get(row_num))
