"""The audit trail, the trash and closed years.

Every create, change and delete made through models.editing is recorded (when, which record, which field,
old and new value, the computer user's name); the trail is never rewritten, so it survives undo. A deleted
record goes to the trash with everything that went with it, and can be put back until the trash is
emptied. A year whose report has gone to the committees can be locked: its figures and texts can then no
longer change by accident; locking and unlocking are recorded too.
"""

import datetime as dt
import getpass
import json

from peewee import DateTimeField, IntegerField, TextField

from models.base import BaseModel


def current_user() -> str:
    """The database user on a server store (where the login names who changed what), else the computer user."""
    from models.base import database_proxy

    server_user = getattr(database_proxy.obj, "user_name", None)
    if server_user:
        return server_user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class AuditEntry(BaseModel):
    holds_user_text = False
    label, label_plural = "historikpost", "historikposter"

    at = DateTimeField(default=dt.datetime.now, index=True)
    user = TextField(default=current_user)
    action = TextField()  # create | change | delete | restore | lock | unlock
    model = TextField()
    record_id = IntegerField(null=True)
    record = TextField(default="")  # the record's name when it happened
    field = TextField(default="")
    old = TextField(null=True)
    new = TextField(null=True)

    class Meta:
        indexes = ((("model", "record_id"), False),)


class TrashItem(BaseModel):
    holds_user_text = False
    label, label_plural = "post i papirkurven", "poster i papirkurven"

    deleted_at = DateTimeField(default=dt.datetime.now)
    user = TextField(default=current_user)
    model = TextField()
    record_id = IntegerField()
    description = TextField()
    rows = TextField()  # JSON: [[model name, {field: database value}], ...]

    def row_list(self) -> list:
        return json.loads(self.rows)


class YearLock(BaseModel):
    holds_user_text = False
    label, label_plural = "låst år", "låste år"

    year = IntegerField(unique=True)
    locked_at = DateTimeField(default=dt.datetime.now)
    user = TextField(default=current_user)


def latest_entry_id() -> int:
    """The id of the newest entry of the audit trail (0 if none): a cheap way to see that someone changed
    something."""
    from peewee import fn

    return AuditEntry.select(fn.MAX(AuditEntry.id)).scalar() or 0


def _changes_of(rows):
    """A ``ChangeSet`` of audit rows (model, action, record id); a reset if an operation on many records is
    among them."""
    from models.changes import RESET, ChangeSet

    kinds = {"create": "added", "restore": "added", "delete": "removed"}
    grouped: dict[str, list[tuple[str, int]]] = {}
    for model, action, record_id in rows:
        if not model:
            return RESET
        if record_id is not None:
            grouped.setdefault(kinds.get(action, "changed"), []).append((model, record_id))
    changes = ChangeSet()
    for kind, found in grouped.items():
        changes = changes + ChangeSet.from_rows(kind, found)
    return changes


LOOKBACK = 500  # entries below the newest one seen that are looked at again: a colleague's transaction may
# take its entry's id before another's and commit after it (PostgreSQL hands out ids at insert, not at commit)


def recent_entry_ids(latest: int) -> set[int]:
    """The ids of the entries within ``LOOKBACK`` of ``latest``: those a window has read at ``latest``."""
    query = AuditEntry.select(AuditEntry.id).where(AuditEntry.id > latest - LOOKBACK).tuples()
    return {entry_id for (entry_id,) in query}


def changed_since_seen(entry_id: int, seen: set[int]):
    """(the newest entry id, a ``ChangeSet`` of the entries not ``seen`` with an id above ``entry_id`` -
    ``LOOKBACK``, the ids within ``LOOKBACK`` of the newest now seen): an entry committed late with a lower
    id than one already seen is still caught (looking only above the newest id seen would skip it)."""
    from models.changes import ChangeSet

    latest = max(latest_entry_id(), entry_id)
    rows = list(
        AuditEntry.select(AuditEntry.id, AuditEntry.model, AuditEntry.action, AuditEntry.record_id)
        .where(AuditEntry.id > entry_id - LOOKBACK)
        .tuples()
    )
    fresh = [(model, action, record_id) for entry, model, action, record_id in rows if entry not in seen]
    now_seen = {entry for entry, *_rest in rows if entry > latest - LOOKBACK}
    return latest, (_changes_of(fresh) if fresh else ChangeSet()), now_seen
