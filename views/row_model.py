"""The one base of the table models over rows with an ``id``: rows change one by one (insert, update, remove)
instead of a reset, so the view keeps its current record - by id, not by row number - while the store
changes under it."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Holds ``rows`` (objects with an ``id``, compared by value); subclasses give the columns and data."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def row_of(self, record_id: int | None) -> int:
        """The row showing ``record_id``, -1 if none."""
        return next((i for i, row in enumerate(self.rows) if row.id == record_id), -1)

    def row_id(self, row: int) -> int:
        return self.rows[row].id

    def replace_row(self, row: int, value) -> None:
        """One row read again."""
        if self.rows[row] != value:
            self.rows[row] = value
            self.dataChanged.emit(self.index(row, 0), self.index(row, max(self.columnCount() - 1, 0)))

    def replace_rows(self, rows: list) -> None:
        """Show a different list (another filter, sort or parent record): a reset."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def sync_rows(self, rows: list) -> None:
        """Bring the shown rows in line with ``rows`` (the same list, read again) row by row: gone rows are
        removed, changed rows updated where they are, new rows inserted after the row they follow in ``rows``.
        A row already shown does not move, so nothing shifts under the user's cursor."""
        if not self.rows:
            self.replace_rows(rows)  # the first fill (or a refill after the list emptied) is a new list
            return
        wanted = {row.id: row for row in rows}
        for index in range(len(self.rows) - 1, -1, -1):
            if self.rows[index].id not in wanted:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self.rows[index]
                self.endRemoveRows()
        last_column = max(self.columnCount() - 1, 0)
        for index, row in enumerate(self.rows):
            fresh = wanted[row.id]
            if fresh != row:
                self.rows[index] = fresh
                self.dataChanged.emit(self.index(index, 0), self.index(index, last_column))
        shown = {row.id for row in self.rows}
        previous: int | None = None
        for row in rows:
            if row.id not in shown:
                at = 0 if previous is None else self.row_of(previous) + 1
                self.beginInsertRows(QModelIndex(), at, at)
                self.rows.insert(at, row)
                self.endInsertRows()
                shown.add(row.id)
            previous = row.id
