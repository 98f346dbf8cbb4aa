"""The base model and the database proxy that every model is bound to."""

import uuid

import peewee
from peewee import SQL, AutoField, DatabaseProxy, IntegerField, Model

database_proxy = DatabaseProxy()


class IdField(AutoField):
    """A record's id, never handed out twice. Without AUTOINCREMENT SQLite gives the highest deleted id to the
    next insert, so a record put back from the trash by its old id could land on a newer record."""

    def ddl(self, ctx):
        node_list = super().ddl(ctx)
        if isinstance(database_proxy.obj, peewee.SqliteDatabase):
            return peewee.NodeList((node_list, peewee.SQL("AUTOINCREMENT")))
        return node_list


def new_uid() -> str:
    return uuid.uuid4().hex


class UidField(peewee.TextField):
    """A record's identity across databases: the same record keeps it when it travels between laptops in a
    data file, so an import recognises it however its values were edited since (ids differ between files)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(default=new_uid, unique=True, **kwargs)

    def ddl(self, ctx):
        # a row inserted by other means than the models (a colleague's tool, a test) gets one too
        node_list = super().ddl(ctx)
        if isinstance(database_proxy.obj, peewee.SqliteDatabase):
            default = "DEFAULT (lower(hex(randomblob(16))))"
        else:
            default = "DEFAULT replace(gen_random_uuid()::text, '-', '')"
        return peewee.NodeList((node_list, peewee.SQL(default)))


class BaseModel(Model):
    """Base of every table. ``label``/``label_plural`` name the record kind in Danish messages."""

    BOOKKEEPING = ("id", "uid", "row_version")  # columns that are not the record's content

    label = "post"
    label_plural = "poster"
    # False for the audit trail and the trash: they keep what was stored, and must be able to record
    # the removal of a text that was stored before the CPR check.
    holds_user_text = True

    id = IdField()
    uid = UidField()
    # Counts the saves of the record through the command layer: a save that names the version it read is
    # refused if a colleague saved the record since (models.editing.update), so no update is lost.
    row_version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])

    class Meta:
        database = database_proxy
        legacy_table_names = False

    def validate(self) -> None:
        """Raise ``ValidationError`` if the record may not be stored. Called by ``save``."""

    def save(self, *args, **kwargs):
        from models.personal_data import check_record_texts

        self.validate()
        only = kwargs.get("only")
        check_record_texts(
            type(self), self.__data__, only=None if only is None else {getattr(f, "name", f) for f in only}
        )
        return super().save(*args, **kwargs)

    def display_name(self) -> str:
        """A short Danish name of the record for messages."""
        for attr in ("name", "title", "pseudonym"):
            value = getattr(self, attr, None)
            if value:
                return str(value)
        return f"{self.label} {self.get_id()}"
