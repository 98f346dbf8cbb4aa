"""The data layer: Peewee models on SQLite, derived figures and the example data. Never imports Qt."""

import sys

# Peewee looks for PostgreSQL and MySQL drivers when it is imported. Loading psycopg with its binary part costs
# 0.1-0.7 s, which a window on a SQLite file must not pay at every start: peewee is imported without the
# drivers, and models.server_store loads psycopg (load_server_driver) only when a server address is opened.
_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb")
_blocked = [name for name in _DRIVERS if name not in sys.modules]
for _driver in _blocked:
    sys.modules[_driver] = None
import peewee  # noqa: E402,F401 - imported here, without the drivers

for _driver in _blocked:
    if sys.modules.get(_driver, "") is None:
        del sys.modules[_driver]


def load_server_driver() -> None:
    """Give peewee the psycopg driver (version 3) that it did not find when it was imported."""
    import peewee as _peewee

    if getattr(_peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    _peewee.psycopg, _peewee.TransactionStatus = psycopg, TransactionStatus
    _peewee.Json_pg3, _peewee.Jsonb_pg3 = Json, Jsonb
    adapter = _peewee.Psycopg3Adapter  # its class body read the transaction states only if psycopg was there
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
