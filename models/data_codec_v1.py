"""Version 1 of the data file, which is also the example dataset's readable form (docs/example-data.md):
three nested parts in which records refer to each other by name. Converted here to version 2's rows, so it
is imported by the one importer. A name that the file does not define (an enterprise or a job type already
in the store) becomes a row that must match the store."""

from models.activities import Goal, NetworkMeeting, NetworkTheme, Partnership, ProgressionCase, ProgressionStep
from models.agreements import (
    Agreement,
    Evaluation,
    EvaluationAnswer,
    EvaluationOutcome,
    OutcomeCategory,
    Paradigm,
    ParadigmQuestion,
)
from models.base import BaseModel
from models.data_codec import FileRow, read_value
from models.enterprises import (
    Enterprise,
    EnterpriseTargetGroup,
    EnterpriseText,
    Initiative,
    InitiativeMembership,
    Registration,
    TargetGroup,
)
from models.errors import ValidationError
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.placements import JobPlacement, PlacementType
from models.report_texts import HolisticRecommendation, Reference, ReportSection, ReportYear, SectionDecision, Story
from models.schema import ALL_MODELS


class RowBuilder:
    """Builds version 2 rows from values that refer to each other by name."""

    def __init__(self, labels: dict[str, str] | None = None) -> None:
        self.labels = labels or {}  # field name -> what the user calls it (a template's column)
        self.rows: list[FileRow] = []
        self.problems: list[str] = []
        self.next_id: dict[type[BaseModel], int] = {}
        self.by_name: dict[tuple[type[BaseModel], str], int] = {}

    def add(self, model: type[BaseModel], where: str, lookup: bool = False, **raw) -> int | None:
        """A new row of ``model`` from JSON values (references already as ids); its id, or None if invalid."""
        values = {}
        fields = model._meta.fields
        for name, value in raw.items():
            try:
                values[name] = value if isinstance(value, Ref) else read_value(fields[name], value, where)
            except ValidationError as error:
                message = error.message
                if name in self.labels:
                    message = message.replace(f"{where}, {name}:", f"{where}, {self.labels[name]}:", 1)
                self.problems.append(message)
                return None
        values = {k: (v.id if isinstance(v, Ref) else v) for k, v in values.items()}
        self.next_id[model] = self.next_id.get(model, 0) + 1
        values["id"] = self.next_id[model]
        row = FileRow(model, values, where, lookup_only=lookup)
        self.rows.append(row)
        return values["id"]

    def named(self, model: type[BaseModel], name, where: str, what: str) -> "Ref | None":
        """The row of ``model`` called ``name``: one the file defines, else one the store must have."""
        if not isinstance(name, str) or not name.strip():
            self.problems.append(_("{where}: {what} mangler.").format(where=where, what=what))
            return None
        key = (model, name.strip().casefold())
        if key not in self.by_name:
            found = self.add(model, where, lookup=True, name=name.strip())
            if found is None:
                return None
            self.by_name[key] = found
        return Ref(self.by_name[key])

    def define(self, model: type[BaseModel], name: str, row_id: int | None) -> None:
        if row_id is not None and isinstance(name, str):
            self.by_name[(model, name.strip().casefold())] = row_id

    def ordered(self) -> list[FileRow]:
        order = {model: index for index, model in enumerate(ALL_MODELS)}
        return sorted(self.rows, key=lambda row: order[row.model])


class Ref:
    def __init__(self, row_id: int) -> None:
        self.id = row_id


def _list(container, key: str, where: str, rows: RowBuilder) -> list:
    value = container.get(key, []) if isinstance(container, dict) else []
    if value is None:
        return []
    if not isinstance(value, list):
        rows.problems.append(_("{where}.{key}: skal være en liste.").format(where=where, key=key))
        return []
    return value


def _dict(container, key: str, where: str, rows: RowBuilder) -> dict:
    value = container.get(key, {}) if isinstance(container, dict) else {}
    if value is None:
        return {}
    if not isinstance(value, dict):
        rows.problems.append(_("{where}.{key}: skal være et objekt med felter.").format(where=where, key=key))
        return {}
    return value


def _items(container, key: str, where: str, rows: RowBuilder):
    """(index, item, where) for each object of a list; a non-object item is a problem."""
    for index, item in enumerate(_list(container, key, where, rows)):
        item_where = f"{where}.{key}[{index}]"
        if not isinstance(item, dict):
            rows.problems.append(_("{where}: skal være et objekt med felter.").format(where=item_where))
            continue
        yield index, item, item_where


def _pick(item: dict, *names: str) -> dict:
    return {name: item[name] for name in names if name in item}


def _texts(container, key: str, where: str, rows: RowBuilder):
    for index, text in enumerate(_list(container, key, where, rows)):
        yield index, text, f"{where}.{key}[{index}]"


def rows_from_v1(data: dict) -> tuple[list[FileRow], list[str]]:
    rows = RowBuilder()
    for name in ("enterprises.json", "activity.json", "report_texts.json"):
        if not isinstance(data.get(name, {}), dict):
            rows.problems.append(
                _("Datafilen er ufuldstændig: delen {name} mangler eller er forkert.").format(name=name)
            )
    _enterprises(_dict(data, "enterprises.json", "data", rows), 'data["enterprises.json"]', rows)
    _activity(_dict(data, "activity.json", "data", rows), 'data["activity.json"]', rows)
    _report_texts(_dict(data, "report_texts.json", "data", rows), 'data["report_texts.json"]', rows)
    return rows.ordered(), rows.problems


def _enterprises(part: dict, where: str, rows: RowBuilder) -> None:
    for _index, name, item_where in _texts(part, "target_groups", where, rows):
        rows.define(TargetGroup, name, rows.add(TargetGroup, item_where, name=name))
    fields = [f.name for f in Enterprise._meta.sorted_fields if f.name not in Enterprise.BOOKKEEPING]
    for _index, item, item_where in _items(part, "enterprises", where, rows):
        enterprise = rows.add(Enterprise, item_where, **_pick(item, *fields))
        if enterprise is None:
            continue
        rows.define(Enterprise, item.get("name"), enterprise)
        for _i, group, group_where in _texts(item, "target_groups", item_where, rows):
            target = rows.named(TargetGroup, group, group_where, _("målgruppen"))
            if target:
                rows.add(EnterpriseTargetGroup, group_where, enterprise=Ref(enterprise), target_group=target)
        for _i, reg, reg_where in _items(item, "registrations", item_where, rows):
            rows.add(
                Registration,
                reg_where,
                enterprise=Ref(enterprise),
                **_pick(reg, "status", "date", "note", "annual_report_submitted", "annual_report_date", "verified_on"),
            )
        texts = _dict(item, "texts", item_where, rows)
        for year, text in texts.items():
            text_where = f"{item_where}.texts[{year!r}]"
            if not isinstance(text, dict):
                rows.problems.append(_("{where}: skal være et objekt med felter.").format(where=text_where))
                continue
            rows.add(
                EnterpriseText,
                text_where,
                enterprise=Ref(enterprise),
                year=year,
                **_pick(text, "presentation", "plans", "target_group_line", "revised"),
            )


def _enterprise(rows: RowBuilder, item: dict, where: str, key: str = "enterprise"):
    return rows.named(Enterprise, item.get(key), f"{where}.{key}", _("virksomheden"))


def _activity(part: dict, where: str, rows: RowBuilder) -> None:
    for position, name, item_where in _texts(part, "placement_types", where, rows):
        rows.define(PlacementType, name, rows.add(PlacementType, item_where, name=name, position=position))
    for _index, item, item_where in _items(part, "initiatives", where, rows):
        initiative = rows.add(Initiative, item_where, **_pick(item, "name", "description", "started"))
        if initiative is None:
            continue
        for _i, member, member_where in _texts(item, "members", item_where, rows):
            enterprise = rows.named(Enterprise, member, member_where, _("virksomheden"))
            if enterprise:
                rows.add(
                    InitiativeMembership,
                    member_where,
                    initiative=Ref(initiative),
                    enterprise=enterprise,
                    joined=item.get("started"),
                )
    for position, item, item_where in _items(part, "grants", where, rows):
        enterprise = _enterprise(rows, item, item_where)
        if enterprise is None:
            continue
        grant = rows.add(
            Grant,
            item_where,
            enterprise=enterprise,
            position=position,
            **_pick(item, "year", "amount_dkk", "approximate", "covers_until_year", "purpose", "note"),
        )
        for pos, funder, funder_where in _items(item, "funders", item_where, rows):
            if grant is not None:
                rows.add(
                    GrantFunder,
                    funder_where,
                    grant=Ref(grant),
                    position=pos,
                    **_pick(funder, "name", "purpose", "amount_dkk"),
                )
    _agreements(part, where, rows)
    for _index, item, item_where in _items(part, "placements", where, rows):
        enterprise = _enterprise(rows, item, item_where)
        kind = rows.named(PlacementType, item.get("type"), f"{item_where}.type", _("ansættelsestypen"))
        if enterprise and kind:
            rows.add(
                JobPlacement,
                item_where,
                enterprise=enterprise,
                type=kind,
                **_pick(item, "date", "channel", "hours_per_week", "note"),
            )
    for _index, item, item_where in _items(part, "partnerships", where, rows):
        enterprise = _enterprise(rows, item, item_where)
        partner = None
        if item.get("partner"):
            partner = _enterprise(rows, item, item_where, "partner")
            if partner is None:
                continue
        if enterprise:
            rows.add(
                Partnership,
                item_where,
                enterprise=enterprise,
                partner=partner,
                **_pick(item, "partner_name", "started", "ended", "tasks", "note"),
            )
    network = _dict(part, "network", where, rows)
    for _index, item, item_where in _items(network, "meetings", f"{where}.network", rows):
        rows.add(NetworkMeeting, item_where, **_pick(item, "date", "status", "title", "note"))
    for year, texts in _dict(network, "themes", f"{where}.network", rows).items():
        for position, text, text_where in _texts({"t": texts}, "t", f"{where}.network.themes[{year!r}]", rows):
            rows.add(NetworkTheme, text_where, year=year, position=position, text=text)
    for _index, item, item_where in _items(part, "progression", where, rows):
        case = rows.add(ProgressionCase, item_where, **_pick(item, "pseudonym", "started", "description"))
        for _i, step, step_where in _items(item, "steps", item_where, rows):
            if case is not None:
                rows.add(
                    ProgressionStep,
                    step_where,
                    case=Ref(case),
                    **_pick(step, "date", "hours_per_week", "intensity_pct", "note"),
                )
    for position, item, item_where in _items(part, "goals", where, rows):
        fields = ("name", "short_name", "measure", "target", "deadline", "yearly", "achieved_on", "note")
        rows.add(Goal, item_where, position=position, **_pick(item, *fields))


def _agreements(part: dict, where: str, rows: RowBuilder) -> None:
    spec = part.get("paradigm")
    questions: list[int | None] = []
    categories: dict[str, int] = {}
    paradigm = None
    if spec is not None:
        spec_where = f"{where}.paradigm"
        if not isinstance(spec, dict):
            rows.problems.append(_("{where}: skal være et objekt med felter.").format(where=spec_where))
        else:
            paradigm = rows.add(Paradigm, spec_where, **_pick(spec, "name", "version", "valid_from", "note"))
            for position, question, q_where in _items(spec, "questions", spec_where, rows):
                if paradigm is not None:
                    questions.append(
                        rows.add(
                            ParadigmQuestion,
                            q_where,
                            paradigm=Ref(paradigm),
                            position=position,
                            **_pick(question, "text", "is_overview"),
                        )
                    )
            for position, category, c_where in _items(spec, "categories", spec_where, rows):
                if paradigm is not None:
                    found = rows.add(
                        OutcomeCategory,
                        c_where,
                        paradigm=Ref(paradigm),
                        position=position,
                        **_pick(category, "name", "is_good", "is_stopped"),
                    )
                    if found is not None and isinstance(category.get("name"), str):
                        categories[category["name"]] = found
    fields = [f.name for f in Agreement._meta.sorted_fields if f.name not in ("id", "enterprise")]
    for _index, item, item_where in _items(part, "agreements", where, rows):
        enterprise = _enterprise(rows, item, item_where)
        if enterprise is None:
            continue
        agreement = rows.add(Agreement, item_where, enterprise=enterprise, **_pick(item, *fields))
        for _i, ev, ev_where in _items(item, "evaluations", item_where, rows):
            if agreement is None:
                continue
            if paradigm is None:
                rows.problems.append(_("{where}: filen har intet evalueringsparadigme.").format(where=ev_where))
                continue
            counts = ("date", "places_in_use", "plans_made", "plans_missing", "plans_in_progress", "completed")
            evaluation = rows.add(
                Evaluation,
                ev_where,
                agreement=Ref(agreement),
                paradigm=Ref(paradigm),
                **_pick(ev, *counts, "continuing", "note"),
            )
            if evaluation is None:
                continue
            answers = _list(ev, "answers", ev_where, rows)
            if len(answers) > len(questions):
                rows.problems.append(
                    _("{where}.answers: {n} svar, men paradigmet har {m} spørgsmål.").format(
                        where=ev_where, n=len(answers), m=len(questions)
                    )
                )
            for question, (index, answer) in zip(questions, enumerate(answers), strict=False):
                if question is not None:
                    rows.add(
                        EvaluationAnswer,
                        f"{ev_where}.answers[{index}]",
                        evaluation=Ref(evaluation),
                        question=Ref(question),
                        answer=answer,
                    )
            for name, count in _dict(ev, "outcomes", ev_where, rows).items():
                if name not in categories:
                    rows.problems.append(
                        _("{where}.outcomes: ukendt udfaldskategori «{name}».").format(where=ev_where, name=name[:80])
                    )
                    continue
                rows.add(
                    EvaluationOutcome,
                    f"{ev_where}.outcomes[{name!r}]",
                    evaluation=Ref(evaluation),
                    category=Ref(categories[name]),
                    count=count,
                )


def _report_texts(part: dict, where: str, rows: RowBuilder) -> None:
    fields = [
        f.name for f in ReportYear._meta.sorted_fields if f.name not in ("id", "publication_month", "revised", "year")
    ]
    for _index, item, item_where in _items(part, "years", where, rows):
        month = item.get("publication_month")
        if isinstance(month, str) and len(month) == 7:
            month += "-01"
        year = rows.add(
            ReportYear,
            item_where,
            year=item.get("year"),
            publication_month=month,
            **_pick(item, *fields, "revised"),
        )
        if year is None:
            continue
        for position, section, s_where in _items(item, "sections", item_where, rows):
            row = rows.add(
                ReportSection,
                s_where,
                report_year=Ref(year),
                position=position,
                **_pick(section, "number", "title", "body", "recommendation"),
            )
            for pos, decision, d_where in _items(section, "decisions", s_where, rows):
                if row is not None:
                    rows.add(
                        SectionDecision,
                        d_where,
                        section=Ref(row),
                        position=pos,
                        **_pick(decision, "quote", "body", "date"),
                    )
        for position, text, t_where in _texts(item, "stories", item_where, rows):
            rows.add(Story, t_where, report_year=Ref(year), position=position, text=text)
        for position, rec, r_where in _items(item, "holistic", item_where, rows):
            rows.add(
                HolisticRecommendation,
                r_where,
                report_year=Ref(year),
                position=position,
                label_text=rec.get("label", ""),
                **_pick(rec, "context", "recommendation"),
            )
        for position, text, t_where in _texts(item, "references", item_where, rows):
            rows.add(Reference, t_where, report_year=Ref(year), position=position, text=text)
