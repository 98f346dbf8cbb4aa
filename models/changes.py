"""What a command did to the store, as a typed event the window can act on row by row.

Every command of the command layer returns a ``ChangeSet``: for each kind of record (the model class
name) the ids that were added, changed or removed. A page updates only the rows concerned; ``reset``
means the whole store was replaced (a backup restored, another database opened) and every page reloads.
"""

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("added", "changed", "removed")


@dataclass(frozen=True)
class Change:
    """One kind of change to one kind of record: ``model`` is the model class name ("JobPlacement")."""

    model: str
    kind: str  # "added" | "changed" | "removed"
    ids: frozenset[int]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")


@dataclass(frozen=True)
class ChangeSet:
    changes: tuple[Change, ...] = ()
    reset: bool = False

    @classmethod
    def of(cls, model: str, kind: str, ids: Iterable[int]) -> "ChangeSet":
        return cls((Change(model, kind, frozenset(ids)),))

    @classmethod
    def from_rows(cls, kind: str, rows: Iterable[tuple[str, int]]) -> "ChangeSet":
        """A change set from (model name, id) pairs, grouped by model."""
        by_model: dict[str, set[int]] = {}
        for model, record_id in rows:
            by_model.setdefault(model, set()).add(record_id)
        return cls(tuple(Change(model, kind, frozenset(ids)) for model, ids in by_model.items()))

    def __add__(self, other: "ChangeSet") -> "ChangeSet":
        return ChangeSet(self.changes + other.changes, self.reset or other.reset)

    def __bool__(self) -> bool:
        return self.reset or any(change.ids for change in self.changes)

    def models(self) -> set[str]:
        return {change.model for change in self.changes if change.ids}

    def ids(self, model: str, kind: str | None = None) -> frozenset[int]:
        """The ids of ``model`` with a change of ``kind`` (any kind if None)."""
        found: set[int] = set()
        for change in self.changes:
            if change.model == model and (kind is None or change.kind == kind):
                found |= change.ids
        return frozenset(found)

    def touches(self, *models: str) -> bool:
        return self.reset or bool(self.models() & set(models))


RESET = ChangeSet(reset=True)
