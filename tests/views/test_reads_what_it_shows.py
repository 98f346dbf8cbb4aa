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


def _many_placements(count: int) -> None:
    """``count`` more placements in 2018, dated backwards from December so they mix with the example's."""
    import datetime as dt

    from models.enterprises import Enterprise
    from models.placements import JobPlacement, PlacementType

    enterprise, kind = Enterprise.select().first(), PlacementType.select().first()
    rows = [
        {
            "enterprise": enterprise.id,
            "date": dt.date(2018, 12, 31) - dt.timedelta(days=n % 365),
            "type": kind.id,
            "channel": "own",
            "hours_per_week": None,
        }
        for n in range(count)
    ]
    JobPlacement.insert_many(rows).execute()


def test_ansaettelser_reads_the_values_of_the_rows_it_shows(qtbot, example_db, db_path, settings, answers):
    from models.formatting import format_field_date
    from models.placements import JobPlacement
    from tests.views.conftest import open_window
    from tests.views.test_placement_page import _go
    from views.placement_table import BLOCK

    _many_placements(3 * BLOCK)
    window = open_window(qtbot, db_path, settings)
    page = _go(qtbot, window)
    model = page.model
    in_year = JobPlacement.select().where(JobPlacement.date.year == 2018)
    assert model.rowCount() == in_year.count() + 1  # every placement of the year has its row, and the new row
    qtbot.waitUntil(lambda: model.rows[0].values is not None)  # painted: the first rows are shown
    qtbot.wait(50)
    read = [row for row in model.rows if row.values is not None]
    assert len(read) <= BLOCK  # the first screenful's block, not the year
    # the last rows are read when they are shown, in the table's order: by date, then as entered
    last = model.rowCount() - 2
    page.table.scrollTo(model.index(last, 0))
    qtbot.waitUntil(lambda: model.rows[last].values is not None)
    latest = in_year.order_by(JobPlacement.date.desc(), JobPlacement.id.desc()).first()
    assert model.rows[last].id == latest.id
    assert model.index(last, 0).data() == format_field_date(latest.date)
    assert len([row for row in model.rows if row.values is not None]) <= 2 * BLOCK
