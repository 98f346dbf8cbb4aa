"""Domain errors. Expected problems (a locked, damaged or newer database, invalid input, a record that
others refer to) are ``StoreError`` subclasses with a plain Danish message; anything else is a bug."""


class StoreError(Exception):
    """An expected problem that the user can act on. ``str(error)`` is a Danish sentence for the user."""


class DatabaseOpenError(StoreError):
    """The database file cannot be used: missing, not a database, damaged, locked or not ours."""


class DamagedDatabaseError(DatabaseOpenError):
    """The file is an SQLite database that fails its integrity check; it is not written to."""


class NewerSchemaError(DatabaseOpenError):
    """The database was written by a newer version of the application; it is left untouched."""


class ValidationError(StoreError):
    """A value is invalid. ``field`` names the field (the model attribute) so a form can show it there."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ReferencedError(StoreError):
    """A record cannot be deleted because other records refer to it and no cascade was asked for."""

    def __init__(self, message: str, dependents: list[tuple[str, int]]) -> None:
        super().__init__(message)
        self.dependents = dependents


class ExportError(StoreError):
    """A file could not be written (folder missing or not writable, file open in another program, disk
    full). Nothing was written to the target."""


class StaleRecordError(ValidationError):
    """A save based on a version of the record that a colleague has changed (or deleted) since it was read.
    Nothing was stored; the message names who changed it and when."""
