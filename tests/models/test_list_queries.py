"""The pages' list queries read with plain cursors on either engine: what they give is what the models read."""

from models.grants import Grant
from models.placement_queries import placement_keys_in_year, placements_by_id
from models.placements import JobPlacement
from models.queries import grant_rows


def test_grants_of_a_year_as_the_models_read_them(example_db):
    expected = [
        (g.id, g.enterprise_id, g.enterprise.name, g.year, g.amount_dkk, g.approximate, g.covers_until_year, g.purpose)
        for g in Grant.select().where(Grant.year == 2018).order_by(Grant.year, Grant.position, Grant.id)
    ]
    rows = grant_rows(2018)
    assert expected
    got = [
        (r.id, r.enterprise_id, r.enterprise, r.year, r.amount_dkk, r.approximate, r.covers_until_year, r.purpose)
        for r in rows
    ]
    assert got == expected
    one = expected[0][1]
    assert {r.id for r in grant_rows(2018, one)} == {g.id for g in Grant.select().where(Grant.enterprise == one)}


def test_placements_of_a_year_in_the_tables_order_with_their_values(example_db):
    placements = list(
        JobPlacement.select().where(JobPlacement.date.year == 2018).order_by(JobPlacement.date, JobPlacement.id)
    )
    assert placements
    assert placement_keys_in_year(2018) == [(p.id, p.date.isoformat()) for p in placements]
    read = placements_by_id(p.id for p in placements)
    for p in placements:
        assert read[p.id].values() == {
            "date": p.date,
            "enterprise": p.enterprise_id,
            "type": p.type_id,
            "channel": p.channel,
            "hours_per_week": p.hours_per_week,
        }
