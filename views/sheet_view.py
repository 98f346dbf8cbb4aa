"""The keyboard of every editable table, written once and modelled on Excel.

- Typing in a cell replaces its value; F2 (or a double click) edits the value that is there.
- Enter stores the cell and moves down; after a run of Tabs it goes to the next row in the column where the
  run started, as Excel does.
- Tab stores the cell and moves right, and from the last cell to the first cell of the next row; Shift+Tab
  goes back. From the table's last cell (first, with Shift+Tab) Tab goes on to the next field of the form, and
  Ctrl+Tab (Ctrl+Shift+Tab) leaves the table from any cell. Tab and Enter only move: the next cell is edited
  when the user types in it.
- Escape cancels the cell's edit and keeps the stored value.

``ListView`` is the other kind of table: a list of records beside a form. There Tab leaves the table for
the form (Qt's ordinary focus chain) and Enter opens the form on the current record (``open_requested``).
"""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from views.column_fit import fit_columns

Hint = QAbstractItemDelegate.EndEditHint
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MOVES = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)


def _set_up(view: QTableView) -> None:
    """What every table shares: one line per row, a comfortable row height, columns that fit the width."""
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)


class _FittedTable(QTableView):
    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        if model is not None:
            self.fitter = fit_columns(self)


class SheetView(_FittedTable):
    """An editable table with the spreadsheet keyboard described in the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _set_up(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self._tab_start: int | None = None  # the column where a run of Tabs began

    # --- moving ---------------------------------------------------------------------------------------
    def _go(self, row: int, column: int) -> None:
        model = self.model()
        if model is None or not model.rowCount():
            return
        row = max(0, min(row, model.rowCount() - 1))
        column = max(0, min(column, model.columnCount() - 1))
        index = model.index(row, column)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def _down(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        column = self._tab_start if self._tab_start is not None else current.column()
        self._tab_start = None
        self._go(current.row() + 1, column)

    def _leave(self, forward: bool) -> None:
        """Give the focus to the next (previous) widget of the form, past the table's cells."""
        self._tab_start = None
        QWidget.focusNextPrevChild(self, forward)

    def _next(self, step: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            self._leave(step > 0)
            return
        if self._tab_start is None:
            self._tab_start = current.column()
        row, column = current.row(), current.column() + step
        last = self.model().columnCount() - 1
        if column > last:
            if row + 1 >= self.model().rowCount():
                self._leave(True)  # the last cell of the table: on to the next field, never back to the first row
                return
            row, column = row + 1, 0
        elif column < 0:
            if row == 0:
                self._leave(False)
                return
            row, column = row - 1, last
        self._go(row, column)

    # --- Qt overrides ---------------------------------------------------------------------------------
    def closeEditor(self, editor: QWidget, hint: Hint) -> None:  # noqa: N802 - Qt override
        # The delegate has stored the value (commitData) before it asks to close the editor.
        super().closeEditor(editor, Hint.NoHint)
        if hint == Hint.SubmitModelCache:  # Enter
            self._down()
        elif hint == Hint.EditNextItem:  # Tab
            self._next(+1)
        elif hint == Hint.EditPreviousItem:  # Shift+Tab
            self._next(-1)
        if hint != Hint.NoHint:  # a key closed the editor: the keyboard stays in the table (not after a click away)
            self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+Tab, Ctrl+Shift+Tab: out of the table at once (Qt's keys for widgets that use Tab themselves)
            self._leave(key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier)
            return
        if self.state() != QAbstractItemView.State.EditingState and not modifiers:
            if key in ENTER:
                self._down()
                return
            if key == Qt.Key.Key_Tab:
                self._next(+1)
                return
        if key == Qt.Key.Key_Backtab and self.state() != QAbstractItemView.State.EditingState:
            self._next(-1)
            return
        if key in MOVES:
            self._tab_start = None  # moving with the arrows ends a run of Tabs
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._tab_start = None
        super().mousePressEvent(event)


class ListView(_FittedTable):
    """A read-only list of records beside their form: Tab leaves for the form, Enter asks to open the record."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _set_up(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in ENTER and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
