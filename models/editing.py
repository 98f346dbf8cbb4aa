"""Edits as the window makes them: create, change fields, delete, and put a deleted record back.

Each call runs in its own transaction and is committed at once. ``delete`` returns a snapshot of every
row it removed (the record, its own parts and, with the cascade, what referred to it), from which
``restore`` puts them back with their ids, so a delete can be undone exactly.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal

import peewee

from models.base import BaseModel, database_proxy
from models.deletion import delete_record
from models.errors import ValidationError
from models.i18n import _
from models.schema import ALL_MODELS
from models.year_locks import check_unlocked


@dataclass(frozen=True)
class Snapshot:
    """Rows as they were, parents before children: (model class, column values by field name)."""

    rows: tuple[tuple[type[BaseModel], dict], ...]


def _duplicate(model: type[BaseModel], error: peewee.IntegrityError) -> ValidationError:
    """A Danish message for a UNIQUE constraint that an edit ran into."""
    match = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", str(error))
    columns = [c.split(".")[-1] for c in match.group(1).split(", ")] if match else []
    field = next((c for c in columns if c not in ("enterprise_id", "report_year_id", "paradigm_id")), "")
    field = field.removesuffix("_id")
    if field == "cvr":
        return ValidationError(field, _("CVR-nummeret er allerede registreret på en anden virksomhed."))
    if field == "name":
        return ValidationError(field, _("Navnet er allerede brugt af en anden {label}.").format(label=model.label))
    return ValidationError(field, _("Der findes allerede en {label} med samme værdi.").format(label=model.label))


def ensure_writable() -> None:
    """Raise a ``ValidationError`` the forms can show if the store was opened read-only."""
    from models.store import is_read_only

    if is_read_only():
        raise ValidationError(
            "",
            _(
                "Databasen er åbnet skrivebeskyttet, så ændringen er ikke gemt. Flyt filen til "
                "en mappe, du kan skrive i, eller fjern skrivebeskyttelsen."
            ),
        )


def _raw_values(values: dict) -> dict:
    return {k: (v.get_id() if isinstance(v, BaseModel) else v) for k, v in values.items()}


def _text(value) -> str | None:
    if value is None:
        return None
    return str(value.get_id() if isinstance(value, BaseModel) else value)


def _audit(action: str, model: type[BaseModel], record_id, name: str = "", field: str = "", old=None, new=None) -> None:
    from models.history import AuditEntry

    AuditEntry.create(
        action=action,
        model=model.__name__,
        record_id=record_id,
        record=name[:300],
        field=field,
        old=_text(old),
        new=_text(new),
    )


def create(model: type[BaseModel], **values) -> BaseModel:
    """Validate and store a new record."""
    ensure_writable()
    check_unlocked(model.__name__, _raw_values(values))
    try:
        with database_proxy.atomic():
            record = model.create(**values)
            _audit("create", model, record.get_id(), _name(record))
            return record
    except peewee.IntegrityError as error:
        raise _duplicate(model, error) from error


def _name(record: BaseModel) -> str:
    try:
        return record.display_name()
    except peewee.DoesNotExist:
        return ""


def update(model: type[BaseModel], record_id: int, changes: dict) -> dict:
    """Validate and store ``changes`` to one record; return the old values of the changed fields.
    Nothing is stored if a value is invalid."""
    ensure_writable()
    record = model.get_by_id(record_id)
    check_unlocked(model.__name__, dict(record.__data__), {**record.__data__, **_raw_values(changes)})
    old = {name: getattr(record, name) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    try:
        with database_proxy.atomic():
            record.save(only=[model._meta.fields[name] for name in changes])
            for name in changes:
                if _raw(old[name]) != _raw(getattr(record, name)):
                    _audit(
                        "change", model, record_id, _name(record), name, _raw(old[name]), _raw(getattr(record, name))
                    )
    except peewee.IntegrityError as error:
        raise _duplicate(model, error) from error
    return {name: _raw(old[name]) for name in changes}


def _raw(value):
    return value.get_id() if isinstance(value, BaseModel) else value


def _collect(record: BaseModel, rows: list, seen: set) -> None:
    key = (type(record), record.get_id())
    if key in seen:
        return
    seen.add(key)
    rows.append((type(record), dict(record.__data__)))
    for fk in type(record)._meta.backrefs:
        if fk.on_delete == "SET NULL":
            continue
        for child in fk.model.select().where(fk == record.get_id()):
            _collect(child, rows, seen)


def snapshot(record: BaseModel) -> Snapshot:
    """The record and everything that refers to it, recursively, as rows."""
    rows: list = []
    _collect(record, rows, set())
    return Snapshot(tuple(rows))


def delete(record: BaseModel, *, cascade: bool = False, to_trash: bool = True) -> Snapshot:
    """Delete ``record`` (see ``models.deletion``) and return what was removed, for undo; with ``to_trash``
    the removed rows also go to the trash. The rows that a SET NULL reference kept are recorded too, so
    restoring puts the reference back."""
    from models.history import TrashItem

    ensure_writable()
    with database_proxy.atomic():
        before = snapshot(record)
        for model, data in before.rows:
            check_unlocked(model.__name__, data)
        name = _name(record)
        nulled = _set_null_referrers(record)
        delete_record(record, cascade=cascade)
        removed = tuple(row for row in before.rows if _gone(*row))
        shot = Snapshot(removed + nulled)
        for model, data in removed:
            _audit("delete", model, data[model._meta.primary_key.name], name if model is type(record) else "")
        if to_trash:
            TrashItem.create(
                model=type(record).__name__,
                record_id=record.get_id(),
                description=f"{record.label.capitalize()}: {name}",
                rows=serialize(shot),
            )
    return shot


def serialize(shot: Snapshot) -> str:
    """A snapshot as JSON (dates, decimals and times as text)."""

    def plain(value):
        return str(value) if isinstance(value, dt.date | dt.datetime | Decimal) else value

    return json.dumps(
        [[model.__name__, {k: plain(v) for k, v in data.items()}] for model, data in shot.rows], ensure_ascii=False
    )


def deserialize(text: str) -> Snapshot:
    by_name = {model.__name__: model for model in ALL_MODELS}
    rows = []
    for name, data in json.loads(text):
        model = by_name[name]
        rows.append(
            (
                model,
                {k: model._meta.fields[k].python_value(v) if k in model._meta.fields else v for k, v in data.items()},
            )
        )
    return Snapshot(tuple(rows))


def _set_null_referrers(record: BaseModel) -> tuple:
    rows = []
    for fk in type(record)._meta.backrefs:
        if fk.on_delete == "SET NULL":
            rows += [(fk.model, dict(r.__data__)) for r in fk.model.select().where(fk == record.get_id())]
    return tuple(rows)


def _gone(model: type[BaseModel], data: dict) -> bool:
    return not model.select().where(model._meta.primary_key == data[model._meta.primary_key.name]).exists()


def restore(shot: Snapshot) -> None:
    """Put the rows of a snapshot back, parents first, with their ids; rows still present are updated."""
    from models.history import TrashItem

    ensure_writable()
    order = {model: index for index, model in enumerate(ALL_MODELS)}
    for model, data in shot.rows:
        check_unlocked(model.__name__, data)
    with database_proxy.atomic():
        if shot.rows:
            top_model, top = shot.rows[0]
            top_id = top[top_model._meta.primary_key.name]
            TrashItem.delete().where(
                (TrashItem.model == top_model.__name__) & (TrashItem.record_id == top_id)
            ).execute()
            _audit("restore", top_model, top_id)
        for model, data in sorted(shot.rows, key=lambda row: order[row[0]]):
            pk = model._meta.primary_key.name
            if model.select().where(model._meta.primary_key == data[pk]).exists():
                model.update(**{k: v for k, v in data.items() if k != pk}).where(
                    model._meta.primary_key == data[pk]
                ).execute()
            else:
                model.insert(**data).execute()


def validate_value(model: type[BaseModel], record_id: int | None, name: str, value) -> None:
    """Raise ``ValidationError`` if ``value`` may not be stored in field ``name`` (checked on a copy)."""
    record = model.get_by_id(record_id) if record_id is not None else model()
    setattr(record, name, value)
    try:
        record.validate()
    except ValidationError as error:
        if error.field == name:
            raise
