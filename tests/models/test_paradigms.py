"""A new paradigm version copies questions and categories; old evaluations keep their version."""

from models.agreements import Evaluation, OutcomeCategory, Paradigm
from models.figures import evaluations_in_period, year_end, year_start
from models.paradigms import is_in_use, latest_paradigm, new_version


def test_new_version_leaves_old_evaluations_alone(example_db):
    old = latest_paradigm()
    assert is_in_use(old)
    copy = new_version(old)
    assert copy.version == old.version + 1 and latest_paradigm() == copy and not is_in_use(copy)
    assert copy.questions.count() == old.questions.count() == 8
    assert [c.name for c in copy.categories.order_by(OutcomeCategory.position)] == [
        c.name for c in old.categories.order_by(OutcomeCategory.position)
    ]
    OutcomeCategory.update(is_good=True).where(
        (OutcomeCategory.paradigm == copy) & (OutcomeCategory.name == "Jobsøgende")
    ).execute()
    figures = {e.agreement_number: e for e in evaluations_in_period(year_start(2018), year_end(2018))}
    assert figures[1].good_outcomes == 10  # still counted by version 1
    assert all(e.paradigm_id == old.id for e in Evaluation.select())
    assert Paradigm.select().count() == 2
