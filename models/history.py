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
    label, label_plural = "låst år", "låste år"

    year = IntegerField(unique=True)
    locked_at = DateTimeField(default=dt.datetime.now)
    user = TextField(default=current_user)
