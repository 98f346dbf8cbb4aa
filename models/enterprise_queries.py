"""Small reads about enterprises that several pages need: the names for choice lists and the first one."""

from models.enterprises import Enterprise


def enterprise_names() -> dict[int, str]:
    """Every enterprise's id and name, by name."""
    return dict(Enterprise.select(Enterprise.id, Enterprise.name).order_by(Enterprise.name).tuples())


def first_enterprise_id() -> int | None:
    """The first enterprise by name (the default for a new record that needs one), None if there is none."""
    return Enterprise.select(Enterprise.id).order_by(Enterprise.name).scalar()


def any_enterprise() -> bool:
    return Enterprise.select().exists()
