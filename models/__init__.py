"""The data layer: Peewee models on SQLite, derived figures and the example data. Never imports Qt."""

import sys

# Peewee looks for PostgreSQL and MySQL drivers when it is imported. The application uses SQLite only, and a
# driver that happens to be installed beside it (psycopg with its binary part: 0.1-0.7 s measured on the
# development machine) must not slow every start: those imports fail at once instead.
for _driver in ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb"):
    sys.modules.setdefault(_driver, None)
