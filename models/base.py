"""The base model and the database proxy that every model is bound to."""

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


class BaseModel(Model):
    """Base of every table. ``label``/``label_plural`` name the record kind in Danish messages."""

    BOOKKEEPING = ("id", "row_version")  # columns that are not the record's content

    label = "post"
    label_plural = "poster"

    id = IdField()
    # Counts the saves of the record through the command layer: a save that names the version it read is
    # refused if a colleague saved the record since (models.editing.update), so no update is lost.
    row_version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])

    class Meta:
        database = database_proxy
        legacy_table_names = False

    def validate(self) -> None:
        """Raise ``ValidationError`` if the record may not be stored. Called by ``save``."""

    def save(self, *args, **kwargs):
        self.validate()
        return super().save(*args, **kwargs)

    def display_name(self) -> str:
        """A short Danish name of the record for messages."""
        for attr in ("name", "title", "pseudonym"):
            value = getattr(self, attr, None)
            if value:
                return str(value)
        return f"{self.label} {self.get_id()}"
