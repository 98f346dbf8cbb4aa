"""Importing a data file (any version of docs/data-exchange.md, a filled Excel template, the example data) into
the store, as one command: all or nothing, checked like every edit, recorded as one entry in the audit trail.

Into a store with no records at all the rows go in as they are, ids included: the database is then an exact
copy of the one the file came from. Into a store that holds data, each row is matched to what is there: a
record with an identity of its own (an enterprise by CVR, else by name; a report year by its year; an
agreement by its number; ...) by that identity, the others (grants, placements, meetings, ...) by all their
values, counted, so importing the same file twice adds nothing. A matched record whose values differ is a
conflict: it is reported and the store keeps its own. Rows that would be added to a locked year are refused
with the year named. One invalid row and nothing is imported.
"""

import datetime as dt
import sqlite3
from array import array
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import peewee

from models.base import BaseModel, database_proxy
from models.changes import ChangeSet
from models.data_codec import FileRow, ParsedFile, read_document
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.history import AuditEntry, TrashItem
from models.i18n import _
from models.import_keys import IDENTITIES, UNIQUE_IN_STORE, fold, identity_key
from models.personal_data import check_record_texts, mask_cpr, text_columns
from models.schema import ALL_MODELS

_BY_NAME = {model.__name__: model for model in ALL_MODELS}
SKIP = -1


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    applied: bool = False
    changes: ChangeSet = field(default_factory=ChangeSet)

    def lines(self) -> list[str]:
        out = [_("Tilføjes: {what}").format(what=_describe(self.added)) if self.added else _("Tilføjes: intet")]
        if self.matched:
            out.append(_("Findes allerede: {what}").format(what=_describe(self.matched)))
        out += self.notes
        out += [_("Konflikt: {text}").format(text=c) for c in self.conflicts]
        out += [_("Ugyldig: {text}").format(text=i) for i in self.invalid[:200]]
        if len(self.invalid) > 200:
            out.append(_("… og {n} ugyldige poster mere.").format(n=len(self.invalid) - 200))
        return out

    def summary(self) -> str:
        return _("Tilføjet: {what}").format(what=_describe(self.added) if self.added else _("intet"))


def _describe(counts: Counter) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))


class _Rollback(Exception):
    pass


def _norm(value):
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    if isinstance(value, BaseModel):
        return value.get_id()
    return value


def _db_value(field, value):
    if value is None:
        return None
    value = field.db_value(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _same_in_db(field) -> type | None:
    """The Python type whose values ``field`` stores as they are (no conversion needed), if any."""
    if isinstance(field, peewee.BooleanField):
        return None
    if isinstance(field, peewee.IntegerField | peewee.ForeignKeyField):
        return int
    if isinstance(field, peewee.TextField | peewee.CharField):
        return str
    return None


def _db_row(model: type[BaseModel], values: dict) -> list:
    """The row's values as the database stores them, in the order of the model's fields."""
    kinds = _SAME_IN_DB.get(model)
    if kinds is None:
        kinds = _SAME_IN_DB[model] = [(f.name, _same_in_db(f), f) for f in model._meta.sorted_fields]
    return [
        value if (value := values.get(name)) is None or type(value) is same else _db_value(field, value)
        for name, same, field in kinds
    ]


_SAME_IN_DB: dict[type[BaseModel], list] = {}


def _key_fields(model: type[BaseModel]) -> list:
    """The columns two rows must agree on to be the same row: all but the ids and the place in a list."""
    return [f for f in model._meta.sorted_fields if f.name not in (*BaseModel.BOOKKEEPING, "position")]


def _value_key(model: type[BaseModel], data: dict) -> tuple:
    return tuple(_norm(data.get(f.name)) for f in _key_fields(model))


def _record(model: type[BaseModel], data: dict) -> BaseModel:
    """``model(**data)`` without its id, as peewee builds it (the defaults of the fields the row lacks, then
    the row's values), but without computing the defaults the row replaces (a new uid for every row)."""
    meta = model._meta
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = frozenset(meta.fields)
    if not names.issuperset(data):  # a name that is not a field's (a property): as peewee does it
        return model(**{k: v for k, v in data.items() if k != "id"})
    values = {name: value for name, value in meta._default_by_name.items() if name not in data}
    for name, default in meta._default_callable_list:
        if name not in data:
            values[name] = default()
    values.update(data)
    values.pop("id", None)
    record = model.__new__(model)  # what peewee's Model.__init__ sets, with these values
    record.__data__ = values
    record._dirty = set(values)
    record.__rel__ = {}
    return record


_FIELD_NAMES: dict[type[BaseModel], frozenset] = {}


_TEXT_COLUMNS: dict[type[BaseModel], list[str]] = {}


def _long_texts(model: type[BaseModel], values: dict) -> bool:
    """Whether any free-text column of the row is long enough to hold a CPR number (ten digits; normalising
    never lengthens a text): the others need no search."""
    names = _TEXT_COLUMNS.get(model)
    if names is None:
        names = _TEXT_COLUMNS[model] = [f.name for f in text_columns(model, history=True)]
    for name in names:
        value = values.get(name)
        if isinstance(value, str) and len(value) >= 10:
            return True
    return False


BATCH_ROWS = 5_000  # rows inserted with one prepared statement: a whole table held at once cost 800 MB


def store_has_rows() -> bool:
    return any(model.select().exists() for model in ALL_MODELS)


class _Importer:
    def __init__(self, report: ImportReport, *, keep_ids: bool) -> None:
        self.report = report
        self.keep_ids = keep_ids
        self.ids: dict[type[BaseModel], dict[int, int | None]] = {}  # file id -> store id (None: not imported)
        self.counted: dict[type[BaseModel], Counter] = {}
        self.added_ids: dict[str, array] = {}  # model name -> the ids added (8 bytes each)
        self.pending: list[tuple[FileRow, dict]] = []
        self.candidates: dict[tuple, list] = {}
        self.uids: dict[type[BaseModel], dict[str, int]] = {}
        from models.year_locks import locked_years

        self.locked = locked_years()

    def invalid(self, row: FileRow, message: str) -> None:
        self.report.invalid.append(message if message.startswith(row.where) else f"{row.where}: {message}")

    def translate(self, row: FileRow) -> dict | None:
        """The row's values with references turned into store ids; None if a parent was not imported."""
        data = dict(row.values)
        for fk in row.model._meta.refs:
            value = data.get(fk.name)
            if value is None:
                continue
            target = self.ids.get(fk.rel_model, {})
            if value not in target:
                self.invalid(
                    row,
                    _("felt {field} henviser til {kind} med id {id}, som ikke findes i filen.").format(
                        field=fk.name, kind=fk.rel_model.label, id=value
                    ),
                )
                return None
            if target[value] is None:
                return None  # its parent was a conflict, reported there
            data[fk.name] = target[value]
        return data

    def run(self, rows, check) -> int:
        """Import the rows (read one table at a time); return how many trash items the file holds."""
        trash = 0
        for row in rows:
            if self.pending and (self.pending[0][0].model is not row.model or len(self.pending) >= BATCH_ROWS):
                self.flush()
            check(row)
            trash += row.model is TrashItem
            self.one(row)
        self.flush()
        return trash

    def flush(self) -> None:
        """Insert the rows kept for one batch (rows whose ids are known: into an empty store)."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        model = batch[0][0].model
        fields = model._meta.sorted_fields
        db = database_proxy.obj
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join([db.param] * len(fields))
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
        try:
            with database_proxy.atomic(), peewee.__exception_wrapper__:
                # one prepared statement for the whole batch: building each row's SQL costs far more
                db.cursor().executemany(sql, [_db_row(model, values) for _r, values in batch])
        except (peewee.IntegrityError, sqlite3.IntegrityError):
            for row, values in batch:  # one by one, to name the row that cannot be stored
                self.insert_one(row, model, values)
            return
        for row, _values in batch:
            self.added(row, model, row.file_id)

    def one(self, row: FileRow) -> None:
        model = row.model
        file_id = row.file_id
        data = self.translate(row)
        if data is None:
            self.ids.setdefault(model, {})[file_id] = None
            return
        if model is AuditEntry:
            self.audit_entry(row, data)
            return
        if model is TrashItem and not self.keep_ids:
            self.ids.setdefault(model, {})[file_id] = None
            return
        record = _record(model, data)
        if not row.lookup_only:
            try:
                record.validate()
                if _long_texts(model, record.__data__):
                    check_record_texts(model, record.__data__, history=True)  # the trash's copies too
            except ValidationError as error:
                self.invalid(row, _("felt {field}: {message}").format(field=error.field, message=error.message))
                self.ids.setdefault(model, {})[file_id] = None
                return
        values = record.__data__
        existing = None if self.keep_ids and not row.lookup_only else self.find(row, values)
        if existing == SKIP:
            self.ids.setdefault(model, {})[file_id] = None
            return
        if existing is not None:
            self.ids.setdefault(model, {})[file_id] = existing
            self.report.matched[model.label_plural] += 1
            return
        if row.lookup_only:
            self.invalid(
                row,
                _("{kind} «{name}» findes hverken i filen eller i databasen.").format(
                    kind=model.label.capitalize(), name=values.get("name", "")
                ),
            )
            self.ids.setdefault(model, {})[file_id] = None
            return
        self.add(row, model, values)

    def find(self, row: FileRow, values: dict) -> int | None:
        """The store id of the record this row is, ``SKIP`` if it conflicts so that it and its parts are left
        out, or None if it is new. A row that carries its identity across databases (uid) is that record
        wherever it is found; one that is not found is new unless its kind has an identity of its own."""
        model = row.model
        uid = row.values.get("uid")
        if uid is not None and not row.lookup_only:
            found_id = self.by_uid(model).get(uid)
            if found_id is not None:
                found = model.get_by_id(found_id)
                differing = self.differing(model, found, values)
                if differing:
                    self.report.conflicts.append(
                        _(
                            "{where}: {kind} «{name}» er ændret i databasen eller i filen ({fields}); databasens "
                            "udgave beholdes"
                        ).format(where=row.where, kind=model.label, name=_name(found), fields=", ".join(differing))
                    )
                return found_id
            if model is not Enterprise and model not in IDENTITIES:
                return None  # a record of its own, not a copy of one with the same values
        if model is Enterprise:
            return self.find_enterprise(row, values)
        if model in IDENTITIES:
            key = (model, identity_key(model, values))
            if key not in self.candidates:
                self.candidates[key] = IDENTITIES[model](values)
            if not self.candidates[key]:
                return None
            # a store may hold more than one (two evaluations on one date): one stored record per row of the file
            found = self.candidates[key].pop(0) if model not in UNIQUE_IN_STORE else self.candidates[key][0]
            if row.lookup_only:
                return found.get_id()
            if model.__name__ == "Agreement" and found.enterprise_id != values.get("enterprise"):
                self.report.conflicts.append(
                    _("{where}: nummeret bruges i databasen af en aftale med «{name}»; aftalen springes over").format(
                        where=row.where, name=found.enterprise.name
                    )
                )
                return SKIP
            differing = self.differing(model, found, values)
            if differing:
                self.report.conflicts.append(
                    _(
                        "{where}: {kind} «{name}» findes i databasen med andre værdier ({fields}); databasens beholdes"
                    ).format(where=row.where, kind=model.label, name=_name(found), fields=", ".join(differing))
                )
            return found.get_id()
        pool = self.counted.get(model)
        if pool is None:
            fields = _key_fields(model)
            pool = self.counted[model] = {}
            for record_id, *stored in model.select(model._meta.primary_key, *fields).tuples().iterator():
                pool.setdefault(tuple(_norm(v) for v in stored), []).append(record_id)
        same = pool.get(_value_key(model, values))
        return same.pop(0) if same else None

    def by_uid(self, model: type[BaseModel]) -> dict[str, int]:
        if model not in self.uids:
            self.uids[model] = dict(model.select(model.uid, model._meta.primary_key).tuples().iterator())
        return self.uids[model]

    @staticmethod
    def differing(model: type[BaseModel], found: BaseModel, values: dict) -> list[str]:
        names = []
        for f in model._meta.sorted_fields:
            if f.name in (*BaseModel.BOOKKEEPING, "position"):
                continue
            if _norm(found.__data__.get(f.name)) != _norm(values.get(f.name)):
                names.append(f.name)
        return names

    def find_enterprise(self, row: FileRow, values: dict) -> int | None:
        name, cvr = values.get("name") or "", values.get("cvr")
        by_cvr = Enterprise.get_or_none(Enterprise.cvr == cvr) if cvr else None
        by_name = Enterprise.get_or_none(Enterprise.name == name) if name else None
        if by_cvr is not None and by_name is not None and by_name.id != by_cvr.id:
            self.report.conflicts.append(
                _("{where}: CVR {cvr} for «{name}» tilhører «{other}» i databasen").format(
                    where=row.where, cvr=cvr, name=name, other=by_cvr.name
                )
            )
        found = by_cvr or by_name
        if found is None:
            return None
        if row.lookup_only:
            return found.id
        if cvr and found.cvr and found.cvr != cvr:
            self.report.conflicts.append(
                _("{where}: databasen har CVR {cvr} for «{name}»; filen har {other}").format(
                    where=row.where, cvr=found.cvr, name=found.name, other=cvr
                )
            )
        else:
            differing = [n for n in self.differing(Enterprise, found, values) if n != "cvr" or cvr]
            if differing:
                self.report.conflicts.append(
                    _(
                        "{where}: virksomheden «{name}» findes i databasen med andre værdier ({fields}); "
                        "databasens beholdes"
                    ).format(where=row.where, name=found.name, fields=", ".join(differing))
                )
        return found.id

    def add(self, row: FileRow, model: type[BaseModel], values: dict) -> None:
        if self.locked:
            from models.year_locks import years_of

            hit = years_of(model.__name__, values, self.locked) & self.locked
            if hit:
                self.invalid(
                    row,
                    _(
                        "{year} er låst, fordi årsrapporten er afleveret; intet er importeret. Lås året op under "
                        "Rediger, hvis det er meningen."
                    ).format(year=min(hit)),
                )
                self.ids.setdefault(model, {})[row.file_id] = None
                return
        if self.keep_ids and row.file_id is not None:
            self.pending.append((row, {**values, "id": row.file_id}))
            self.ids.setdefault(model, {})[row.file_id] = row.file_id
            return
        self.insert_one(row, model, values)

    def insert_one(self, row: FileRow, model: type[BaseModel], values: dict) -> None:
        try:
            with database_proxy.atomic():
                new_id = model.insert(**values).execute()
        except peewee.IntegrityError as error:
            from models.editing import duplicate_message

            self.invalid(row, duplicate_message(model, error).message)
            self.ids.setdefault(model, {})[row.file_id] = None
            return
        self.added(row, model, values.get("id", new_id))

    def added(self, row: FileRow, model: type[BaseModel], new_id: int) -> None:
        self.ids.setdefault(model, {})[row.file_id] = new_id
        self.report.added[model.label_plural] += 1
        self.note_added(model.__name__, new_id)

    def note_added(self, name: str, new_id: int) -> None:
        ids = self.added_ids.get(name)
        if ids is None:
            ids = self.added_ids[name] = array("q")
        ids.append(new_id)

    def added_rows(self):
        """(model name, id) of every row added."""
        return ((name, new_id) for name, ids in self.added_ids.items() for new_id in ids)

    def audit_entry(self, row: FileRow, data: dict) -> None:
        model = _BY_NAME.get(data.get("model") or "")
        record_id = data.get("record_id")
        if record_id is not None and not self.keep_ids:
            record_id = self.ids.get(model, {}).get(record_id) if model is not None else None
        values = {k: v for k, v in data.items() if k != "id"}
        values["record_id"] = record_id
        try:  # the audit trail's texts are checked like every other row's
            check_record_texts(AuditEntry, values, history=True)
        except ValidationError as error:
            self.invalid(row, _("felt {field}: {message}").format(field=error.field, message=error.message))
            return
        if values.get("uid") is not None and values["uid"] in self.by_uid(AuditEntry):
            self.report.matched[AuditEntry.label_plural] += 1
            return
        pool = self.counted.get(AuditEntry)
        if pool is None:
            fields = _key_fields(AuditEntry)
            pool = self.counted[AuditEntry] = Counter(
                tuple(_norm(v) for v in stored) for stored in AuditEntry.select(*fields).tuples().iterator()
            )
        key = _value_key(AuditEntry, values)
        if pool[key] > 0:
            pool[key] -= 1
            self.report.matched[AuditEntry.label_plural] += 1
            return
        if self.keep_ids:
            values["id"] = row.file_id
        new_id = AuditEntry.insert(**values).execute()
        new_id = row.file_id if self.keep_ids else new_id
        self.report.added[AuditEntry.label_plural] += 1
        self.note_added("AuditEntry", new_id)


def _name(record: BaseModel) -> str:
    try:
        return record.display_name()
    except peewee.DoesNotExist:
        return ""


def _first_place(places: dict, model: type[BaseModel], key, where: str) -> str | None:
    """Where in the file ``key`` of ``model`` was met first, or None (and ``where`` kept) if this is the first."""
    seen = places.setdefault(model, {})
    first = seen.get(key)
    if first is None:
        seen[key] = where
    return first


class _Duplicates:
    """Two rows of the file with the same identity (two enterprises with one CVR) are an error naming both.
    What is kept per row is its uid, its id and its place in the file, in one dictionary per table and kind
    (a large file has half a million rows)."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.uids: dict[type[BaseModel], dict] = {}
        self.file_ids: dict[type[BaseModel], dict] = {}
        self.seen: dict[tuple, str] = {}  # the identities of the kinds that have one (few rows)

    def check(self, row: FileRow) -> None:
        model = row.model
        values = row.values
        uid = values.get("uid")
        if uid is not None:
            first = _first_place(self.uids, model, uid, row.where)
            if first is not None:
                self.report.invalid.append(
                    _("{where} og {first} har samme uid; hver række skal have sin egen.").format(
                        where=row.where, first=first
                    )
                )
        file_id = row.file_id
        if file_id is not None:
            first = _first_place(self.file_ids, model, file_id, row.where)
            if first is not None:
                self.report.invalid.append(
                    _("{where} og {first} har samme id ({id}); hver række skal have sit eget.").format(
                        where=row.where, first=first, id=file_id
                    )
                )
        if row.lookup_only or (model is not Enterprise and model not in UNIQUE_IN_STORE):
            return
        keys = []
        if model is Enterprise:
            if values.get("cvr"):
                keys.append(("cvr", str(values["cvr"]).replace(" ", "")))
            keys.append(("name", fold(Enterprise.name, str(values.get("name", "")).strip())))
        else:
            keys.append(("id", identity_key(model, values)))
        for key in keys:
            full = (model.__name__, *key)
            if full in self.seen:
                self.report.invalid.append(
                    _("{where} og {first} er samme {kind} ({what}); filen må kun have den én gang.").format(
                        where=row.where,
                        first=self.seen[full],
                        kind=model.label,
                        what=_("CVR {cvr}").format(cvr=key[1]) if key[0] == "cvr" else _("samme navn eller nøgle"),
                    )
                )
            else:
                self.seen[full] = row.where


def _set_next_ids(next_ids: dict[str, int]) -> None:
    from models.engine import set_next_ids

    set_next_ids(next_ids, [model._meta.table_name for model in ALL_MODELS])


IMPORT_CACHE_KB = 64 * 1024  # SQLite's page cache while importing: inserting 500,000 rows into the uid index
# (random keys) through the default 2 MB cache took a third longer


@contextmanager
def _larger_cache():
    """A larger page cache for the import's transaction on SQLite; the connection's own afterwards."""
    db = database_proxy.obj
    if not isinstance(db, peewee.SqliteDatabase):
        yield
        return
    before = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KB}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size={int(before)}")


def import_data(document, *, apply: bool, source: str = "", action: str = "import", before_commit=None) -> ImportReport:
    """Import a data file (a parsed JSON document, or a ``ParsedFile`` such as a filled template); with
    ``apply`` False (a preview) or any invalid row, nothing is stored. Raises ``StoreError`` if the document
    is not a data file at all, or the store cannot be written. ``before_commit(report)`` is called when the
    rows are in and valid and something is added, before they are committed (the command line's backup,
    taken from the store as it was: a reader does not see the uncommitted rows); what it raises undoes all."""
    from models.editing import audit_bulk, ensure_writable, store_errors

    parsed = document if isinstance(document, ParsedFile) else read_document(document)
    report = ImportReport()
    duplicates = _Duplicates(report)
    if apply:
        ensure_writable()
    with store_errors(_("Importen")), _larger_cache():
        try:
            with database_proxy.atomic():
                keep_ids = not store_has_rows()
                importer = _Importer(report, keep_ids=keep_ids)
                trash = importer.run(parsed.rows, duplicates.check)
                report.invalid[:0] = parsed.problems  # the rows are read as they are imported
                if keep_ids:
                    _set_next_ids(parsed.next_ids)
                elif trash:
                    n = trash
                    report.notes.append(
                        _(
                            "Papirkurven i filen ({n} poster) tages ikke med, fordi databasen allerede har data; "
                            "den hører til den database, filen kom fra."
                        ).format(n=n)
                    )
                if report.invalid or not apply:
                    raise _Rollback
                if report.added:
                    if before_commit is not None:
                        before_commit(report)
                    audit_bulk(action, mask_cpr(source), report.summary())  # a file name may hold a CPR
        except _Rollback:
            report.applied = False
            return report
    report.applied = True
    report.changes = ChangeSet.from_rows("added", importer.added_rows())
    return report
