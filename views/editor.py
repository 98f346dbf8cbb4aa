"""Every edit the window makes goes through the ``Editor``: it stores the edit at once (models.editing)
and records it on the undo stack, so Rediger → Fortryd / Annullér fortryd reverses creates, edits and
deletes across all pages. ``changed`` tells the pages which kind of record changed."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models import editing
from models.base import BaseModel
from models.changes import ChangeSet


class _StoreCommand(QUndoCommand):
    """A command whose first application already happened (so a failure could be shown before pushing)."""

    def __init__(self, editor: "Editor", text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.applied = True

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self.apply()

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _Create(_StoreCommand):
    def __init__(self, editor: "Editor", record: BaseModel, text: str) -> None:
        super().__init__(editor, text)
        self.model = type(record)
        self.record_id = record.get_id()
        self.shot: editing.Snapshot | None = None

    def undo(self) -> None:
        # undoing a create is not a deletion the user made: nothing goes to the trash
        self.shot = editing.delete(self.model.get_by_id(self.record_id), cascade=True, to_trash=False)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "removed", [self.record_id]))

    def apply(self) -> None:
        assert self.shot is not None
        editing.restore(self.shot)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "added", [self.record_id]))


class _Update(_StoreCommand):
    def __init__(self, editor: "Editor", model, record_id: int, new: dict, old: dict, text: str) -> None:
        super().__init__(editor, text)
        self.model, self.record_id, self.new, self.old = model, record_id, new, old

    def undo(self) -> None:
        editing.update(self.model, self.record_id, self.old)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "changed", [self.record_id]))

    def apply(self) -> None:
        editing.update(self.model, self.record_id, self.new)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "changed", [self.record_id]))


class _Delete(_StoreCommand):
    def __init__(self, editor: "Editor", model, record_id: int, shot: editing.Snapshot, text: str) -> None:
        super().__init__(editor, text)
        self.model, self.record_id, self.shot = model, record_id, shot

    def undo(self) -> None:
        editing.restore(self.shot)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "added", [self.record_id]))

    def apply(self) -> None:
        self.shot = editing.delete(self.model.get_by_id(self.record_id), cascade=True)
        self.editor.changed.emit(self.model.__name__)
        self.editor.changes.emit(ChangeSet.of(self.model.__name__, "removed", [self.record_id]))


class Editor(QObject):
    changed = Signal(str)  # the model class name of what changed
    changes = Signal(object)  # a models.changes.ChangeSet, next to each ``changed``

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)

    def create(self, model: type[BaseModel], values: dict, text: str) -> BaseModel:
        """Store a new record; raises ``ValidationError`` and stores nothing if a value is invalid."""
        record = editing.create(model, **values)
        self.undo_stack.push(_Create(self, record, text))
        self.changed.emit(model.__name__)
        self.changes.emit(ChangeSet.of(model.__name__, "added", [record.get_id()]))
        return record

    def update(self, model: type[BaseModel], record_id: int, changes: dict, text: str) -> None:
        """Store changed fields of one record; raises ``ValidationError`` and stores nothing if invalid.
        A change to the value already stored is not recorded."""
        current = model.get_by_id(record_id)
        changes = {k: v for k, v in changes.items() if _raw(getattr(current, k)) != _raw(v)}
        if not changes:
            return
        old = editing.update(model, record_id, changes)
        new = {k: _raw(v) for k, v in changes.items()}
        self.undo_stack.push(_Update(self, model, record_id, new, old, text))
        self.changed.emit(model.__name__)
        self.changes.emit(ChangeSet.of(model.__name__, "changed", [record_id]))

    def delete(self, record: BaseModel, text: str, *, cascade: bool = True) -> None:
        """Delete a record (by default with everything that belongs to it, after the caller confirmed)."""
        model, record_id = type(record), record.get_id()
        shot = editing.delete(record, cascade=cascade)
        self.undo_stack.push(_Delete(self, model, record_id, shot, text))
        self.changed.emit(model.__name__)
        self.changes.emit(ChangeSet.of(model.__name__, "removed", [record_id]))

    def begin(self, text: str) -> None:
        """Group the following edits into one undo step, until ``end``."""
        self.undo_stack.beginMacro(text)

    def end(self) -> None:
        self.undo_stack.endMacro()


def _raw(value):
    return value.get_id() if isinstance(value, BaseModel) else value
