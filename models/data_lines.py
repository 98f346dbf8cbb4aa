"""A data file in the layout export-data writes (exporters/data_file.py: each row on a line of its own) read
as a stream: a first pass checks the layout of every line and reads what lies around the tables; each table's
rows are then read from the file, line by line, as the import goes (a row that is not valid JSON stops the
import there, inside its transaction, so nothing is changed). Memory stays that of one row whatever the size of
the file. A file in any other layout (written by hand or by another program) is read whole, as before."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

from models.errors import StoreError
from models.i18n import _

_TABLE_START = re.compile(rb'^   ("[a-z_]+"): \[$')
_TABLE_END = re.compile(rb"^   \](,?)$")
_ROW = b"    "


class StreamedTable:
    """The rows of one table of a data file, read from the file each time they are iterated."""

    def __init__(self, path: Path, offset: int, count: int) -> None:
        self.path, self.offset, self.count = path, offset, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator:
        with self.path.open("rb") as file:
            file.seek(self.offset)
            for _number in range(self.count):
                line = file.readline().rstrip(b"\r\n")[len(_ROW) :]
                try:
                    yield json.loads(line[:-1] if line.endswith(b",") else line)
                except (ValueError, RecursionError) as error:
                    raise StoreError(
                        _("{name} er ikke en datafil fra Socialøkonomi (ikke gyldig JSON).").format(name=self.path.name)
                    ) from error


def read_streamed(path: Path) -> dict | None:
    """The document of a data file in export-data's layout, its tables as ``StreamedTable``s; None if the
    file is in another layout (or is not valid JSON: the caller's whole read then says why)."""
    skeleton: list[bytes] = []
    tables: dict[str, tuple[int, int]] = {}
    current = None  # (name, offset of the first row, rows, last row ended with a comma)
    offset = 0
    with path.open("rb") as file:
        for raw in file:
            line = raw.rstrip(b"\r\n")
            if offset == 0 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a BOM (Notepad's UTF-8)
            offset += len(raw)
            if current is None:
                start = _TABLE_START.match(line)
                if start:
                    name = json.loads(start.group(1))
                    if name in tables:
                        return None
                    current = [name, offset, 0, False]
                    skeleton.append(line)
                else:
                    skeleton.append(line)
                continue
            end = _TABLE_END.match(line)
            if end:
                if current[3]:
                    return None  # a comma after the last row: not JSON
                tables[current[0]] = (current[1], current[2])
                skeleton.append(b"]" + end.group(1))
                current = None
                continue
            if not line.startswith(_ROW) or (current[2] and not current[3]):
                return None
            value = line[len(_ROW) :]
            current[3] = value.endswith(b",")
            if not (value.startswith(b"{") and value.endswith(b"},") if current[3] else value.endswith(b"}")):
                return None  # each row is one object on its line; its JSON is read as the import goes
            current[2] += 1
    if current is not None or not tables:
        return None
    try:
        document = json.loads(b"\n".join(skeleton))
        holder = document["data"]["tables"]
    except (ValueError, RecursionError, TypeError, KeyError):
        return None
    if not isinstance(holder, dict) or set(holder) != set(tables):
        return None
    for name, (first, count) in tables.items():
        holder[name] = StreamedTable(path, first, count)
    return document
