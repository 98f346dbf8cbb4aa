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

# The identities the store itself keeps unique: two rows of one file with one of these is an error. The others
# (an evaluation by agreement and date, a question by its place) may repeat in a valid store; they are matched
# in order, one stored record for each row of the file.
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


UNIQUE_IN_STORE = {model for model in IDENTITY_FIELDS if model not in (Evaluation, ParadigmQuestion)}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(field, value):
    """A value as the store compares it: a NOCASE column ignores the case of A-Z only (as SQLite does)."""
    if isinstance(value, str) and (getattr(field, "collation", None) or "").upper() == "NOCASE":
        return value.translate(_ASCII_LOWER)
    return value


def identity_key(model: type[BaseModel], values: dict) -> tuple:
    """The identity as a comparable tuple, compared as the store compares it."""
    return tuple(fold(model._meta.fields[name], values.get(name)) for name in IDENTITY_FIELDS[model])


def _finder(model: type[BaseModel]):
    def find(values: dict) -> list[BaseModel]:
        """The stored records with this identity, oldest first."""
        conditions = []
        for name in IDENTITY_FIELDS[model]:
            column, value = getattr(model, name), values.get(name)
            conditions.append(column.is_null() if value is None else column == value)
        return list(model.select().where(*conditions).order_by(model._meta.primary_key))

    return find


IDENTITIES = {model: _finder(model) for model in IDENTITY_FIELDS}
