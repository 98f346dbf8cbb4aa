"""The evaluation paradigm is versioned: a version used by evaluations is kept as it was, and changes for the
future go into a new version that new evaluations use."""

from models.agreements import Evaluation, OutcomeCategory, Paradigm, ParadigmQuestion
from models.base import database_proxy


def latest_paradigm() -> Paradigm | None:
    return Paradigm.select().order_by(Paradigm.version.desc(), Paradigm.id.desc()).first()


def is_in_use(paradigm: Paradigm) -> bool:
    return Evaluation.select().where(Evaluation.paradigm == paradigm).exists()


def new_version(paradigm: Paradigm) -> Paradigm:
    """A copy of ``paradigm`` (questions, categories and which count as good or stopped) as the next version."""
    with database_proxy.atomic():
        top = Paradigm.select().where(Paradigm.name == paradigm.name).order_by(Paradigm.version.desc()).first()
        copy = Paradigm.create(name=paradigm.name, version=top.version + 1, note=paradigm.note)
        for question in paradigm.questions.order_by(ParadigmQuestion.position):
            ParadigmQuestion.create(
                paradigm=copy, position=question.position, text=question.text, is_overview=question.is_overview
            )
        for category in paradigm.categories.order_by(OutcomeCategory.position):
            OutcomeCategory.create(
                paradigm=copy,
                position=category.position,
                name=category.name,
                is_good=category.is_good,
                is_stopped=category.is_stopped,
            )
    return copy
