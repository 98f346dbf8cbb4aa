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


def test_every_item_model_passes_qts_model_tester(check, window):
    for model in _our_models(window):
        check(model)


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
