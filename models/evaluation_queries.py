"""What the evaluation panel shows, read as plain rows: the outcome categories of an evaluation's paradigm
with the count entered for each."""

from dataclasses import dataclass

from models.agreements import Evaluation, EvaluationOutcome, OutcomeCategory


@dataclass(frozen=True)
class OutcomeRow:
    category_id: int
    name: str
    is_good: bool
    is_stopped: bool
    outcome_id: int | None  # the stored count's id, None while no count is entered
    count: int | None
    version: int | None = None  # the stored count's row version (a colleague's save since is not overwritten)

    @property
    def id(self) -> int:
        """A row of the grid is its category."""
        return self.category_id


def outcome_rows(evaluation_id: int | None) -> list[OutcomeRow]:
    """Every category of the evaluation's paradigm, in the paradigm's order, with its count."""
    if evaluation_id is None:
        return []
    evaluation = Evaluation.get_or_none(Evaluation.id == evaluation_id)
    if evaluation is None:
        return []
    counts = {
        category: (outcome_id, count, version)
        for outcome_id, category, count, version in EvaluationOutcome.select(
            EvaluationOutcome.id, EvaluationOutcome.category, EvaluationOutcome.count, EvaluationOutcome.row_version
        )
        .where(EvaluationOutcome.evaluation == evaluation_id)
        .tuples()
    }
    categories = (
        OutcomeCategory.select(
            OutcomeCategory.id, OutcomeCategory.name, OutcomeCategory.is_good, OutcomeCategory.is_stopped
        )
        .where(OutcomeCategory.paradigm == evaluation.paradigm_id)
        .order_by(OutcomeCategory.position)
        .tuples()
    )
    return [
        OutcomeRow(id_, name, bool(good), bool(stopped), *counts.get(id_, (None, None, None)))
        for id_, name, good, stopped in categories
    ]
