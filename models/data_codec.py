"""The data file's format, in one place: every table and every column of the store, written and read back
without loss (docs/data-exchange.md).

Version 2 holds the tables as they are: ``{"tables": {table name: [row, ...]}, "next_ids": {...}}``, each
row a JSON object with every column (a reference is the id of the row it refers to in the same file). The
rows and their columns come from the models' own field lists, so a new column cannot be forgotten.
Version 1 files (and the example dataset, which is written in version 1's nested, readable form) are
converted to version 2's rows by ``models.data_codec_v1`` and imported by the same importer.

Reading a value uses the forms' own rules: whole numbers, hours with at most two decimals, Danish or ISO
dates; a value that cannot be read is a ``ValidationError`` naming its place in the file.
"""

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.base import BaseModel, IdField
from models.errors import StoreError, ValidationError
from models.i18n import _
from models.schema import ALL_MODELS
from models.validation import parse_date

FORMAT = "socialokonomi-data"
VERSION = 2
MAX_INTEGER = 2**53  # a JSON number beyond this is not a count, an amount or a year
MAX_ID = 2**40  # ids are positive and far from the limits of SQLite and JSON
MODELS_BY_TABLE = {model._meta.table_name: model for model in ALL_MODELS}


@dataclass
class FileRow:
    """One row of a table as read from a file: typed values by field name, references as file ids."""

    model: type[BaseModel]
    values: dict
    where: str  # its place in the file, for messages: "tables.job_placement[3]" or "Ansættelser, række 4"
    lookup_only: bool = False  # named by the file but defined by the store: it must match a record there
    file_id: object = dataclass_field(init=False, repr=False, compare=False)  # its id in the file (values["id"])

    def __post_init__(self) -> None:
        self.file_id = self.values.get("id")


@dataclass
class ParsedFile:
    """A data file or a filled template as rows in table order (parents first), with the problems found."""

    rows: "Iterable[FileRow]"  # read lazily: iterate once
    problems: list[str]  # filled as the rows are read
    next_ids: dict[str, int]


# --- writing ---------------------------------------------------------------------------------------------
def encode(field: Field, value):
    """A column value as JSON."""
    if value is None:
        return None
    if isinstance(field, ForeignKeyField):
        return value.get_id() if isinstance(value, BaseModel) else value
    if isinstance(field, DateTimeField):
        return value.isoformat() if isinstance(value, dt.datetime) else str(value)
    if isinstance(field, DateField):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(field, DecimalField):
        return format(Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places)), "f")
    return value


BATCH = 5000  # rows read at a time


def table_rows(model: type[BaseModel], database=None) -> Iterator[dict]:
    """Every row of ``model``'s table as a JSON object, in id order, read in batches; from the bound store, or
    from ``database`` (copy-data reads one store while the other is bound)."""
    fields = model._meta.sorted_fields
    names = [field.name for field in fields]
    pk = model._meta.primary_key
    last = 0
    while True:
        batch = list(model.select(*fields).where(pk > last).order_by(pk).limit(BATCH).tuples().execute(database))
        if not batch:
            return
        for values in batch:
            yield {name: encode(field, value) for name, field, value in zip(names, fields, values, strict=True)}
        last = batch[-1][0]


def next_ids() -> dict[str, int]:
    """The id each table hands out next, less one (so ids deleted at the end are not handed out again)."""
    from models.engine import next_ids as engine_next_ids

    return engine_next_ids(list(MODELS_BY_TABLE))


def dump_tables() -> dict:
    """The whole store as version 2's ``data`` part."""
    return {
        "tables": {model._meta.table_name: list(table_rows(model)) for model in ALL_MODELS},
        "next_ids": next_ids(),
    }


def document(data: dict, exported: dt.datetime | None = None) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": (exported or dt.datetime.now()).isoformat(timespec="seconds"),
        "data": data,
    }


# --- reading ---------------------------------------------------------------------------------------------
def _where(where: str, name: str) -> str:
    # a JSON path gets the field appended as JSON does; a spreadsheet place ("Tilskud, række 4") names the field
    return f"{where}, {name}" if "række" in where else f"{where}.{name}"


def _bad(where: str, name: str, message: str) -> ValidationError:
    return ValidationError(name, _("{where}: {message}").format(where=_where(where, name), message=message))


def read_integer(raw, where: str, name: str) -> int:
    """A whole number written as a number or as digits ("2019"); never a fraction, a truth value or 10^30."""
    if isinstance(raw, bool):
        raise _bad(where, name, _("skal være et helt tal, ikke {value}.").format(value=str(raw).lower()))
    if isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer():
            raise _bad(where, name, _("{value} er ikke et helt tal.").format(value=raw))
        raw = int(raw)
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        if not re.fullmatch(r"-?\d{1,16}", text):
            raise _bad(where, name, _("«{value}» er ikke et helt tal.").format(value=raw[:40]))
        raw = int(text)
    if not isinstance(raw, int):
        raise _bad(where, name, _("skal være et helt tal."))
    if abs(raw) > MAX_INTEGER:
        raise _bad(where, name, _("{value} er et urimeligt stort tal.").format(value=str(raw)[:40]))
    return raw


def read_hours(raw, where: str, name: str) -> Decimal:
    """Hours as a JSON number or text with a point or a comma ("7.25", "7,25"); never NaN, never rounded."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _bad(where, name, _("skal være et tal."))
    text = str(raw).strip().replace(",", ".") if isinstance(raw, str) else repr(raw)
    if not re.fullmatch(r"\d{1,6}(\.\d+)?", text):
        raise _bad(where, name, _("«{value}» er ikke et tal.").format(value=str(raw)[:40]))
    try:
        return Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise _bad(where, name, _("«{value}» er ikke et tal.").format(value=str(raw)[:40])) from error


def read_date(raw, where: str, name: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str) or len(raw) > 40:
        raise _bad(where, name, _("skal være en dato, fx 2018-06-15."))
    try:
        day = parse_date(raw, field=name, label=_where(where, name))
    except ValidationError as error:
        raise ValidationError(name, error.message) from error
    if day is None or not 1900 <= day.year <= 2200:
        raise _bad(where, name, _("skal være en dato mellem 1900 og 2200, fx 2018-06-15."))
    return day


def read_value(field: Field, raw, where: str):
    """A JSON value as the Python value of ``field``; ``ValidationError`` naming the place if it cannot be."""
    name = field.name
    if raw is None or (raw == "" and not isinstance(field, TextField)):
        if field.null or isinstance(field, IdField):
            return None
        if field.default is not None:
            return field.default() if callable(field.default) else field.default
        raise _bad(where, name, _("mangler."))
    if isinstance(field, IdField | ForeignKeyField):
        value = read_integer(raw, where, name)
        if not 1 <= value <= MAX_ID:
            raise _bad(where, name, _("{value} er ikke et gyldigt id (et helt tal fra 1).").format(value=value))
        return value
    if isinstance(field, BooleanField):
        if isinstance(raw, bool):
            return raw
        if raw in (0, 1):
            return bool(raw)
        raise _bad(where, name, _("skal være true eller false."))
    if isinstance(field, IntegerField):
        return read_integer(raw, where, name)
    if isinstance(field, DecimalField):
        return read_hours(raw, where, name)
    if isinstance(field, DateTimeField):
        if not isinstance(raw, str):
            raise _bad(where, name, _("skal være et tidspunkt, fx 2018-06-15T12:00:00."))
        try:
            moment = dt.datetime.fromisoformat(raw) if len(raw) <= 40 else None
        except ValueError:
            moment = None
        if moment is None or not 1900 <= moment.year <= 2200:
            raise _bad(where, name, _("«{value}» er ikke et tidspunkt.").format(value=raw[:40]))
        if moment.tzinfo is not None:  # the store keeps local time
            moment = moment.astimezone().replace(tzinfo=None)
        return moment
    if isinstance(field, DateField):
        return read_date(raw, where, name)
    if isinstance(field, TextField):
        if not isinstance(raw, str):
            raise _bad(where, name, _("skal være tekst."))
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError as error:
            raise _bad(where, name, _("indeholder et tegn, der ikke kan gemmes.")) from error
        return raw
    raise _bad(where, name, _("kan ikke læses."))  # pragma: no cover - every field type is handled above


def _is_iso_day(raw: str) -> bool:
    return len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw.isascii()


def _quick(field: Field):
    """A reader of the common, valid case of ``field``'s values (an int in range, a plain text, an ISO date):
    the value itself, or ``_SLOW`` to leave it to ``read_value`` (which also words every error). Half a
    million rows are read per import of a large file: one isinstance chain per value cost seconds."""
    if isinstance(field, IdField | ForeignKeyField):
        return lambda raw: raw if type(raw) is int and 1 <= raw <= MAX_ID else _SLOW
    if isinstance(field, BooleanField):
        return lambda raw: raw if type(raw) is bool else _SLOW
    if isinstance(field, IntegerField):
        return lambda raw: raw if type(raw) is int and -MAX_INTEGER <= raw <= MAX_INTEGER else _SLOW
    if isinstance(field, DateTimeField | DecimalField):
        return lambda raw: _SLOW
    if isinstance(field, DateField):

        def day(raw):
            if type(raw) is str and _is_iso_day(raw):
                try:
                    value = dt.date.fromisoformat(raw)
                except ValueError:
                    return _SLOW
                return value if 1900 <= value.year <= 2200 else _SLOW
            return _SLOW

        return day
    if isinstance(field, TextField):
        # any text but one that is not Unicode (a lone surrogate from a "\\ud800" escape): read_value refuses it
        return lambda raw: raw if type(raw) is str and (raw.isascii() or _encodes(raw)) else _SLOW
    return lambda raw: _SLOW


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_SLOW = object()
_READERS: dict[type[BaseModel], tuple] = {}


def _readers(model: type[BaseModel]) -> tuple:
    """(field names, [(name, field, quick reader, whether it is the id), ...]) of ``model``, made once."""
    readers = _READERS.get(model)
    if readers is None:
        fields = model._meta.sorted_fields
        readers = _READERS[model] = (
            model._meta.fields,
            [(field.name, field, _quick(field), isinstance(field, IdField)) for field in fields],
        )
    return readers


def read_row(model: type[BaseModel], item, where: str) -> FileRow:
    """One row object of a version 2 table."""
    if not isinstance(item, dict):
        raise ValidationError("", _("{where}: skal være et objekt med felter.").format(where=where))
    known, readers = _readers(model)
    unknown = [key for key in item if key not in known]
    if unknown:
        raise ValidationError(
            unknown[0], _("{where}: ukendt felt «{name}».").format(where=where, name=str(unknown[0])[:60])
        )
    values = {}
    for name, field, quick, is_id in readers:
        if name in item:
            raw = item[name]
            value = quick(raw)
            values[name] = read_value(field, raw, where) if value is _SLOW else value
        elif is_id:
            raise ValidationError("id", _("{where}: mangler sit id.").format(where=where))
    return FileRow(model, values, where)


def check_envelope(document) -> dict:
    """The ``data`` part of a data file of any known version, or ``StoreError`` if it is not one of ours."""
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("data"), dict):
        raise StoreError(_("Filen er ikke en datafil fra Socialøkonomi."))
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError(_("Datafilen har en ugyldig formatversion."))
    if version > VERSION:
        raise StoreError(
            _(
                "Datafilen er lavet med en nyere udgave af Socialøkonomi (formatversion {v}; denne udgave læser "
                "op til {known}). Opdatér programmet."
            ).format(v=version, known=VERSION)
        )
    return document["data"]


def read_document(document) -> ParsedFile:
    """A data file as rows in table order (parents first), with the problems found and the tables' next ids.

    Raises ``StoreError`` if the file as a whole is not a data file of ours."""
    data = check_envelope(document)
    if document["version"] == 1:
        from models.data_codec_v1 import rows_from_v1

        rows, problems = rows_from_v1(data)
        return ParsedFile(rows, problems, {})
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise StoreError(_("Datafilen er ufuldstændig: delen «tables» mangler eller er forkert."))
    problems: list[str] = []
    for name in tables:
        if name not in MODELS_BY_TABLE:
            problems.append(_("data.tables.{name}: ukendt tabel.").format(name=str(name)[:60]))

    from models.data_lines import StreamedTable

    def rows() -> Iterator[FileRow]:
        # one table at a time, each row read as it is imported: no second copy of the whole file
        for model in ALL_MODELS:
            items = tables.get(model._meta.table_name, [])
            table_where = f"data.tables.{model._meta.table_name}"
            if not isinstance(items, list | StreamedTable):
                problems.append(_("{where}: skal være en liste af rækker.").format(where=table_where))
                continue
            for index, item in enumerate(items):
                try:
                    yield read_row(model, item, f"{table_where}[{index}]")
                except ValidationError as error:
                    problems.append(error.message)

    ids = data.get("next_ids", {})
    next_ids_read: dict[str, int] = {}
    if isinstance(ids, dict):
        for name, value in ids.items():
            if name in MODELS_BY_TABLE and isinstance(value, int) and not isinstance(value, bool):
                next_ids_read[name] = max(0, min(value, MAX_INTEGER))
    return ParsedFile(rows(), problems, next_ids_read)
