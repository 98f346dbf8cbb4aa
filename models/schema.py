"""Every table of the store, in an order where each table comes after the tables it refers to."""

from models.activities import Goal, NetworkMeeting, NetworkTheme, Partnership, ProgressionCase, ProgressionStep
from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.enterprises import (
    Enterprise,
    EnterpriseTargetGroup,
    EnterpriseText,
    Initiative,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.grants import Grant, GrantFunder
from models.history import AuditEntry, TrashItem, YearLock
from models.placements import JobPlacement, PlacementType
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    SectionDecision,
    Story,
)

ALL_MODELS = [
    Enterprise,
    EnterpriseText,
    TargetGroup,
    EnterpriseTargetGroup,
    Registration,
    Initiative,
    InitiativeMembership,
    Grant,
    GrantFunder,
    Paradigm,
    ParadigmQuestion,
    OutcomeCategory,
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    PlacementType,
    JobPlacement,
    Partnership,
    NetworkMeeting,
    NetworkTheme,
    ProgressionCase,
    ProgressionStep,
    Goal,
    ReportYear,
    ReportSection,
    SectionDecision,
    Story,
    HolisticRecommendation,
    Reference,
    AuditEntry,
    TrashItem,
    YearLock,
]
HISTORY_MODELS = [AuditEntry, TrashItem, YearLock]
