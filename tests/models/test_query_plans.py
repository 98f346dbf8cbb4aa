"""The list queries of the pages find their rows through an index (EXPLAIN QUERY PLAN), so a page reads only
what it shows however large the store grows: no list of one year scans a table of every year."""

import datetime as dt

import pytest

from models.activity_queries import network_meetings, network_themes, progression_steps
from models.agreement_queries import evaluations
from models.base import database_proxy
from models.placement_queries import placement_keys_in_year, placements_by_id
from models.queries import enterprise_rows, grant_rows

pytestmark = pytest.mark.sqlite_only  # SQLite's query plans and statement trace
SEARCHES = ("USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY")  # not a SCAN of the table


def _plans(function) -> list[tuple[str, list[str]]]:
    """Each SELECT ``function`` runs, with the details of its query plan."""
    statements: list[str] = []
    connection = database_proxy.connection()
    connection.set_trace_callback(statements.append)
    try:
        function()
    finally:
        connection.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            rows = database_proxy.execute_sql("EXPLAIN QUERY PLAN " + sql).fetchall()
            plans.append((sql, [row[-1] for row in rows]))
    return plans


@pytest.mark.parametrize(
    ("query", "year_tables"),
    [
        (lambda: placement_keys_in_year(2018), ["job_placement"]),
        (lambda: placements_by_id(range(1, 300)), ["job_placement"]),
        (lambda: grant_rows(2018), ["grant", "grant_funder"]),
        (lambda: network_meetings(2018), ["network_meeting"]),
        (lambda: network_themes(2018), ["network_theme"]),
        (lambda: evaluations(1), ["evaluation"]),
        (lambda: progression_steps(1), ["progression_step"]),
    ],
    ids=[
        "placements of a year",
        "placements shown",
        "grants of a year",
        "network meetings of a year",
        "network themes of a year",
        "evaluations of an agreement",
        "steps of a progression case",
    ],
)
def test_a_list_of_one_year_searches_its_tables_by_index(example_db, query, year_tables):
    plans = _plans(query)
    assert plans
    for sql, details in plans:
        for table in year_tables:
            scans = [d for d in details if d.startswith("SCAN") and d.split()[1].strip('"') == table]
            assert not scans, f"{sql}\n{details}"
        assert any(way in d for d in details for way in SEARCHES), f"{sql}\n{details}"


def test_the_enterprise_list_reads_each_table_once(example_db):
    """The list shows every enterprise, so it reads the table whole, once, in three queries in all (not one
    query per row)."""
    plans = _plans(lambda: enterprise_rows(dt.date(2018, 12, 31)))
    assert len(plans) == 3


def test_the_counts_of_a_year_read_one_covering_index(example_db):
    """Ansættelser, Mål and Overblik count the year's placements by channel and type from the index alone."""
    from models.figures import job_counts, jobcenter_by_month

    for query in (lambda: job_counts(dt.date(2018, 1, 1), dt.date(2018, 12, 31)), lambda: jobcenter_by_month(2018)):
        plans = [(sql, details) for sql, details in _plans(query) if "job_placement" in sql]
        assert plans
        for sql, details in plans:
            assert any("USING COVERING INDEX job_placement_date_channel_type_id" in d for d in details), (
                f"{sql}\n{details}"
            )
