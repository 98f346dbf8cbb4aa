"""Deleting: refused with a message while others refer to a record, unless the cascade is asked for."""

import pytest

from models.agreements import Agreement, Evaluation, EvaluationAnswer
from models.deletion import delete_record, dependents
from models.enterprises import Enterprise, EnterpriseText, TargetGroup
from models.errors import ReferencedError
from models.grants import Grant, GrantFunder
from models.placements import JobPlacement
from tests.helpers.store_checks import foreign_key_problems


def test_enterprise_with_grants_is_refused_with_a_message(example_db):
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    placements = JobPlacement.select().where(JobPlacement.enterprise == veteran).count()
    with pytest.raises(ReferencedError) as raised:
        delete_record(veteran)
    message = str(raised.value)
    assert "VeteranHaven" in message and "1 tilskud" in message and f"{placements} ansættelser" in message
    assert Enterprise.get_or_none(Enterprise.name == "VeteranHaven") is not None


def test_dependents_list_owned_parts_too(example_db):
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    found = {d.label: (d.count, d.owned) for d in dependents(veteran)}
    assert found["årstekst"] == (1, True)
    assert found["tilskud"] == (1, False)


def test_cascade_deletes_everything_that_belonged(example_db):
    veteran = Enterprise.get(Enterprise.name == "VeteranHaven")
    grant = Grant.get(Grant.enterprise == veteran)
    agreement = Agreement.get(Agreement.enterprise == veteran)
    evaluations = [e.id for e in agreement.evaluations]
    delete_record(veteran, cascade=True)
    assert Enterprise.get_or_none(Enterprise.name == "VeteranHaven") is None
    assert GrantFunder.select().where(GrantFunder.grant == grant.id).count() == 0
    assert EvaluationAnswer.select().where(EvaluationAnswer.evaluation.in_(evaluations)).count() == 0
    assert Evaluation.select().where(Evaluation.id.in_(evaluations)).count() == 0
    assert foreign_key_problems(example_db) == []


def test_record_with_only_own_parts_is_deleted(db):
    enterprise = Enterprise.create(name="Café Fælles")
    EnterpriseText.create(enterprise=enterprise, year=2019, presentation="Ny café")
    delete_record(enterprise)
    assert Enterprise.select().count() == 0 and EnterpriseText.select().count() == 0


def test_vocabulary_term_in_use_is_refused(example_db):
    term = TargetGroup.get(TargetGroup.name == "veteraner")
    with pytest.raises(ReferencedError, match="målgruppe"):
        delete_record(term)
