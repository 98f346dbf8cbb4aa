"""The data file loses nothing: a database in which every column of every table holds a value other than its
default (generated from the models' own field lists, so a new column is covered the day it is added) is
exported, imported into an empty database and compared table by table, row by row."""

import datetime as dt
import json
from decimal import Decimal

from peewee import BooleanField, DateField, DateTimeField, DecimalField, ForeignKeyField, IntegerField, TextField

from exporters.data_file import write_data_file
from models.base import IdField, database_proxy
from models.data_import import import_data
from models.history import AuditEntry
from models.schema import ALL_MODELS
from models.store import close_database, open_database

# Columns whose values are constrained: a valid value other than the default.
SPECIAL = {
    ("Enterprise", "kind"): "initiative",
    ("Enterprise", "cvr"): "25313763",
    ("Enterprise", "employees_qualifier"): "over",
    ("Enterprise", "closed"): dt.date(2020, 1, 1),
    ("Registration", "status"): "working",
    ("JobPlacement", "channel"): "own",
    ("JobPlacement", "hours_per_week"): Decimal("7.25"),
    ("ProgressionStep", "hours_per_week"): Decimal("12.75"),
    ("ProgressionStep", "intensity_pct"): 80,
    ("NetworkMeeting", "status"): "planned",
    ("Goal", "measure"): "jobs_jobcenter_year",
    ("Grant", "covers_until_year"): 2020,
    ("Grant", "year"): 2019,
    ("EnterpriseText", "year"): 2019,
    ("ReportYear", "year"): 2019,
    ("YearLock", "year"): 2017,
    ("InitiativeMembership", "left"): dt.date(2020, 1, 1),
    ("Agreement", "end"): dt.date(2020, 1, 1),
    ("AuditEntry", "action"): "change",
}


def _value(model, field, n: int):
    special = SPECIAL.get((model.__name__, field.name))
    if special is not None:
        return special
    if isinstance(field, BooleanField):
        return not field.default if field.default is not None else True
    if isinstance(field, DateTimeField):
        return dt.datetime(2019, 3, 4, 5, 6, 7)
    if isinstance(field, DateField):
        return dt.date(2019, 1, 2)
    if isinstance(field, DecimalField):
        return Decimal("1.25")
    if isinstance(field, IntegerField):
        return 3 + n
    if isinstance(field, TextField):
        return f"{field.name[:8]} {n}"
    raise AssertionError(f"no value for {model.__name__}.{field.name}")  # a new kind of column: add it here


# Tables where no single valid row can hold every column off its default: one row per override.
ROWS = {"OutcomeCategory": [{"is_stopped": False}, {"is_good": False, "name": "Stoppet"}]}


def _fill_every_column() -> None:
    ids: dict = {}
    for model in ALL_MODELS:
        differs = set()
        for overrides in ROWS.get(model.__name__, [{}]):
            values = {}
            for field in model._meta.sorted_fields:
                if isinstance(field, IdField):
                    continue
                if isinstance(field, ForeignKeyField):
                    values[field.name] = ids[field.rel_model]
                else:
                    values[field.name] = overrides.get(field.name, _value(model, field, len(ids)))
                default = field.default() if callable(field.default) else field.default
                if values[field.name] != default:
                    differs.add(field.name)
            record = model(**values)
            record.validate()
            record.save(force_insert=True)
            ids[model] = record.get_id()
        columns = {f.name for f in model._meta.sorted_fields if not isinstance(f, IdField | ForeignKeyField)}
        assert columns <= differs, (model.__name__, columns - differs)


def _tables() -> dict:
    return {m.__name__: list(m.select().order_by(m._meta.primary_key).tuples()) for m in ALL_MODELS}


def test_every_column_of_every_table_survives_export_and_import(tmp_path):
    open_database(tmp_path / "kilde.sqlite")
    _fill_every_column()
    database_proxy.execute_sql("UPDATE sqlite_sequence SET seq = seq + 5 WHERE name = 'enterprise'")
    source_tables = _tables()
    first = json.loads(write_data_file(tmp_path / "data.json").read_text(encoding="utf-8"))
    assert all(rows for rows in source_tables.values())
    close_database()

    open_database(tmp_path / "kopi.sqlite")
    report = import_data(json.loads((tmp_path / "data.json").read_text(encoding="utf-8")), apply=True)
    assert report.applied, report.lines()
    copied = _tables()
    import_entry = copied["AuditEntry"].pop()  # the import itself is recorded in the copy
    assert import_entry[AuditEntry._meta.sorted_field_names.index("action")] == "import"
    assert copied == source_tables
    second = json.loads(write_data_file(tmp_path / "igen.json").read_text(encoding="utf-8"))
    second["data"]["tables"]["audit_entry"].pop()
    assert second["data"]["tables"] == first["data"]["tables"]
    assert second["data"]["next_ids"]["enterprise"] == first["data"]["next_ids"]["enterprise"]
    close_database()
