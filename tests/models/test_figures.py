"""Every derived figure of DOMAIN.md's table, read from the example data, and each moving with the data."""

import datetime as dt
from fractions import Fraction

import pytest

from models.activities import Goal, NetworkMeeting, Partnership
from models.agreements import Agreement, Evaluation, EvaluationOutcome, OutcomeCategory
from models.enterprises import Enterprise, Initiative, InitiativeMembership, Registration
from models.figures import (
    count_enterprises_active,
    evaluations_in_period,
    goal_statuses,
    grants_total,
    initiative_members,
    job_counts,
    registration_counts,
    year_status,
)
from models.grants import Grant
from models.placements import JobPlacement, PlacementType

YEAR_END = dt.date(2018, 12, 31)
YEAR_START = dt.date(2018, 1, 1)


def _evaluation(number: int):
    return next(e for e in evaluations_in_period(YEAR_START, YEAR_END) if e.agreement_number == number)


def test_enterprises_active_at_year_end_leaves_out_bevar(example_db):
    assert Enterprise.select().count() == 20
    assert count_enterprises_active(YEAR_END) == 19
    assert count_enterprises_active(dt.date(2018, 12, 30)) == 20


def test_closing_an_enterprise_changes_the_count(example_db):
    Enterprise.update(closed=dt.date(2018, 6, 1)).where(Enterprise.name == "Mini Houses").execute()
    assert count_enterprises_active(YEAR_END) == 18


def test_registration_counts_at_year_end(example_db):
    counts = registration_counts(YEAR_END)
    assert sorted(counts.registered) == sorted(["Blindes Arbejde", "Sumak", "BEVAR", "Musholm", "Magleby Skolecenter"])
    assert sorted(counts.working) == sorted(["MinaGroup", "FriRUM Lab", "VeteranHaven", "CSRnext", "Manden og Konen"])


def test_registration_status_is_read_at_a_date(example_db):
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    Registration.create(enterprise=veteran, status="registered", date=dt.date(2019, 3, 1))
    assert "VeteranHaven" in registration_counts(YEAR_END).working
    later = registration_counts(dt.date(2019, 12, 31))
    assert "VeteranHaven" in later.registered and "VeteranHaven" not in later.working
    # BEVAR closed at the end of 2018: it no longer counts in 2019
    assert "BEVAR" not in later.registered


def test_jobs_by_type_and_channel(example_db):
    jobs = job_counts(YEAR_START, YEAR_END)
    assert jobs.jobcenter == {"Fleksjob": 21, "Deltidsjob": 7, "Fuldtid": 3, "Løntilskud": 4}
    assert jobs.jobcenter_total == 35
    assert jobs.own_total == 29


def test_a_placement_added_moves_the_counts(example_db):
    fleks = PlacementType.get(PlacementType.name == "Fleksjob")
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    JobPlacement.create(enterprise=sumak, date=dt.date(2018, 12, 31), type=fleks, channel="jobcenter")
    JobPlacement.create(enterprise=sumak, date=dt.date(2019, 1, 1), type=fleks, channel="jobcenter")
    jobs = job_counts(YEAR_START, YEAR_END)
    assert jobs.jobcenter["Fleksjob"] == 22 and jobs.jobcenter_total == 36


def test_mid_year_counts_only_the_first_half(example_db):
    mid = job_counts(YEAR_START, dt.date(2018, 6, 30))
    expected = JobPlacement.select().where(JobPlacement.date <= dt.date(2018, 6, 30)).count()
    assert 0 < mid.jobcenter_total + mid.own_total == expected < 64


def test_agreement_1_shares(example_db):
    figures = _evaluation(1)
    assert figures.completed == 25
    assert figures.good_outcomes == 10  # uddannelse 3 + ordinært job 2 + fleksjob 5
    assert figures.good_outcome_share == Fraction(2, 5)
    assert figures.stopped_share == Fraction(4, 25)
    assert figures.warnings == []


def test_agreement_2_share_and_inconsistency_warning(example_db):
    figures = _evaluation(2)
    assert (figures.good_outcomes, figures.completed) == (22, 34)
    assert float(figures.good_outcome_share) == pytest.approx(0.647, abs=0.001)
    assert figures.outcome_sum == 36
    assert len(figures.warnings) == 1 and "36" in figures.warnings[0] and "34" in figures.warnings[0]


def test_which_categories_are_good_is_a_setting(example_db):
    OutcomeCategory.update(is_good=True).where(OutcomeCategory.name == "Jobsøgende").execute()
    assert _evaluation(1).good_outcomes == 11


def test_places_in_use_beyond_the_agreement_is_warned(example_db):
    agreement = Agreement.get(Agreement.number == 2)
    Evaluation.update(places_in_use=agreement.places + agreement.extra_places + 1).where(
        Evaluation.agreement == agreement
    ).execute()
    assert any("forløb i brug" in w for w in _evaluation(2).warnings)


def test_fixing_the_counts_removes_the_warning(example_db):
    evaluation = Evaluation.get(Evaluation.agreement == Agreement.get(Agreement.number == 2))
    EvaluationOutcome.update(count=EvaluationOutcome.count - 2).where(
        (EvaluationOutcome.evaluation == evaluation)
        & (EvaluationOutcome.category == OutcomeCategory.get(OutcomeCategory.name == "Afventer rehabiliteringsteam"))
    ).execute()
    assert _evaluation(2).warnings == []


def test_initiative_members(example_db):
    assert initiative_members(YEAR_END) == {"Borger i job med afsæt i fælles værdikæde": 7}
    membership = InitiativeMembership.select().first()
    membership.left = dt.date(2018, 12, 1)
    membership.save()
    assert initiative_members(YEAR_END)["Borger i job med afsæt i fælles værdikæde"] == 6
    assert initiative_members(dt.date(2018, 9, 1))["Borger i job med afsæt i fælles værdikæde"] == 0
    Initiative.create(name="Nyt initiativ")
    assert initiative_members(YEAR_END)["Nyt initiativ"] == 0


def test_grants_total(example_db):
    expected = sum(g.amount_dkk for g in Grant.select().where(Grant.year == 2018))
    total = grants_total(2018)
    assert total.total_dkk == expected == 150_000 + 475_000 + 412_000 + 650_000
    assert total.approximate  # the Busmuseum's "ca. 650.000 kr."
    assert grants_total(2019).total_dkk == 0


def test_goal_status(example_db):
    statuses = {g.short_name: g for g in goal_statuses(YEAR_END)}
    assert statuses["aarspris"].met and statuses["aarspris"].achieved_on == dt.date(2018, 6, 15)
    assert (statuses["virksomheder"].value, statuses["virksomheder"].target, statuses["virksomheder"].met) == (
        19,
        25,
        False,
    )
    assert (statuses["job"].value, statuses["job"].target, statuses["job"].met) == (35, 30, True)
    before = {g.short_name: g for g in goal_statuses(dt.date(2018, 6, 1))}
    assert not before["aarspris"].met


def test_goal_met_when_target_lowered(example_db):
    Goal.update(target=19).where(Goal.short_name == "virksomheder").execute()
    assert {g.short_name: g.met for g in goal_statuses(YEAR_END)}["virksomheder"]


def test_year_status_json_contract(example_db):
    data = year_status(2018).to_json()
    for key in (
        "year",
        "enterprises_active",
        "registered",
        "registering",
        "jobs_jobcenter",
        "jobs_own_channels_total",
        "grants_total_dkk",
        "initiative_members",
        "evaluations",
    ):
        assert key in data
    assert data["jobs_jobcenter"]["total"] == sum(v for k, v in data["jobs_jobcenter"].items() if k != "total")
    assert data["meetings_held"] == NetworkMeeting.select().where(NetworkMeeting.status == "held").count() == 4
    assert data["meetings_planned_next_year"] == 6
    for item in data["evaluations"]:
        assert set(item) >= {"agreement", "date", "completed", "good_outcomes", "good_outcome_share", "warnings"}


def test_partnerships_started_in_the_year(example_db):
    from models.figures import partnerships_started

    assert partnerships_started(2018) == Partnership.select().where(Partnership.started.year == 2018).count() == 2


def test_empty_store_gives_zeros(db):
    status = year_status(2030)
    assert (status.enterprises_active, status.jobs.jobcenter_total, status.grants.total_dkk) == (0, 0, 0)
    assert status.evaluations == [] and status.jobs_target is None
