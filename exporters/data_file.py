"""The whole store as one data file (JSON, version 2 of docs/data-exchange.md), for moving data between
laptops. Written as a stream, one table at a time and its rows in batches, so memory stays bounded at any
size; to a temporary name, renamed when complete."""

import datetime as dt
import json
import os
from pathlib import Path

from exporters.safe_write import write_atomically
from models.data_codec import FORMAT, VERSION, next_ids, table_rows
from models.schema import ALL_MODELS


def write_data_file(path: str | os.PathLike) -> Path:
    """Write the store to ``path``; return the path written."""

    def write(temporary: Path) -> None:
        exported = dt.datetime.now().isoformat(timespec="seconds")
        with temporary.open("w", encoding="utf-8") as out:
            out.write(
                f'{{"format": {json.dumps(FORMAT)}, "version": {VERSION}, "exported": "{exported}",\n'
                ' "data": {\n  "tables": {'
            )
            for index, model in enumerate(ALL_MODELS):
                out.write(("," if index else "") + f"\n   {json.dumps(model._meta.table_name)}: [")
                for number, row in enumerate(table_rows(model)):
                    out.write(("," if number else "") + "\n    " + json.dumps(row, ensure_ascii=False))
                out.write("\n   ]")
            out.write("\n  },\n  " + f'"next_ids": {json.dumps(next_ids())}\n }}\n}}\n')

    return write_atomically(path, write)
