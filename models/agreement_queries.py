"""What the Aftaler og evalueringer page shows, as plain rows: the agreements, an agreement's evaluations,
an evaluation with its answers, the paradigm versions with their questions and outcome categories; and the
next agreement number."""

from peewee import fn

from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.enterprises import Enterprise
from models.record_rows import as_row, as_rows


def agreements() -> list:
    """Every agreement by number, with ``enterprise_name`` and ``evaluation_count``."""
    counts = dict(
        Evaluation.select(Evaluation.agreement, fn.COUNT(Evaluation.id)).group_by(Evaluation.agreement).tuples()
    )
    query = Agreement.select(Agreement, Enterprise.id, Enterprise.name).join(Enterprise).order_by(Agreement.number)
    return as_rows(query, enterprise_name=lambda a: a.enterprise.name, evaluation_count=lambda a: counts.get(a.id, 0))


def evaluations(agreement_id: int | None) -> list:
    """The agreement's evaluations by date."""
    if agreement_id is None:
        return []
    return as_rows(Evaluation.select().where(Evaluation.agreement == agreement_id).order_by(Evaluation.date))


def evaluation(evaluation_id: int | None):
    record = Evaluation.get_or_none(Evaluation.id == evaluation_id) if evaluation_id else None
    return as_row(record) if record else None


def answer(evaluation_id: int, question_id: int):
    """The evaluation's answer to the question, None if it has none."""
    record = EvaluationAnswer.get_or_none(
        (EvaluationAnswer.evaluation == evaluation_id) & (EvaluationAnswer.question == question_id)
    )
    return as_row(record) if record else None


def paradigms() -> list[tuple[int, str]]:
    """(id, name with version) of every paradigm version."""
    return [(p.id, p.display_name()) for p in Paradigm.select().order_by(Paradigm.name, Paradigm.version)]


def paradigm_evaluation_count(paradigm_id: int | None) -> int | None:
    """How many evaluations use the version (0 if none: it may still be changed); None if there is no such
    version."""
    if paradigm_id is None or not Paradigm.select().where(Paradigm.id == paradigm_id).exists():
        return None
    return Evaluation.select().where(Evaluation.paradigm == paradigm_id).count()


def paradigm_questions(paradigm_id: int | None) -> list:
    if paradigm_id is None:
        return []
    return as_rows(
        ParadigmQuestion.select().where(ParadigmQuestion.paradigm == paradigm_id).order_by(ParadigmQuestion.position)
    )


def outcome_categories(paradigm_id: int | None) -> list:
    if paradigm_id is None:
        return []
    return as_rows(
        OutcomeCategory.select().where(OutcomeCategory.paradigm == paradigm_id).order_by(OutcomeCategory.position)
    )


def next_agreement_number() -> int:
    return (Agreement.select(Agreement.number).order_by(Agreement.number.desc()).scalar() or 0) + 1


def agreement(agreement_id: int | None):
    """One agreement as a row (with ``enterprise_name``), None if there is no such agreement."""
    record = (
        Agreement.select(Agreement, Enterprise.id, Enterprise.name)
        .join(Enterprise)
        .where(Agreement.id == agreement_id)
        .first()
        if agreement_id
        else None
    )
    return as_row(record, enterprise_name=lambda a: a.enterprise.name) if record else None
