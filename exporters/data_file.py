"""The whole store as one data file (JSON, version 2 of docs/data-exchange.md), for moving data between
laptops; written to a temporary name and renamed when complete."""

import json
import os

from exporters.safe_write import write_atomically
from models.data_codec import document, dump_tables


def write_data_file(path: str | os.PathLike) -> dict:
    """Write the store to ``path``; return the document written."""
    written = document(dump_tables())
    text = json.dumps(written, ensure_ascii=False, indent=1)
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
    return written
