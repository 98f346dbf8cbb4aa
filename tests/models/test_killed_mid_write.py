"""A process killed (SIGKILL) in the middle of saving leaves a database that passes its integrity check and
holds either the old or the new state of every edit, never half of one."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.sqlite_only  # about SQLite files

WRITER = textwrap.dedent("""
    import sys
    from models.store import open_database
    from models.enterprises import Enterprise, EnterpriseText
    from models.base import database_proxy
    open_database(sys.argv[1])
    print("ready", flush=True)
    n = Enterprise.select().count()
    while True:
        n += 1
        with database_proxy.atomic():  # one edit: an enterprise and its text, together or not at all
            e = Enterprise.create(name=f"Virksomhed {n}", place="x" * 200)
            EnterpriseText.create(enterprise=e, year=2018, presentation="Tekst " * 200)
""")


def _check(path) -> int:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        enterprises = raw.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0]
        texts = raw.execute("SELECT COUNT(*) FROM enterprise_text").fetchone()[0]
        assert enterprises == texts  # never an enterprise without the text saved with it
        return enterprises
    finally:
        raw.close()


def test_killed_many_times_the_database_is_intact_every_time(tmp_path):
    path = tmp_path / "dræbt.sqlite"
    rng = random.Random(20181231)
    previous = 0
    for _round in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
        )
        assert child.stdout.readline().strip() == "ready"
        child.stdout.close()
        time.sleep(rng.uniform(0.05, 0.3))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        count = _check(path)
        assert count >= previous  # what was committed stays committed
        previous = count
    assert previous > 0
