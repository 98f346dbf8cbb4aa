"""What makes a record the same record in two databases, for importing: the identity of each kind of record
that has one (an enterprise has its own rule in models.data_import). Records without an identity (grants,
placements, meetings, ...) are the same when all their values are."""

from models.activities import Goal, ProgressionCase
from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.base import BaseModel
from models.enterprises import EnterpriseTargetGroup, EnterpriseText, Initiative, InitiativeMembership, TargetGroup
from models.history import YearLock
from models.placements import PlacementType
from models.report_texts import ReportSection, ReportYear

IDENTITY_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    TargetGroup: ("name",),
    PlacementType: ("name",),
    Initiative: ("name",),
    Goal: ("name",),
    ProgressionCase: ("pseudonym",),
    ReportYear: ("year",),
    YearLock: ("year",),
    Paradigm: ("name", "version"),
    Agreement: ("number",),
    EnterpriseText: ("enterprise", "year"),
    EnterpriseTargetGroup: ("enterprise", "target_group"),
    InitiativeMembership: ("initiative", "enterprise"),
    OutcomeCategory: ("paradigm", "name"),
    ParadigmQuestion: ("paradigm", "position"),
    EvaluationAnswer: ("evaluation", "question"),
    EvaluationOutcome: ("evaluation", "category"),
    Evaluation: ("agreement", "date"),
    ReportSection: ("report_year", "number"),
}


def identity_key(model: type[BaseModel], values: dict) -> tuple:
    """The identity as a comparable tuple (names compared without regard to case)."""
    key = []
    for name in IDENTITY_FIELDS[model]:
        value = values.get(name)
        key.append(value.strip().casefold() if isinstance(value, str) else value)
    return tuple(key)


def _finder(model: type[BaseModel]):
    def find(values: dict) -> BaseModel | None:
        conditions = []
        for name in IDENTITY_FIELDS[model]:
            column, value = getattr(model, name), values.get(name)
            conditions.append(column.is_null() if value is None else column == value)
        return model.select().where(*conditions).first()

    return find


IDENTITIES = {model: _finder(model) for model in IDENTITY_FIELDS}
