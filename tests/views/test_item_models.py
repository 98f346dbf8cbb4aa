"""Qt's model tester on every item model the pages use, filled with the example data, and again after edits
that insert, change and remove rows."""

import pytest
from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester

from models.enterprises import Enterprise
from models.placements import JobPlacement


def _our_models(window) -> list[QAbstractItemModel]:
    for key in window.page_for:  # builds every page
        window.page(key)
    window.agreements.setCurrentIndex(1)  # the comparison is filled when its tab is shown
    models = [m for m in window.findChildren(QAbstractItemModel) if type(m).__module__.startswith("views.")]
    assert {type(m).__name__ for m in models} >= {
        "EnterpriseTableModel",
        "GrantTableModel",
        "PlacementTableModel",
        "OutcomeGridModel",
        "ComparisonModel",
        "RecordTableModel",
    }
    return models


@pytest.fixture
def check(request):
    """One tester per model: a tester follows the signals of every model it was given, judging them by the last."""
    testers = []

    def run(model) -> None:
        tester = ModelTester(request.config)
        testers.append(tester)
        tester.check(model, force_py=True)

    yield run
    for tester in testers:
        tester._cleanup()


def _shows(model: QAbstractItemModel, text: str) -> bool:
    """Whether any cell of ``model``'s first level displays ``text``."""
    return any(
        model.data(model.index(row, column)) == text
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_every_item_model_passes_qts_model_tester(check, window):
    models = _our_models(window)
    for model in models:
        check(model)  # the tester fails the test on the first broken rule
    filled = [type(m).__name__ for m in models if m.rowCount() and m.columnCount()]
    assert {"EnterpriseTableModel", "GrantTableModel", "PlacementTableModel"} <= set(filled)


def test_models_stay_valid_through_row_changes(check, window):
    models = _our_models(window)
    for model in models:
        check(model)
    placement = window.placements.model.rows[0].id
    sumak = Enterprise.get(Enterprise.name == "Sumak")
    window.editor.update(Enterprise, sumak.id, {"place": "Andetsteds"}, "sted")
    window.editor.create(
        JobPlacement, {"date": "2018-05-05", "enterprise": sumak.id, "type": 1, "channel": "own"}, "ny"
    )
    window.editor.delete(JobPlacement.get_by_id(placement), "slet")
    window.editor.undo_stack.undo()
    for model in models:
        check(model)
    window.show_area("enterprises")  # a page out of view catches up when it is shown
    enterprises = next(m for m in models if type(m).__name__ == "EnterpriseTableModel")
    check(enterprises)
    assert _shows(enterprises, "Andetsteds")
    assert JobPlacement.get_or_none(JobPlacement.id == placement) is not None  # the undo brought it back
