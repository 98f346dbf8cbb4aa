"""The command layer: every change to the store goes through here (or through ``run_bulk`` for an import,
a paste, a year copy), which checks read-only, year locks and validation, writes the audit trail and
commits at once.

``delete`` returns a snapshot of every row it removed (the record, its own parts and, with the cascade, what
referred to it), from which ``restore`` puts them back with their ids, so a delete can be undone exactly.
Ids are never handed out twice (AUTOINCREMENT), so a restored record never lands on another; if anything
stands in the way (a name taken since), ``restore`` says so and restores nothing.
"""

import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import peewee

from models.base import BaseModel, database_proxy
from models.changes import ChangeSet
from models.deletion import delete_record
from models.errors import StoreError, ValidationError
from models.i18n import _
from models.personal_data import check_record_texts
from models.record_versions import stale_error
from models.schema import ALL_MODELS
from models.year_locks import check_unlocked


@dataclass(frozen=True)
class Snapshot:
    """Rows as they were, parents before children: (model class, column values by field name). ``relinks``
    are the rows that stayed but lost a reference to a removed row (ON DELETE SET NULL): (model class, id,
    field name, the id it referred to)."""

    rows: tuple[tuple[type[BaseModel], dict], ...]
    relinks: tuple[tuple[type[BaseModel], int, str, int], ...] = ()

    def changes(self, kind: str) -> ChangeSet:
        pairs = [(model.__name__, data[model._meta.primary_key.name]) for model, data in self.rows]
        relinked = ChangeSet.from_rows("changed", [(model.__name__, rid) for model, rid, _f, _v in self.relinks])
        return ChangeSet.from_rows(kind, pairs) + relinked


@contextlib.contextmanager
def store_errors(what: str) -> Iterator[None]:
    """Turn the store's expected failures (full disk, read-only file, locked, damaged) into a ``StoreError``
    with a Danish message; SQLite has rolled the transaction back, so nothing was changed."""
    try:
        yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.OperationalError, sqlite3.DatabaseError) as error:
        if isinstance(error, peewee.IntegrityError | sqlite3.IntegrityError):
            raise
        text = str(error).lower()
        if "full" in text or "no such savepoint" in text or "cannot rollback" in text or "disk i/o" in text:
            reason = _("disken er fuld, eller filen kan ikke skrives")
        elif "readonly" in text or "read-only" in text:
            reason = _("databasen er skrivebeskyttet")
        elif "permission denied" in text:  # PostgreSQL: the role may not write this table
            reason = _("din bruger på databaseserveren må ikke ændre databasen")
        elif "deadlock" in text or "could not serialize" in text:
            reason = _("en kollega ændrede det samme i samme øjeblik; prøv igen")
        elif "connection" in text or "server closed" in text or "terminat" in text:
            reason = _("forbindelsen til databaseserveren er afbrudt")
        elif "locked" in text or "busy" in text:
            reason = _("databasen er optaget af et andet program")
        elif "malformed" in text or "corrupt" in text:
            reason = _("databasen er beskadiget")
        else:
            reason = str(error)
        with contextlib.suppress(Exception):
            database_proxy.rollback()
        raise StoreError(
            _("{what} kunne ikke gemmes: {reason}. Intet er ændret.").format(what=what, reason=reason)
        ) from error


def duplicate_message(model: type[BaseModel], error: peewee.IntegrityError) -> ValidationError:
    """A Danish message for a constraint that an edit ran into: a value already used (UNIQUE), a reference to a
    record that is gone (FOREIGN KEY), a value the table does not allow (CHECK, NOT NULL)."""
    text = str(error)
    if "FOREIGN KEY" in text.upper():
        return ValidationError(
            "", _("{kind} henviser til en post, der ikke findes (længere).").format(kind=model.label.capitalize())
        )
    if "CHECK" in text.upper() or "NOT NULL" in text.upper() or "NOT-NULL" in text.upper():
        return ValidationError("", _("{kind} har en værdi, der ikke er tilladt.").format(kind=model.label.capitalize()))
    match = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", text)  # SQLite
    match = match or re.search(r"Key \(([^)]*)\)=", text)  # PostgreSQL: Key (name)=(...) already exists
    columns = [c.strip().strip('"').split(".")[-1] for c in match.group(1).split(", ")] if match else []
    field = next((c for c in columns if c not in ("enterprise_id", "report_year_id", "paradigm_id")), "")
    field = field.removesuffix("_id")
    if field == "cvr":
        return ValidationError(field, _("CVR-nummeret er allerede registreret på en anden virksomhed."))
    if field == "name":
        return ValidationError(field, _("Navnet er allerede brugt af en anden {label}.").format(label=model.label))
    return ValidationError(
        field, _("Der findes allerede en post af typen «{label}» med samme værdi.").format(label=model.label)
    )


def ensure_writable() -> None:
    """Raise a ``ValidationError`` the forms can show if the store was opened read-only."""
    from models.store import is_read_only

    if getattr(database_proxy.obj, "checking", False):
        raise ValidationError("", _("Databasen kontrolleres lige nu. Vent et øjeblik, og prøv så igen."))
    if is_read_only():
        from models.engine import is_server

        if is_server():
            raise ValidationError(
                "",
                _(
                    "Databasen er skrivebeskyttet for dig: din bruger på databaseserveren må kun læse, så "
                    "ændringen er ikke gemt. Bed serverens administrator om en bruger, der må redigere."
                ),
            )
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


def audit_bulk(action: str, record: str, summary: str) -> None:
    """One entry in the audit trail for an operation on many records (an import, a paste, a year copy)."""
    from models.history import AuditEntry

    AuditEntry.create(action=action, model="", record_id=None, record=record[:300], new=summary)


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
        with store_errors(_("Ændringen")), database_proxy.atomic():
            record = model.create(**values)
            _audit("create", model, record.get_id(), _name(record))
            return record
    except peewee.IntegrityError as error:
        raise duplicate_message(model, error) from error


def get_record(model: type[BaseModel], record_id: int) -> BaseModel:
    """The record, or a ``StoreError`` saying it is gone (deleted in another step since)."""
    record = model.get_or_none(model._meta.primary_key == record_id)
    if record is None:
        raise StoreError(
            _("{kind} findes ikke længere, så trinnet kan ikke gennemføres. Intet er ændret.").format(
                kind=model.label.capitalize()
            )
        )
    return record


def add_checked(model: type[BaseModel], values: dict | None = None, **fields) -> BaseModel:
    """Add one record inside a bulk command (``run_bulk``): checked for the year lock and validated like every
    edit; the bulk command writes the one audit entry for all of them."""
    values = {**(values or {}), **fields}
    check_unlocked(model.__name__, _raw_values(values))
    try:
        with database_proxy.atomic():
            return model.create(**values)
    except peewee.IntegrityError as error:
        raise duplicate_message(model, error) from error


def _name(record: BaseModel) -> str:
    try:
        return record.display_name()
    except peewee.DoesNotExist:
        return ""


def update(model: type[BaseModel], record_id: int, changes: dict, *, version: int | None = None) -> dict:
    """Validate and store ``changes`` to one record; return the old values of the changed fields.
    Nothing is stored if a value is invalid, or (``StaleRecordError``) if the record is no longer at
    ``version``, the row version the caller read: a colleague saved it since."""
    return save_changes(model, record_id, changes, version=version)[0]


def save_changes(
    model: type[BaseModel], record_id: int, changes: dict, *, version: int | None = None
) -> tuple[dict, int]:
    """``update``, also returning the record's new row version. The row is written with ``WHERE id = ? AND
    row_version = ?``, so of two saves based on the same version only the first is stored, whatever the
    timing; without ``version`` the version read here is the one checked."""
    ensure_writable()
    pk = model._meta.primary_key
    record = model.get_or_none(pk == record_id)
    if record is None:
        raise stale_error(model, record_id, None)
    expected = record.row_version if version is None else version
    if record.row_version != expected:
        raise stale_error(model, record_id, record)
    check_unlocked(model.__name__, dict(record.__data__), {**record.__data__, **_raw_values(changes)})
    old = {name: getattr(record, name) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    record.validate()
    check_record_texts(model, record.__data__, only=set(changes))  # the CPR guard, as a save does
    values = {model._meta.fields[name]: record.__data__.get(name) for name in changes}
    values[model.row_version] = model.row_version + 1
    try:
        with store_errors(_("Ændringen")), database_proxy.atomic():
            stored = model.update(values).where((pk == record_id) & (model.row_version == expected)).execute()
            if not stored:  # saved (or deleted) by someone else between our read and our write
                raise _Stale
            for name in changes:
                if _raw(old[name]) != _raw(getattr(record, name)):
                    _audit(
                        "change", model, record_id, _name(record), name, _raw(old[name]), _raw(getattr(record, name))
                    )
    except _Stale:
        raise stale_error(model, record_id, model.get_or_none(pk == record_id)) from None
    except peewee.IntegrityError as error:
        raise duplicate_message(model, error) from error
    return {name: _raw(old[name]) for name in changes}, expected + 1


class _Stale(Exception):
    pass


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

    ensure_writable()
    try:
        return _delete(record, cascade=cascade, to_trash=to_trash)
    except peewee.IntegrityError as error:  # a colleague added a record to it (a grant) meanwhile: atomic undid it
        raise StoreError(
            _(
                "Sletningen kunne ikke gemmes: en kollega har netop tilføjet noget til «{name}». Intet er ændret; "
                "prøv igen."
            ).format(name=_name(record))
        ) from error


def _delete(record: BaseModel, *, cascade: bool, to_trash: bool) -> Snapshot:
    from models.history import TrashItem

    with store_errors(_("Sletningen")), database_proxy.atomic():
        before = snapshot(record)
        for model, data in before.rows:
            check_unlocked(model.__name__, data)
        name = _name(record)
        relinks = _set_null_referrers(record)
        for model, record_id, field, _value in relinks:  # a reference set to nothing changes that record too
            referrer = dict(model.get_by_id(record_id).__data__)
            check_unlocked(model.__name__, referrer, {**referrer, field: None})
        delete_record(record, cascade=cascade)
        removed = tuple(row for row in before.rows if _gone(*row))
        shot = Snapshot(removed, relinks)
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


def _plain(value):
    return str(value) if isinstance(value, dt.date | dt.datetime | Decimal) else value


def serialize(shot: Snapshot) -> str:
    """A snapshot as JSON (dates, decimals and times as text)."""
    return json.dumps(
        {
            "rows": [[model.__name__, {k: _plain(v) for k, v in data.items()}] for model, data in shot.rows],
            "relinks": [[model.__name__, rid, field, value] for model, rid, field, value in shot.relinks],
        },
        ensure_ascii=False,
    )


def deserialize(text: str) -> Snapshot:
    """The snapshot of a trash item. Items written before relinks were kept apart (a plain list of rows) are
    read too: a row of theirs that still exists is a relink of its SET NULL references."""
    try:
        return _deserialize(text)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StoreError(_("Posten i papirkurven kan ikke læses; den kan ikke gendannes.")) from error


def _deserialize(text: str) -> Snapshot:
    by_name = {model.__name__: model for model in ALL_MODELS}
    document = json.loads(text)
    old_format = isinstance(document, list)
    raw_rows = document if old_format else document.get("rows", [])
    rows, relinks = [], []
    for name, data in raw_rows:
        model = by_name[name]
        values = {k: model._meta.fields[k].python_value(v) for k, v in data.items() if k in model._meta.fields}
        pk = model._meta.primary_key.name
        existing = model.get_or_none(model._meta.primary_key == values[pk]) if old_format else None
        set_null = [fk for fk in model._meta.refs if fk.on_delete == "SET NULL" and values.get(fk.name) is not None]
        if existing is not None and set_null and _same_but(existing, values, {fk.name for fk in set_null}):
            # the row stayed when its reference was deleted: put the reference back
            relinks += [(model, values[pk], fk.name, values[fk.name]) for fk in set_null]
            continue
        rows.append((model, values))  # a row whose id another record has taken since is refused by restore
    if not old_format:
        relinks = [(by_name[m], rid, field, value) for m, rid, field, value in document.get("relinks", [])]
    return Snapshot(tuple(rows), tuple(relinks))


def _same_but(record: BaseModel, values: dict, nulled: set[str]) -> bool:
    return all(
        record.__data__.get(name) is None if name in nulled else record.__data__.get(name) == value
        for name, value in values.items()
    )


def _set_null_referrers(record: BaseModel) -> tuple:
    relinks = []
    for fk in type(record)._meta.backrefs:
        if fk.on_delete == "SET NULL":
            for referrer in fk.model.select(fk.model._meta.primary_key).where(fk == record.get_id()):
                relinks.append((fk.model, referrer.get_id(), fk.name, record.get_id()))
    return tuple(relinks)


def _gone(model: type[BaseModel], data: dict) -> bool:
    return not model.select().where(model._meta.primary_key == data[model._meta.primary_key.name]).exists()


def _blocked(shot: Snapshot) -> str | None:
    """Why the snapshot cannot be put back (a row with one of its ids exists), or None."""
    for model, data in shot.rows:
        pk = model._meta.primary_key
        existing = model.get_or_none(pk == data[pk.name])
        if existing is not None:
            return _(
                "{kind} «{name}» kan ikke gendannes, fordi en anden post nu har samme nummer i databasen. "
                "Intet er gendannet."
            ).format(kind=model.label.capitalize(), name=_name(existing))
    return None


def restore(shot: Snapshot, *, description: str = "") -> ChangeSet:
    """Put the rows of a snapshot back, parents first, with their ids; never over a row that exists. If any
    row cannot be put back (its id or its name is taken since), nothing is restored and ``StoreError`` says
    why. Relinks are restored where the row still exists and refers to nothing."""
    from models.history import TrashItem

    ensure_writable()
    order = {model: index for index, model in enumerate(ALL_MODELS)}
    if not shot.rows and not shot.relinks:
        raise StoreError(_("Der er intet at gendanne."))
    for model, data in shot.rows:
        check_unlocked(model.__name__, data)
        try:  # a snapshot is checked like every edit (it may come from another database's file)
            model(**data).validate()
            check_record_texts(model, data)
        except ValidationError as error:
            raise StoreError(
                _("{kind} kan ikke gendannes: {message} Intet er gendannet.").format(
                    kind=model.label.capitalize(), message=error.message
                )
            ) from error
    blocked = _blocked(shot)
    if blocked:
        raise StoreError(blocked)
    try:
        with store_errors(_("Gendannelsen")), database_proxy.atomic():
            if shot.rows:
                top_model, top = shot.rows[0]
                top_id = top[top_model._meta.primary_key.name]
                TrashItem.delete().where(
                    (TrashItem.model == top_model.__name__) & (TrashItem.record_id == top_id)
                ).execute()
                _audit("restore", top_model, top_id, description[:300])
            for model, data in sorted(shot.rows, key=lambda row: order[row[0]]):
                model.insert(**data).execute()
            relinked = []
            for model, record_id, field, value in shot.relinks:
                column = model._meta.fields[field]
                if (
                    model.update({column: value})
                    .where((model._meta.primary_key == record_id) & column.is_null())
                    .execute()
                ):
                    relinked.append((model.__name__, record_id))
    except peewee.IntegrityError as error:
        model = shot.rows[0][0] if shot.rows else BaseModel
        message = duplicate_message(model, error).message
        raise StoreError(_("{message} Intet er gendannet.").format(message=message)) from error
    return ChangeSet.from_rows(
        "added", [(model.__name__, data[model._meta.primary_key.name]) for model, data in shot.rows]
    ) + ChangeSet.from_rows("changed", relinked)


def restore_from_trash(item_id: int) -> ChangeSet:
    """Put a deleted record back from the trash with everything that went with it."""
    from models.history import TrashItem

    item = TrashItem.get_or_none(TrashItem.id == item_id)
    if item is None:
        raise StoreError(_("Posten er ikke længere i papirkurven."))
    return restore(deserialize(item.rows), description=item.description)


def empty_trash() -> int:
    """Delete everything in the trash for good; recorded in the audit trail. Returns how many items."""
    from models.history import TrashItem

    ensure_writable()
    with store_errors(_("Tømningen af papirkurven")), database_proxy.atomic():
        count = TrashItem.delete().execute()
        if count:
            audit_bulk("empty-trash", "", _("{n} poster slettet for altid").format(n=count))
    return count


def max_ids() -> dict[type[BaseModel], int]:
    """The highest id of every table now; rows with a higher id are added after this moment."""
    result = {}
    for model in ALL_MODELS:
        top = model.select(peewee.fn.MAX(model._meta.primary_key)).scalar()
        result[model] = top or 0
    return result


@dataclass(frozen=True)
class BulkResult:
    value: object
    rows: tuple[tuple[str, int], ...]  # (model name, id) of every row added
    changes: ChangeSet


def added_since(before: dict[type[BaseModel], int]) -> list[tuple[str, int]]:
    from models.history import AuditEntry, TrashItem

    rows = []
    for model in ALL_MODELS:
        if model in (AuditEntry, TrashItem):
            continue
        pk = model._meta.primary_key
        rows += [(model.__name__, rid) for (rid,) in model.select(pk).where(pk > before[model]).tuples()]
    return rows


def run_bulk(action: str, record: str, work: Callable[[], object], summary: Callable[[list], str] | None = None):
    """Run ``work`` (which adds records through the models) as one command: read-only and validation are
    checked by the models, the whole is one transaction and one audit entry naming what was added."""
    from models.engine import snapshot_transaction

    ensure_writable()
    with store_errors(_("Ændringen")), database_proxy.atomic():
        snapshot_transaction()  # on a server: colleagues' rows added meanwhile are not taken for ours
        before = max_ids()
        value = work()
        rows = added_since(before)
        audit_bulk(action, record, summary(rows) if summary else describe_rows(rows))
    return BulkResult(value, tuple(rows), ChangeSet.from_rows("added", rows))


def describe_rows(rows: list[tuple[str, int]]) -> str:
    from collections import Counter

    by_name = {model.__name__: model for model in ALL_MODELS}
    counts = Counter(name for name, _id in rows)
    parts = [
        f"{n} {by_name[name].label if n == 1 else by_name[name].label_plural}" for name, n in sorted(counts.items())
    ]
    return _("Tilføjet: {what}").format(what=", ".join(parts) if parts else _("intet"))


def remove_rows(rows: tuple[tuple[str, int], ...] | list[tuple[str, int]], action: str, record: str) -> Snapshot:
    """Take out rows that one command added (to undo it), children first; return them for a redo. Refused
    with a message if something added since refers to them."""
    from models.history import AuditEntry, TrashItem, YearLock

    by_name = {model.__name__: model for model in ALL_MODELS}
    order = {model: index for index, model in enumerate(ALL_MODELS)}
    ensure_writable()
    grouped: dict[type[BaseModel], list[int]] = {}
    for name, record_id in rows:
        if by_name[name] not in (AuditEntry, TrashItem):  # the trail is never rewritten
            grouped.setdefault(by_name[name], []).append(record_id)
    taken = []
    try:
        with store_errors(_("Fortrydelsen")), database_proxy.atomic():
            # years the operation itself locked are unlocked first: its own rows may be taken out
            for start in range(0, len(grouped.get(YearLock, [])), 500):
                chunk = grouped[YearLock][start : start + 500]
                taken += [(YearLock, dict(r.__data__)) for r in YearLock.select().where(YearLock.id.in_(chunk))]
                YearLock.delete().where(YearLock.id.in_(chunk)).execute()
            grouped.pop(YearLock, None)
            for model in sorted(grouped, key=lambda m: order[m]):
                pk = model._meta.primary_key
                for start in range(0, len(grouped[model]), 500):
                    chunk = grouped[model][start : start + 500]
                    for row in model.select().where(pk.in_(chunk)):
                        check_unlocked(model.__name__, dict(row.__data__))
                        taken.append((model, dict(row.__data__)))
            for model in sorted(grouped, key=lambda m: order[m], reverse=True):
                pk = model._meta.primary_key
                for start in range(0, len(grouped[model]), 500):
                    model.delete().where(pk.in_(grouped[model][start : start + 500])).execute()
            audit_bulk(action, record, describe_rows(list(rows)).replace(_("Tilføjet"), _("Fjernet"), 1))
    except peewee.IntegrityError as error:
        raise StoreError(
            _("Det kan ikke fortrydes, fordi der siden er tilføjet poster, som hører til. Intet er ændret.")
        ) from error
    return Snapshot(tuple(taken))


def validate_value(model: type[BaseModel], record_id: int | None, name: str, value) -> None:
    """Raise ``ValidationError`` if ``value`` may not be stored in field ``name`` (checked on a copy)."""
    record = model.get_by_id(record_id) if record_id is not None else model()
    setattr(record, name, value)
    try:
        record.validate()
        check_record_texts(model, {name: value}, only={name})
    except ValidationError as error:
        if error.field == name:
            raise
