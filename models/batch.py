"""Many commands stored as one transaction: a paste of 200 rows commits once, not 200 times (each commit
waits for the disk). Every command inside still checks and records as it would alone; if one fails, the
rows before it are kept only if the caller catches the error inside the block."""

from contextlib import AbstractContextManager

from models.base import database_proxy


def one_transaction() -> AbstractContextManager:
    """A block whose writes are committed together at its end (nested commands become savepoints)."""
    return database_proxy.atomic()
