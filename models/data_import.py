"""Importing a data file (the dataset format of docs/data-exchange.md) into a store that may hold data.

Each record is matched to what is there (an enterprise by CVR, else by name; a grant, placement, meeting
or partnership by its values, counted, so importing the same file twice adds nothing), added, or reported as
a conflict (kept as it is in the store). Every record is validated; one invalid record means nothing is
imported. The whole import is one transaction; a preview runs it and rolls it back.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import IntegrityError, Model

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
from models.errors import StoreError, ValidationError
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.placements import JobPlacement, PlacementType
from models.report_texts import HolisticRecommendation, Reference, ReportSection, ReportYear, SectionDecision, Story

FORMAT = "socialokonomi-data"
VERSION = 1


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    applied: bool = False

    def lines(self) -> list[str]:
        out = [_("Tilføjes: {what}").format(what=_describe(self.added)) if self.added else _("Tilføjes: intet")]
        if self.matched:
            out.append(_("Findes allerede: {what}").format(what=_describe(self.matched)))
        out += [_("Konflikt: {text}").format(text=c) for c in self.conflicts]
        out += [_("Ugyldig: {text}").format(text=i) for i in self.invalid]
        return out


def _describe(counts: Counter) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))


class _Rollback(Exception):
    pass


def _date(value):
    return dt.date.fromisoformat(value) if value else None


class _Importer:
    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.enterprises: dict[str, Enterprise] = {}

    # --- helpers ------------------------------------------------------------------------------------
    def create(self, model: type[Model], where: str, **values):
        record = model(**values)
        try:
            record.validate()
        except ValidationError as error:
            self.report.invalid.append(
                _("{where}, felt {field}: {message}").format(where=where, field=error.field, message=error.message)
            )
            return None
        try:
            with database_proxy.atomic():
                record.save(force_insert=True)
        except IntegrityError as error:
            self.report.invalid.append(_("{where}: kan ikke gemmes ({reason})").format(where=where, reason=error))
            return None
        self.report.added[model.label_plural] += 1
        return record

    def matched(self, model: type[Model]) -> None:
        self.report.matched[model.label_plural] += 1

    def counted(self, model: type[Model], existing: list[tuple], items: list[tuple[tuple, str, dict]]) -> None:
        """Add only the items beyond those already present with the same values (a multiset)."""
        have = Counter(existing)
        for value_key, where, values in items:
            if have[value_key] > 0:
                have[value_key] -= 1
                self.matched(model)
            else:
                self.create(model, where, **values)

    # --- the parts ----------------------------------------------------------------------------------
    def enterprises_part(self, data: dict) -> None:
        groups = {g.name.casefold(): g for g in TargetGroup.select()}
        for index, name in enumerate(data.get("target_groups", [])):
            if name.casefold() in groups:
                self.matched(TargetGroup)
            else:
                created = self.create(TargetGroup, f"target_groups[{index + 1}]", name=name)
                if created:
                    groups[name.casefold()] = created
        for index, item in enumerate(data.get("enterprises", []), start=1):
            where = _("virksomhed {n} ({name})").format(n=index, name=item.get("name", "?"))
            existing = None
            if item.get("cvr"):
                existing = Enterprise.get_or_none(Enterprise.cvr == item["cvr"])
            by_name = Enterprise.get_or_none(Enterprise.name == item.get("name", ""))
            if existing is None:
                existing = by_name
            elif by_name is not None and by_name.id != existing.id:
                self.report.conflicts.append(
                    _("{where}: CVR {cvr} tilhører «{other}» i databasen").format(
                        where=where, cvr=item["cvr"], other=existing.name
                    )
                )
            if existing is not None and item.get("cvr") and existing.cvr and existing.cvr != item["cvr"]:
                self.report.conflicts.append(
                    _("{where}: databasen har CVR {cvr} for samme navn").format(where=where, cvr=existing.cvr)
                )
            if existing is not None:
                self.matched(Enterprise)
                enterprise = existing
            else:
                enterprise = self.create(
                    Enterprise,
                    where,
                    name=item.get("name"),
                    kind=item.get("kind", "enterprise"),
                    legal_form=item.get("legal_form", ""),
                    cvr=item.get("cvr"),
                    address=item.get("address", ""),
                    place=item.get("place", ""),
                    opened=_date(item.get("opened")),
                    closed=_date(item.get("closed")),
                    employees=item.get("employees"),
                    employees_qualifier=item.get("employees_qualifier", ""),
                    employees_as_of=_date(item.get("employees_as_of")),
                    contact=item.get("contact", ""),
                    website=item.get("website", ""),
                    report_order=item.get("report_order", 0),
                )
                if enterprise is None:
                    continue
            self.enterprises[item["name"]] = enterprise
            have_groups = {link.target_group_id for link in enterprise.target_group_links}
            for group in item.get("target_groups", []):
                target = groups.get(group.casefold())
                if target is None:
                    self.report.invalid.append(
                        _("{where}: ukendt målgruppe «{group}»").format(where=where, group=group)
                    )
                elif target.id in have_groups:
                    self.matched(EnterpriseTargetGroup)
                else:
                    self.create(EnterpriseTargetGroup, where, enterprise=enterprise, target_group=target)
            self.counted(
                Registration,
                [(r.status, r.date) for r in enterprise.registrations],
                [
                    (
                        (r["status"], _date(r["date"])),
                        where,
                        {
                            "enterprise": enterprise,
                            "status": r["status"],
                            "date": _date(r["date"]),
                            "note": r.get("note", ""),
                        },
                    )
                    for r in item.get("registrations", [])
                ],
            )
            for year, texts in item.get("texts", {}).items():
                current = EnterpriseText.get_or_none(enterprise=enterprise, year=int(year))
                if current is None:
                    self.create(EnterpriseText, where, enterprise=enterprise, year=int(year), **texts)
                elif all(getattr(current, k) == v for k, v in texts.items()):
                    self.matched(EnterpriseText)
                else:
                    self.report.conflicts.append(
                        _("{where}: teksten for {year} er anderledes i databasen; den beholdes").format(
                            where=where, year=year
                        )
                    )

    def enterprise(self, name: str, where: str) -> Enterprise | None:
        found = self.enterprises.get(name) or Enterprise.get_or_none(Enterprise.name == name)
        if found is None:
            self.report.invalid.append(
                _("{where}: virksomheden «{name}» findes hverken i filen eller i databasen").format(
                    where=where, name=name
                )
            )
        return found

    def activity_part(self, data: dict) -> None:
        types = {t.name.casefold(): t for t in PlacementType.select()}
        for index, name in enumerate(data.get("placement_types", [])):
            if name.casefold() in types:
                self.matched(PlacementType)
            else:
                created = self.create(PlacementType, f"placement_types[{index + 1}]", name=name, position=index)
                if created:
                    types[name.casefold()] = created
        for index, item in enumerate(data.get("initiatives", []), start=1):
            where = _("initiativ {n}").format(n=index)
            initiative = Initiative.get_or_none(Initiative.name == item["name"])
            if initiative is None:
                initiative = self.create(
                    Initiative,
                    where,
                    name=item["name"],
                    description=item.get("description", ""),
                    started=_date(item.get("started")),
                )
            else:
                self.matched(Initiative)
            if initiative is None:
                continue
            members = {m.enterprise_id for m in initiative.memberships}
            for name in item.get("members", []):
                enterprise = self.enterprise(name, where)
                if enterprise is None:
                    continue
                if enterprise.id in members:
                    self.matched(InitiativeMembership)
                else:
                    self.create(
                        InitiativeMembership,
                        where,
                        initiative=initiative,
                        enterprise=enterprise,
                        joined=initiative.started,
                    )
        existing_grants = Counter(
            (g.enterprise_id, g.year, g.amount_dkk, g.approximate, g.purpose) for g in Grant.select()
        )
        for index, item in enumerate(data.get("grants", []), start=1):
            where = _("tilskud {n}").format(n=index)
            enterprise = self.enterprise(item["enterprise"], where)
            if enterprise is None:
                continue
            key = (
                enterprise.id,
                item["year"],
                item.get("amount_dkk"),
                item.get("approximate", False),
                item.get("purpose", ""),
            )
            if existing_grants[key] > 0:
                existing_grants[key] -= 1
                self.matched(Grant)
                continue
            grant = self.create(
                Grant,
                where,
                enterprise=enterprise,
                year=item["year"],
                amount_dkk=item.get("amount_dkk"),
                approximate=item.get("approximate", False),
                covers_until_year=item.get("covers_until_year"),
                purpose=item.get("purpose", ""),
                note=item.get("note", ""),
                position=index,
            )
            for position, funder in enumerate(item.get("funders", [])):
                if grant is not None:
                    self.create(
                        GrantFunder,
                        where,
                        grant=grant,
                        position=position,
                        name=funder["name"],
                        purpose=funder.get("purpose", ""),
                        amount_dkk=funder.get("amount_dkk"),
                    )
        self.agreements_part(data)
        placements = []
        for index, item in enumerate(data.get("placements", []), start=1):
            where = _("ansættelse {n}").format(n=index)
            enterprise = self.enterprise(item["enterprise"], where)
            type_ = types.get(item.get("type", "").casefold())
            if type_ is None:
                self.report.invalid.append(
                    _("{where}, felt type: ukendt ansættelsestype «{name}»").format(where=where, name=item.get("type"))
                )
            if enterprise is None or type_ is None:
                continue
            hours = Decimal(item["hours_per_week"]) if item.get("hours_per_week") not in (None, "") else None
            placements.append(
                (
                    (enterprise.id, _date(item["date"]), type_.id, item["channel"], hours),
                    where,
                    {
                        "enterprise": enterprise,
                        "date": _date(item["date"]),
                        "type": type_,
                        "channel": item["channel"],
                        "hours_per_week": hours,
                    },
                )
            )
        self.counted(
            JobPlacement,
            [(p.enterprise_id, p.date, p.type_id, p.channel, p.hours_per_week) for p in JobPlacement.select()],
            placements,
        )
        partnerships = []
        for index, item in enumerate(data.get("partnerships", []), start=1):
            where = _("CSR-samarbejde {n}").format(n=index)
            enterprise = self.enterprise(item["enterprise"], where)
            if enterprise is None:
                continue
            partner = self.enterprises.get(item.get("partner") or "") or (
                Enterprise.get_or_none(Enterprise.name == item["partner"]) if item.get("partner") else None
            )
            partnerships.append(
                (
                    (enterprise.id, item["partner_name"], _date(item.get("started"))),
                    where,
                    {
                        "enterprise": enterprise,
                        "partner_name": item["partner_name"],
                        "partner": partner,
                        "started": _date(item.get("started")),
                        "ended": _date(item.get("ended")),
                        "tasks": item.get("tasks", ""),
                        "note": item.get("note", ""),
                    },
                )
            )
        self.counted(
            Partnership, [(p.enterprise_id, p.partner_name, p.started) for p in Partnership.select()], partnerships
        )
        network = data.get("network", {})
        self.counted(
            NetworkMeeting,
            [(m.date, m.status, m.title) for m in NetworkMeeting.select()],
            [
                (
                    (_date(m["date"]), m["status"], m.get("title", "")),
                    _("netværksmøde {n}").format(n=i),
                    {
                        "date": _date(m["date"]),
                        "status": m["status"],
                        "title": m.get("title", ""),
                        "note": m.get("note", ""),
                    },
                )
                for i, m in enumerate(network.get("meetings", []), start=1)
            ],
        )
        themes = {(t.year, t.text) for t in NetworkTheme.select()}
        for year, texts in network.get("themes", {}).items():
            for position, text in enumerate(texts):
                if (int(year), text) in themes:
                    self.matched(NetworkTheme)
                else:
                    self.create(
                        NetworkTheme,
                        _("netværkstema {year}").format(year=year),
                        year=int(year),
                        position=position,
                        text=text,
                    )
        for index, item in enumerate(data.get("progression", []), start=1):
            where = _("progressionsforløb {n}").format(n=index)
            case = ProgressionCase.get_or_none(ProgressionCase.pseudonym == item["pseudonym"])
            if case is None:
                case = self.create(
                    ProgressionCase,
                    where,
                    pseudonym=item["pseudonym"],
                    started=_date(item.get("started")),
                    description=item.get("description", ""),
                )
            else:
                self.matched(ProgressionCase)
            if case is None:
                continue
            dates = {s.date for s in case.steps}
            for step in item.get("steps", []):
                if _date(step["date"]) in dates:
                    self.matched(ProgressionStep)
                else:
                    self.create(
                        ProgressionStep,
                        where,
                        case=case,
                        date=_date(step["date"]),
                        hours_per_week=Decimal(str(step["hours_per_week"])),
                        intensity_pct=step["intensity_pct"],
                        note=step.get("note", ""),
                    )
        for index, item in enumerate(data.get("goals", []), start=1):
            if Goal.get_or_none(Goal.name == item["name"]) is not None:
                self.matched(Goal)
                continue
            self.create(
                Goal,
                _("mål {n}").format(n=index),
                name=item["name"],
                short_name=item.get("short_name", ""),
                measure=item.get("measure", "manual"),
                target=item.get("target"),
                deadline=_date(item.get("deadline")),
                yearly=item.get("yearly", False),
                achieved_on=_date(item.get("achieved_on")),
                note=item.get("note", ""),
                position=index,
            )

    def agreements_part(self, data: dict) -> None:
        spec = data.get("paradigm")
        if not spec:
            return
        paradigm = Paradigm.get_or_none((Paradigm.name == spec["name"]) & (Paradigm.version == spec["version"]))
        if paradigm is None:
            paradigm = self.create(
                Paradigm,
                _("evalueringsparadigme"),
                name=spec["name"],
                version=spec["version"],
                valid_from=_date(spec.get("valid_from")),
                note=spec.get("note", ""),
            )
            if paradigm is None:
                return
            for position, question in enumerate(spec.get("questions", [])):
                self.create(
                    ParadigmQuestion,
                    _("spørgsmål {n}").format(n=position + 1),
                    paradigm=paradigm,
                    position=position,
                    text=question["text"],
                    is_overview=question.get("is_overview", False),
                )
            for position, category in enumerate(spec.get("categories", [])):
                self.create(
                    OutcomeCategory,
                    _("udfaldskategori {n}").format(n=position + 1),
                    paradigm=paradigm,
                    position=position,
                    name=category["name"],
                    is_good=category.get("is_good", False),
                    is_stopped=category.get("is_stopped", False),
                )
        else:
            self.matched(Paradigm)
        questions = list(paradigm.questions.order_by(ParadigmQuestion.position))
        categories = {c.name: c for c in paradigm.categories}
        for index, item in enumerate(data.get("agreements", []), start=1):
            where = _("samarbejdsaftale {n}").format(n=item.get("number", index))
            enterprise = self.enterprise(item["enterprise"], where)
            if enterprise is None:
                continue
            agreement = Agreement.get_or_none(Agreement.number == item["number"])
            if agreement is not None and agreement.enterprise_id != enterprise.id:
                self.report.conflicts.append(
                    _("{where}: nummeret bruges i databasen af en aftale med «{name}»").format(
                        where=where, name=agreement.enterprise.name
                    )
                )
                continue
            if agreement is None:
                agreement = self.create(
                    Agreement,
                    where,
                    enterprise=enterprise,
                    number=item["number"],
                    places=item.get("places"),
                    extra_places=item.get("extra_places", 0),
                    framework_weeks=item.get("framework_weeks"),
                    extendable=item.get("extendable", False),
                    plan_due_weeks=item.get("plan_due_weeks"),
                    price_dkk=item.get("price_dkk"),
                    start=_date(item.get("start")),
                    end=_date(item.get("end")),
                    target_group=item.get("target_group", ""),
                    note=item.get("note", ""),
                )
                if agreement is None:
                    continue
            else:
                self.matched(Agreement)
            dates = {e.date for e in agreement.evaluations}
            for ev in item.get("evaluations", []):
                if _date(ev["date"]) in dates:
                    self.matched(Evaluation)
                    continue
                evaluation = self.create(
                    Evaluation,
                    where,
                    agreement=agreement,
                    paradigm=paradigm,
                    date=_date(ev["date"]),
                    **{
                        k: ev.get(k)
                        for k in (
                            "places_in_use",
                            "plans_made",
                            "plans_missing",
                            "plans_in_progress",
                            "completed",
                            "continuing",
                        )
                    },
                    note=ev.get("note", ""),
                )
                if evaluation is None:
                    continue
                for question, answer in zip(questions, ev.get("answers", []), strict=False):
                    self.create(EvaluationAnswer, where, evaluation=evaluation, question=question, answer=answer)
                for name, count in ev.get("outcomes", {}).items():
                    if name not in categories:
                        self.report.invalid.append(
                            _("{where}: ukendt udfaldskategori «{name}»").format(where=where, name=name)
                        )
                        continue
                    self.create(EvaluationOutcome, where, evaluation=evaluation, category=categories[name], count=count)

    def report_texts_part(self, data: dict) -> None:
        for item in data.get("years", []):
            where = _("årsrapport {year}").format(year=item.get("year"))
            if ReportYear.get_or_none(ReportYear.year == item["year"]) is not None:
                self.matched(ReportYear)
                continue
            month = item.get("publication_month")
            year = self.create(
                ReportYear,
                where,
                year=item["year"],
                title=item.get("title", ""),
                committees=item.get("committees", ""),
                municipality=item.get("municipality", ""),
                unit=item.get("unit", ""),
                publication_month=dt.date.fromisoformat(month + "-01") if month else None,
                national_registered=item.get("national_registered"),
                national_registered_note=item.get("national_registered_note", ""),
                cosigned_applications=item.get("cosigned_applications"),
                pool_mails=item.get("pool_mails"),
                anonymise_agreements=item.get("anonymise_agreements", True),
                foreword=item.get("foreword", ""),
            )
            if year is None:
                continue
            for position, section in enumerate(item.get("sections", [])):
                row = self.create(
                    ReportSection,
                    where,
                    report_year=year,
                    position=position,
                    number=section["number"],
                    title=section["title"],
                    body=section.get("body", ""),
                    recommendation=section.get("recommendation", ""),
                )
                for pos, decision in enumerate(section.get("decisions", [])):
                    if row is not None:
                        self.create(
                            SectionDecision,
                            where,
                            section=row,
                            position=pos,
                            quote=decision["quote"],
                            body=decision.get("body", ""),
                            date=_date(decision.get("date")),
                        )
            for position, text in enumerate(item.get("stories", [])):
                self.create(Story, where, report_year=year, position=position, text=text)
            for position, rec in enumerate(item.get("holistic", [])):
                self.create(
                    HolisticRecommendation,
                    where,
                    report_year=year,
                    position=position,
                    label_text=rec.get("label", ""),
                    context=rec.get("context", ""),
                    recommendation=rec["recommendation"],
                )
            for position, text in enumerate(item.get("references", [])):
                self.create(Reference, where, report_year=year, position=position, text=text)


def check_envelope(document: dict) -> dict[str, dict]:
    """The three parts of a data file, or ``StoreError`` if the file is not one of ours (or too new)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("data"), dict):
        raise StoreError(_("Filen er ikke en datafil fra Socialøkonomi."))
    if not isinstance(document.get("version"), int) or document["version"] > VERSION:
        raise StoreError(
            _("Datafilen er lavet med en nyere udgave af Socialøkonomi (formatversion {v}).").format(
                v=document.get("version")
            )
        )
    data = document["data"]
    for name in ("enterprises.json", "activity.json", "report_texts.json"):
        if not isinstance(data.get(name, {}), dict):
            raise StoreError(_("Datafilen er ufuldstændig: delen {name} mangler eller er forkert.").format(name=name))
    return data


def import_data(document: dict, *, apply: bool) -> ImportReport:
    """Import a data file; with ``apply`` False (a preview) or any invalid record, nothing is stored."""
    data = check_envelope(document)
    report = ImportReport()
    importer = _Importer(report)
    try:
        with database_proxy.atomic():
            try:
                importer.enterprises_part(data.get("enterprises.json", {}))
                importer.activity_part(data.get("activity.json", {}))
                importer.report_texts_part(data.get("report_texts.json", {}))
            except (KeyError, TypeError, ValueError) as error:
                report.invalid.append(_("Filen har en uventet opbygning: {error}").format(error=error))
            if report.invalid or not apply:
                raise _Rollback
    except _Rollback:
        report.applied = False
        return report
    report.applied = True
    return report
