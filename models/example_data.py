"""Loading the example dataset (the Slagelse 2018 report as data) through the one importer, in one
transaction, as one entry in the audit trail.

The dataset lives in ``resources/example/`` (documented in docs/example-data.md) in the data file's readable
version 1 form. It is the only place where the seed report's figures are written; everything the
application shows is derived from it.
"""

import json
from importlib import resources

from models.changes import ChangeSet
from models.errors import StoreError
from models.i18n import _
from models.store import is_empty

FILES = ("enterprises.json", "activity.json", "report_texts.json")


def read_dataset() -> dict[str, dict]:
    """The three JSON files of the example dataset, by file name."""
    folder = resources.files("resources") / "example"
    return {name: json.loads((folder / name).read_text(encoding="utf-8")) for name in FILES}


def example_document() -> dict:
    from models.data_codec import FORMAT

    return {"format": FORMAT, "version": 1, "data": read_dataset()}


def load_example() -> ChangeSet:
    """Load the example dataset into the bound, empty store. Refuses a store that already holds data."""
    from models.data_import import import_data

    if not is_empty():
        raise StoreError(_("Databasen indeholder allerede data. Eksempeldata indlæses kun i en tom database."))
    report = import_data(
        example_document(), apply=True, source=_("Eksempeldata (Slagelse 2018)"), action="load-example"
    )
    if not report.applied:  # pragma: no cover - the shipped dataset is tested to load
        raise StoreError(_("Eksempeldata kunne ikke indlæses: {why}").format(why="; ".join(report.invalid[:3])))
    return report.changes
