"""What the form of one enterprise shows, as plain rows: the enterprise, its texts for a year (and the last
earlier ones), its target groups and initiatives as check lists, its registrations and its history."""

from dataclasses import dataclass

from models.enterprises import (
    Enterprise,
    EnterpriseTargetGroup,
    EnterpriseText,
    Initiative,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.history import AuditEntry
from models.record_rows import as_row, as_rows


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    checked: bool


def enterprise(enterprise_id: int | None):
    record = Enterprise.get_or_none(Enterprise.id == enterprise_id) if enterprise_id else None
    return as_row(record) if record else None


def enterprise_text(enterprise_id: int | None, year: int):
    """The enterprise's report texts for ``year``, None if there are none yet."""
    if not enterprise_id:
        return None
    record = EnterpriseText.get_or_none((EnterpriseText.enterprise == enterprise_id) & (EnterpriseText.year == year))
    return as_row(record) if record else None


def previous_text(enterprise_id: int, year: int):
    """The latest texts before ``year``, to start the year's texts from; None if there are none."""
    record = (
        EnterpriseText.select()
        .where((EnterpriseText.enterprise == enterprise_id) & (EnterpriseText.year < year))
        .order_by(EnterpriseText.year.desc())
        .first()
    )
    return as_row(record) if record else None


def target_group_choices(enterprise_id: int | None) -> list[Choice]:
    """Every target group by name, checked where the enterprise has it."""
    checked = {
        group_id
        for (group_id,) in EnterpriseTargetGroup.select(EnterpriseTargetGroup.target_group)
        .where(EnterpriseTargetGroup.enterprise == enterprise_id)
        .tuples()
    }
    groups = TargetGroup.select(TargetGroup.id, TargetGroup.name).order_by(TargetGroup.name).tuples()
    return [Choice(id_, name, id_ in checked) for id_, name in groups]


def initiative_choices(enterprise_id: int | None) -> list[Choice]:
    """Every shared initiative by name, checked where the enterprise takes part."""
    checked = {
        initiative_id
        for (initiative_id,) in InitiativeMembership.select(InitiativeMembership.initiative)
        .where(InitiativeMembership.enterprise == enterprise_id)
        .tuples()
    }
    initiatives = Initiative.select(Initiative.id, Initiative.name).order_by(Initiative.name).tuples()
    return [Choice(id_, name, id_ in checked) for id_, name in initiatives]


def group_link(enterprise_id: int, group_id: int) -> int | None:
    """The id of the link between the enterprise and the target group, None if there is none."""
    return (
        EnterpriseTargetGroup.select(EnterpriseTargetGroup.id)
        .where((EnterpriseTargetGroup.enterprise == enterprise_id) & (EnterpriseTargetGroup.target_group == group_id))
        .scalar()
    )


def membership(enterprise_id: int, initiative_id: int) -> int | None:
    """The id of the enterprise's membership of the initiative, None if there is none."""
    return (
        InitiativeMembership.select(InitiativeMembership.id)
        .where((InitiativeMembership.enterprise == enterprise_id) & (InitiativeMembership.initiative == initiative_id))
        .scalar()
    )


def target_group_named(name: str) -> int | None:
    """The id of the target group called ``name`` (any case), None if there is none."""
    return TargetGroup.select(TargetGroup.id).where(TargetGroup.name == name).scalar()


def registrations(enterprise_id: int | None) -> list:
    if not enterprise_id:
        return []
    return as_rows(
        Registration.select()
        .where(Registration.enterprise == enterprise_id)
        .order_by(Registration.date, Registration.id)
    )


def history(enterprise_id: int, limit: int = 200) -> list:
    """The enterprise's audit trail, newest first."""
    return as_rows(
        AuditEntry.select()
        .where((AuditEntry.model == "Enterprise") & (AuditEntry.record_id == enterprise_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
