"""The whole store as one data file (JSON, documented in docs/data-exchange.md), for moving data between
laptops; written to a temporary name and renamed when complete."""

import datetime as dt
import json
import os

from exporters.safe_write import write_atomically
from models.data_import import FORMAT, VERSION
from models.dataset_dump import dump_dataset


def write_data_file(path: str | os.PathLike) -> dict:
    """Write the store to ``path``; return the document written."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": dt.datetime.now().isoformat(timespec="seconds"),
        "data": dump_dataset(),
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
    return document
