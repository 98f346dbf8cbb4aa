"""Records handed to the pages as plain, frozen rows: every column of the record (a foreign key as the id
under its field name and under ``<field>_id``) plus any computed values a query adds. Pages read these; they
never hold a live Peewee record."""

import dataclasses
import functools
from collections.abc import Callable, Iterable

from peewee import ForeignKeyField

from models.base import BaseModel


def _get_id(self) -> int:
    return self.id


@functools.cache
def row_class(model: type[BaseModel], extra: tuple[str, ...] = ()) -> type:
    """The frozen dataclass that stands for a record of ``model`` (named ``<Model>Row``)."""
    names = ["id"]
    for field in model._meta.sorted_fields:
        if field.name == "id":
            continue
        names.append(field.name)
        if isinstance(field, ForeignKeyField):
            names.append(field.name + "_id")
    names += [name for name in extra if name not in names]
    cls = dataclasses.make_dataclass(f"{model.__name__}Row", names, frozen=True, namespace={"get_id": _get_id})
    cls.model_name = model.__name__
    return cls


def as_row(record: BaseModel, **computed: Callable[[BaseModel], object]):
    """One record as its row, with ``computed`` values (name -> function of the record) added."""
    cls = row_class(type(record), tuple(computed))
    values = {}
    for field in type(record)._meta.sorted_fields:
        if isinstance(field, ForeignKeyField):
            value = record.__data__.get(field.name)
            related = record.__rel__.get(field.name)
            if value is None and related is not None:  # read with a join: the related record holds the id
                value = related.get_id()
            values[field.name] = values[field.name + "_id"] = value
        else:
            values[field.name] = getattr(record, field.name)
    values.update((name, function(record)) for name, function in computed.items())
    return cls(**values)


def as_rows(records: Iterable[BaseModel], **computed: Callable[[BaseModel], object]) -> list:
    return [as_row(record, **computed) for record in records]


def get_record(model: type[BaseModel], record_id: int) -> BaseModel:
    """The stored record behind a row, for a command that needs it (deleting it)."""
    return model.get_by_id(record_id)
