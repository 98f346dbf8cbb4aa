"""Every edit the window makes goes through the ``Editor``: it runs the command in the store's command layer
(models.editing), records it on the undo stack, and tells the pages what changed, once per command.

``changes`` carries a ``models.changes.ChangeSet`` (which records were added, changed or removed), once per
command; pages update the rows concerned. An undo or redo that the store refuses (the year was locked since)
leaves the stack where it was and reports a Danish message through ``failed``.
"""

import contextlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from models import editing
from models.batch import one_transaction
from models.changes import RESET, ChangeSet
from models.errors import StaleRecordError, StoreError
from models.i18n import _

log = logging.getLogger(__name__)


class _StoreCommand(QUndoCommand):
    """A command whose first application already happened (so a failure could be shown before pushing)."""

    def __init__(self, editor: "Editor", text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.applied = True
        self.skip_undo = False

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self.editor._run_guarded(self.apply)

    def undo(self) -> None:
        if self.skip_undo:  # its redo failed: there is nothing to revert
            self.skip_undo = False
            return
        self.editor._run_guarded(self.revert)

    def apply(self) -> ChangeSet:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> ChangeSet:  # pragma: no cover - overridden
        raise NotImplementedError


class _Create(_StoreCommand):
    def __init__(self, editor: "Editor", record, text: str) -> None:
        super().__init__(editor, text)
        self.model = type(record)
        self.record_id = record.get_id()
        self.shot: editing.Snapshot | None = None

    def revert(self) -> ChangeSet:
        # undoing a create is not a deletion the user made: nothing goes to the trash
        self.shot = editing.delete(editing.get_record(self.model, self.record_id), cascade=True, to_trash=False)
        return self.shot.changes("removed")

    def apply(self) -> ChangeSet:
        assert self.shot is not None
        return editing.restore(self.shot)


class _Update(_StoreCommand):
    def __init__(self, editor: "Editor", model, record_id: int, new: dict, old: dict, text: str) -> None:
        super().__init__(editor, text)
        self.model, self.record_id, self.new, self.old = model, record_id, new, old

    def _save(self, values: dict) -> ChangeSet:
        # refused if a colleague saved the record after this window's last save of it
        key = (self.model, self.record_id)
        _old, self.editor.versions[key] = editing.save_changes(
            self.model, self.record_id, values, version=self.editor.versions.get(key)
        )
        return ChangeSet.of(self.model.__name__, "changed", [self.record_id])

    def revert(self) -> ChangeSet:
        return self._save(self.old)

    def apply(self) -> ChangeSet:
        return self._save(self.new)


class _Delete(_StoreCommand):
    def __init__(self, editor: "Editor", model, record_id: int, shot: editing.Snapshot, text: str) -> None:
        super().__init__(editor, text)
        self.model, self.record_id, self.shot = model, record_id, shot

    def revert(self) -> ChangeSet:
        return editing.restore(self.shot)

    def apply(self) -> ChangeSet:
        self.shot = editing.delete(editing.get_record(self.model, self.record_id), cascade=True)
        return self.shot.changes("removed")


class _RestoreFromTrash(_Delete):
    """The reverse of a delete: undone by deleting the record again (to the trash), redone by restoring it."""

    revert = _Delete.apply
    apply = _Delete.revert


class _Bulk(_StoreCommand):
    """Many records added by one command (an import, a paste, a year copy): undone by taking them out."""

    def __init__(self, editor: "Editor", rows, text: str, record: str) -> None:
        super().__init__(editor, text)
        self.rows, self.record = tuple(rows), record
        self.shot: editing.Snapshot | None = None

    def revert(self) -> ChangeSet:
        self.shot = editing.remove_rows(self.rows, "undo", self.record or self.text())
        return self.shot.changes("removed")

    def apply(self) -> ChangeSet:
        assert self.shot is not None
        return editing.restore(self.shot, description=self.record)


class _Group(_StoreCommand):
    """Several edits made as one step (deleting the selected rows): undone and redone all at once in one
    transaction, so a refusal part of the way leaves the store as it was."""

    def __init__(self, editor: "Editor", text: str) -> None:
        super().__init__(editor, text)
        self.children: list[_StoreCommand] = []

    def revert(self) -> ChangeSet:
        changes = ChangeSet()
        with one_transaction():
            for child in reversed(self.children):
                changes = changes + child.revert()
        return changes

    def apply(self) -> ChangeSet:
        changes = ChangeSet()
        with one_transaction():
            for child in self.children:
                changes = changes + child.apply()
        return changes


class Editor(QObject):
    changes = Signal(object)  # a ChangeSet, once per command
    failed = Signal(str)  # a Danish message: an undo or redo the store refused

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        # (model, id) -> the row version this window's last save left: its undo and redo steps are refused if a
        # colleague saved the record after it
        self.versions: dict[tuple[type, int], int] = {}
        self.seen_entry: int | None = None  # the newest audit entry the pages have been read after (see ``catch_up``)
        self.seen_ids: set[int] = set()  # the entries near it that have been read (one may commit late)
        self._failure: str | None = None
        self._group: _Group | None = None
        self._depth = 0
        from models.store import on_store_opened

        on_store_opened(self._on_store_opened)

    # --- telling the pages ----------------------------------------------------------------------------
    def _emit(self, changes: ChangeSet) -> None:
        if not changes:
            return
        self.changes.emit(changes)

    def _on_store_opened(self) -> None:
        # another database (or a restored backup): the undo steps belong to the one that was open
        self.undo_stack.clear()
        self.versions.clear()
        self.seen_entry = None
        self.changes.emit(RESET)

    def catch_up(self) -> None:
        """Show what colleagues (or another window) changed in the store since the pages were last read: one
        look at the audit trail's last entries (those not yet seen); the pages of the changed kinds of records read
        again."""
        from models.engine import is_open
        from models.history import changed_since_seen, latest_entry_id, recent_entry_ids

        if not is_open():  # the window outlived its store (closing): nothing to catch up with
            return
        if self.seen_entry is None:
            self.seen_entry = latest_entry_id()
            self.seen_ids = recent_entry_ids(self.seen_entry)
            return
        self.seen_entry, changes, self.seen_ids = changed_since_seen(self.seen_entry, self.seen_ids)
        self._emit(changes)

    # --- undo and redo ----------------------------------------------------------------------------------
    def _run_guarded(self, step) -> None:
        try:
            self._emit(step())
        except StoreError as error:
            self._failure = str(error)
        except Exception:  # a bug: logged, shown plainly, and the stack kept where it was
            log.exception("undo/redo failed")
            self._failure = _("der opstod en uventet fejl, som er skrevet i loggen. Intet er ændret.")

    def undo(self) -> bool:
        """Undo the last step; if the store refuses, the stack stays where it was and ``failed`` says why."""
        if not self.undo_stack.canUndo():
            return False
        self._failure = None
        index = self.undo_stack.index()
        self.undo_stack.undo()
        if self._failure is not None:
            command = self.undo_stack.command(index - 1)
            command.applied = True  # it was never undone: moving forward again must not apply it twice
            self.undo_stack.redo()
            self.failed.emit(_("Kan ikke fortrydes: {reason}").format(reason=self._failure))
            return False
        return True

    def redo(self) -> bool:
        if not self.undo_stack.canRedo():
            return False
        self._failure = None
        self.undo_stack.redo()
        if self._failure is not None:
            self.undo_stack.command(self.undo_stack.index() - 1).skip_undo = True
            self.undo_stack.setIndex(self.undo_stack.index() - 1)
            self.failed.emit(_("Kan ikke gentages: {reason}").format(reason=self._failure))
            return False
        return True

    def undo_action(self, parent: QObject, text: str, *, first=None) -> QAction:
        """Rediger → Fortryd, naming the step it undoes ("Fortryd ny ansættelse"). ``first``, if given, runs
        before the undo and returns True if it did what the user asked for instead (undid a field's typing)."""
        stack = self.undo_stack
        slot = self.undo if first is None else (lambda *_args: first() or self.undo())
        return self._action(parent, text, slot, stack.canUndoChanged, stack.canUndo)

    def redo_action(self, parent: QObject, text: str, *, first=None) -> QAction:
        stack = self.undo_stack
        slot = self.redo if first is None else (lambda *_args: first() or self.redo())
        return self._action(parent, text, slot, stack.canRedoChanged, stack.canRedo)

    def _action(self, parent, text, slot, can_changed, can) -> QAction:
        """An action that runs ``slot``, enabled while the stack can; the window names the step in its text."""
        action = QAction(text, parent)
        action.setEnabled(can())
        action.triggered.connect(slot)
        can_changed.connect(action.setEnabled)
        return action

    # --- commands ---------------------------------------------------------------------------------------
    def create(self, model: type, values: dict, text: str):
        """Store a new record; raises ``ValidationError`` and stores nothing if a value is invalid."""
        record = editing.create(model, **values)
        self._push(_Create(self, record, text))
        self._emit(ChangeSet.of(model.__name__, "added", [record.get_id()]))
        return record

    def update(self, model: type, record_id: int, changes: dict, text: str, *, version: int | None = None) -> None:
        """Store changed fields of one record; raises ``ValidationError`` and stores nothing if invalid.
        A change to the value already stored is not recorded. ``version`` is the row version the form read: if
        a colleague saved the record since, ``StaleRecordError`` names them and the pages show the stored
        values again."""
        try:
            current = model.get_or_none(model._meta.primary_key == record_id)
            if current is None:
                raise editing.stale_error(model, record_id, None)  # deleted by a colleague
            # the version the page read, or the one this window's own later save left (a page need not read
            # the record again after its own save); anything else is a colleague's save since
            if version is not None and current.row_version not in (version, self.versions.get((model, record_id))):
                raise editing.stale_error(model, record_id, current)
            changes = {k: v for k, v in changes.items() if _raw(getattr(current, k)) != _raw(v)}
            if not changes:
                return
            old, new_version = editing.save_changes(model, record_id, changes, version=current.row_version)
        except StaleRecordError:
            self._emit(ChangeSet.of(model.__name__, "changed", [record_id]))  # show what is stored now
            raise
        new = {k: _raw(v) for k, v in changes.items()}
        self.versions[(model, record_id)] = new_version
        self._push(_Update(self, model, record_id, new, old, text))
        self._emit(ChangeSet.of(model.__name__, "changed", [record_id]))

    def delete(self, record, text: str, *, cascade: bool = True) -> None:
        """Delete a record (by default with everything that belongs to it, after the caller confirmed)."""
        model, record_id = type(record), record.get_id()
        shot = editing.delete(record, cascade=cascade)
        self._push(_Delete(self, model, record_id, shot, text))
        self._emit(shot.changes("removed"))

    def run_bulk(self, text: str, action: str, work, *, record: str = "") -> editing.BulkResult:
        """Run ``work`` as one command of many records (one audit entry, one undo step)."""
        result = editing.run_bulk(action, record or text, work)
        if result.rows:
            self._push(_Bulk(self, result.rows, text, record or text))
        self._emit(result.changes)
        return result

    def import_document(self, document, text: str, *, source: str):
        """Import a data file or a filled template (after a preview) as one undo step."""
        from models.data_import import import_data

        report = import_data(document, apply=True, source=source)
        rows = [(change.model, rid) for change in report.changes.changes for rid in sorted(change.ids)]
        if report.applied and rows:
            self._push(_Bulk(self, rows, text, source))
        self._emit(report.changes)
        return report

    def restore_from_trash(self, item_id: int, text: str) -> ChangeSet:
        """Put a deleted record back from the trash; undone by deleting it again (to the trash)."""
        changes = editing.restore_from_trash(item_id)
        added = [(c.model, rid) for c in changes.changes if c.kind == "added" for rid in sorted(c.ids)]
        if added:
            model_name, record_id = added[0]
            from models.schema import ALL_MODELS

            model = next(m for m in ALL_MODELS if m.__name__ == model_name)
            self._push(_RestoreFromTrash(self, model, record_id, editing.Snapshot(()), text))
        self._emit(changes)
        return changes

    def lock_year(self, year: int, locked: bool) -> None:
        from models.year_locks import lock_year, unlock_year

        (lock_year if locked else unlock_year)(year)
        self._emit(ChangeSet.of("YearLock", "changed", [year]))

    def _push(self, command: _StoreCommand) -> None:
        if self._group is not None:
            self._group.children.append(command)
        else:
            self.undo_stack.push(command)

    @contextlib.contextmanager
    def group(self, text: str):
        """Edits made in the block are one undo step and one transaction: if one is refused, the store keeps
        none of them, no step is pushed, the pages reload, and the refusal is raised to the caller."""
        self.begin(text)
        done = False
        try:
            with one_transaction():
                yield
            done = True
        finally:
            if done:
                self.end()
            else:
                self._depth -= 1
                if self._depth == 0:
                    self._group = None
                self.changes.emit(RESET)  # the pages were told of edits the rollback took back

    def begin(self, text: str) -> None:
        """Group the following edits into one undo step, until ``end`` (groups may nest: the outer one counts)."""
        self._depth += 1
        if self._group is None:
            self._group = _Group(self, text)

    def end(self) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        group, self._group = self._group, None
        if group is not None and group.children:  # an empty step (everything refused) is not pushed
            self.undo_stack.push(group)


def _raw(value):
    return value.get_id() if hasattr(value, "get_id") else value
