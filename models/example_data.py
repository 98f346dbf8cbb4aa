"""Loading the example dataset (the Slagelse 2018 report as data) through the models, in one transaction.

The dataset lives in ``resources/example/`` (documented in docs/example-data.md). It is the only place
where the seed report's figures are written; everything the application shows is derived from it.
"""

import datetime as dt
import json
from decimal import Decimal
from importlib import resources

from models.activities import (
    Goal,
    NetworkMeeting,
    NetworkTheme,
    Partnership,
    ProgressionCase,
    ProgressionStep,
)
from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.base import database_proxy
from models.enterprises import (
    Enterprise,
    EnterpriseTargetGroup,
    EnterpriseText,
    Initiative,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.errors import StoreError
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.placements import JobPlacement, PlacementType
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    SectionDecision,
    Story,
)
from models.store import is_empty

FILES = ("enterprises.json", "activity.json", "report_texts.json")


def read_dataset() -> dict[str, dict]:
    """The three JSON files of the example dataset, by file name."""
    folder = resources.files("resources") / "example"
    return {name: json.loads((folder / name).read_text(encoding="utf-8")) for name in FILES}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_example() -> None:
    """Load the example dataset into the bound, empty store. Refuses a store that already holds data."""
    if not is_empty():
        raise StoreError(_("Databasen indeholder allerede data. Eksempeldata indlæses kun i en tom database."))
    data = read_dataset()
    with database_proxy.atomic():
        enterprises = _load_enterprises(data["enterprises.json"])
        _load_activity(data["activity.json"], enterprises)
        _load_report_texts(data["report_texts.json"])


def _load_enterprises(data: dict) -> dict[str, Enterprise]:
    groups = {}
    for name in data["target_groups"]:
        groups[name] = TargetGroup.create(name=name)
    enterprises = {}
    for item in data["enterprises"]:
        enterprise = Enterprise.create(
            name=item["name"],
            kind=item["kind"],
            legal_form=item["legal_form"],
            cvr=item["cvr"],
            address=item["address"],
            place=item["place"],
            opened=_date(item["opened"]),
            closed=_date(item["closed"]),
            employees=item["employees"],
            employees_qualifier=item["employees_qualifier"],
            employees_as_of=_date(item["employees_as_of"]),
            contact=item["contact"],
            website=item["website"],
            report_order=item["report_order"],
        )
        enterprises[enterprise.name] = enterprise
        for group in item["target_groups"]:
            EnterpriseTargetGroup.create(enterprise=enterprise, target_group=groups[group])
        for reg in item["registrations"]:
            Registration.create(enterprise=enterprise, status=reg["status"], date=_date(reg["date"]), note=reg["note"])
        for year, texts in item["texts"].items():
            EnterpriseText.create(enterprise=enterprise, year=int(year), **texts)
    return enterprises


def _load_activity(data: dict, enterprises: dict[str, Enterprise]) -> None:
    types = {}
    for position, name in enumerate(data["placement_types"]):
        types[name] = PlacementType.create(name=name, position=position)
    for item in data["initiatives"]:
        initiative = Initiative.create(
            name=item["name"], description=item["description"], started=_date(item["started"])
        )
        for member in item["members"]:
            InitiativeMembership.create(
                initiative=initiative, enterprise=enterprises[member], joined=initiative.started
            )
    for position, item in enumerate(data["grants"]):
        grant = Grant.create(
            enterprise=enterprises[item["enterprise"]],
            year=item["year"],
            amount_dkk=item["amount_dkk"],
            approximate=item["approximate"],
            covers_until_year=item["covers_until_year"],
            purpose=item["purpose"],
            note=item["note"],
            position=position,
        )
        for pos, funder in enumerate(item["funders"]):
            GrantFunder.create(grant=grant, position=pos, **funder)
    paradigm = _load_paradigm(data["paradigm"])
    questions = list(paradigm.questions.order_by(ParadigmQuestion.position))
    categories = {c.name: c for c in paradigm.categories}
    for item in data["agreements"]:
        evaluations = item.pop("evaluations")
        agreement = Agreement.create(
            **{
                **item,
                "enterprise": enterprises[item["enterprise"]],
                "start": _date(item["start"]),
                "end": _date(item["end"]),
            }
        )
        for ev in evaluations:
            evaluation = Evaluation.create(
                agreement=agreement,
                paradigm=paradigm,
                date=_date(ev["date"]),
                places_in_use=ev["places_in_use"],
                plans_made=ev["plans_made"],
                plans_missing=ev["plans_missing"],
                plans_in_progress=ev["plans_in_progress"],
                completed=ev["completed"],
                continuing=ev["continuing"],
                note=ev["note"],
            )
            for question, answer in zip(questions, ev["answers"], strict=True):
                EvaluationAnswer.create(evaluation=evaluation, question=question, answer=answer)
            for name, count in ev["outcomes"].items():
                EvaluationOutcome.create(evaluation=evaluation, category=categories[name], count=count)
    JobPlacement.insert_many(
        [
            _validated(
                JobPlacement(
                    enterprise=enterprises[p["enterprise"]],
                    date=_date(p["date"]),
                    type=types[p["type"]],
                    channel=p["channel"],
                    hours_per_week=p["hours_per_week"],
                )
            )
            for p in data["placements"]
        ]
    ).execute()
    for item in data["partnerships"]:
        Partnership.create(
            **{
                **item,
                "enterprise": enterprises[item["enterprise"]],
                "partner": enterprises.get(item["partner"] or ""),
                "started": _date(item["started"]),
                "ended": _date(item["ended"]),
            }
        )
    for meeting in data["network"]["meetings"]:
        NetworkMeeting.create(**{**meeting, "date": _date(meeting["date"])})
    for year, themes in data["network"]["themes"].items():
        for position, text in enumerate(themes):
            NetworkTheme.create(year=int(year), position=position, text=text)
    for item in data["progression"]:
        case = ProgressionCase.create(
            pseudonym=item["pseudonym"], started=_date(item["started"]), description=item["description"]
        )
        for step in item["steps"]:
            ProgressionStep.create(
                case=case,
                date=_date(step["date"]),
                hours_per_week=Decimal(step["hours_per_week"]),
                intensity_pct=step["intensity_pct"],
                note=step["note"],
            )
    for position, item in enumerate(data["goals"]):
        Goal.create(
            **{
                **item,
                "deadline": _date(item["deadline"]),
                "achieved_on": _date(item["achieved_on"]),
                "position": position,
            }
        )


def _validated(placement: JobPlacement) -> dict:
    placement.validate()
    return placement.__data__


def _load_paradigm(data: dict) -> Paradigm:
    paradigm = Paradigm.create(
        name=data["name"], version=data["version"], valid_from=_date(data["valid_from"]), note=data["note"]
    )
    for position, question in enumerate(data["questions"]):
        ParadigmQuestion.create(paradigm=paradigm, position=position, **question)
    for position, category in enumerate(data["categories"]):
        OutcomeCategory.create(paradigm=paradigm, position=position, **category)
    return paradigm


def _load_report_texts(data: dict) -> None:
    for item in data["years"]:
        year = ReportYear.create(
            year=item["year"],
            title=item["title"],
            committees=item["committees"],
            municipality=item["municipality"],
            unit=item["unit"],
            publication_month=dt.date.fromisoformat(item["publication_month"] + "-01"),
            national_registered=item["national_registered"],
            national_registered_note=item["national_registered_note"],
            cosigned_applications=item["cosigned_applications"],
            pool_mails=item["pool_mails"],
            anonymise_agreements=item["anonymise_agreements"],
            foreword=item["foreword"],
        )
        for position, section in enumerate(item["sections"]):
            row = ReportSection.create(
                report_year=year,
                position=position,
                number=section["number"],
                title=section["title"],
                body=section["body"],
                recommendation=section["recommendation"],
            )
            for pos, decision in enumerate(section["decisions"]):
                SectionDecision.create(
                    section=row,
                    position=pos,
                    quote=decision["quote"],
                    body=decision["body"],
                    date=_date(decision["date"]),
                )
        for position, text in enumerate(item["stories"]):
            Story.create(report_year=year, position=position, text=text)
        for position, rec in enumerate(item["holistic"]):
            HolisticRecommendation.create(
                report_year=year,
                position=position,
                label_text=rec["label"],
                context=rec["context"],
                recommendation=rec["recommendation"],
            )
        for position, text in enumerate(item["references"]):
            Reference.create(report_year=year, position=position, text=text)
