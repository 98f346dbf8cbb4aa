"""Pages read what they show: a table's columns are fitted from a screenful of rows, not from a thousand."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from views.column_fit import PRECISION_ROWS
from views.sheet_view import ListView


class _CountingModel(QAbstractTableModel):
    """Many rows; remembers which rows were asked for."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.count, self.asked = rows, set()

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.asked.add(index.row())
        return f"række {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


def test_a_long_list_is_fitted_from_a_screenful_of_rows(qtbot):
    model = _CountingModel(5000)
    view = ListView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.setModel(model)
    model.asked.clear()
    view.fitter.fit()
    assert model.asked  # the widths come from the rows
    assert len(model.asked) <= PRECISION_ROWS  # not Qt's default of 1000 rows a column
