"""Writing the store back out in the dataset format of ``resources/example/`` (docs/example-data.md).

Loading a dataset and dumping the store gives the same dataset back: the example data's round trip.
"""

import datetime as dt

from models.activities import Goal, NetworkMeeting, NetworkTheme, Partnership, ProgressionCase
from models.agreements import Agreement, OutcomeCategory, Paradigm, ParadigmQuestion
from models.enterprises import Enterprise, Initiative, TargetGroup
from models.grants import Grant
from models.placements import JobPlacement, PlacementType
from models.report_texts import ReportYear


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def dump_enterprises() -> dict:
    enterprises = []
    for e in Enterprise.select().order_by(Enterprise.report_order, Enterprise.name):
        enterprises.append(
            {
                "name": e.name,
                "kind": e.kind,
                "legal_form": e.legal_form,
                "cvr": e.cvr,
                "address": e.address,
                "place": e.place,
                "opened": _iso(e.opened),
                "closed": _iso(e.closed),
                "employees": e.employees,
                "employees_qualifier": e.employees_qualifier,
                "employees_as_of": _iso(e.employees_as_of),
                "website": e.website,
                "contact": e.contact,
                "report_order": e.report_order,
                "target_groups": [link.target_group.name for link in e.target_group_links.order_by("id")],
                "registrations": [
                    {"status": r.status, "date": _iso(r.date), "note": r.note}
                    for r in e.registrations.order_by("date", "id")
                ],
                "texts": {
                    str(t.year): {
                        "presentation": t.presentation,
                        "plans": t.plans,
                        "target_group_line": t.target_group_line,
                    }
                    for t in e.texts.order_by("year")
                },
            }
        )
    return {
        "target_groups": [g.name for g in TargetGroup.select().order_by(TargetGroup.id)],
        "enterprises": enterprises,
    }


def dump_activity() -> dict:
    paradigm = Paradigm.select().order_by(Paradigm.version).first()
    themes: dict[str, list[str]] = {}
    for theme in NetworkTheme.select().order_by(NetworkTheme.year, NetworkTheme.position):
        themes.setdefault(str(theme.year), []).append(theme.text)
    return {
        "placement_types": [t.name for t in PlacementType.select().order_by(PlacementType.position)],
        "initiatives": [
            {
                "name": i.name,
                "description": i.description,
                "started": _iso(i.started),
                "members": [m.enterprise.name for m in i.memberships.order_by("id")],
            }
            for i in Initiative.select().order_by(Initiative.id)
        ],
        "grants": [
            {
                "enterprise": g.enterprise.name,
                "year": g.year,
                "amount_dkk": g.amount_dkk,
                "approximate": g.approximate,
                "covers_until_year": g.covers_until_year,
                "purpose": g.purpose,
                "note": g.note,
                "funders": [
                    {"name": f.name, "purpose": f.purpose, "amount_dkk": f.amount_dkk}
                    for f in g.funders.order_by("position")
                ],
            }
            for g in Grant.select().order_by(Grant.year, Grant.position)
        ],
        "paradigm": None
        if paradigm is None
        else {
            "name": paradigm.name,
            "version": paradigm.version,
            "valid_from": _iso(paradigm.valid_from),
            "note": paradigm.note,
            "questions": [
                {"text": q.text, "is_overview": q.is_overview}
                for q in paradigm.questions.order_by(ParadigmQuestion.position)
            ],
            "categories": [
                {"name": c.name, "is_good": c.is_good, "is_stopped": c.is_stopped}
                for c in paradigm.categories.order_by(OutcomeCategory.position)
            ],
        },
        "agreements": [
            {
                "number": a.number,
                "enterprise": a.enterprise.name,
                "places": a.places,
                "extra_places": a.extra_places,
                "framework_weeks": a.framework_weeks,
                "extendable": a.extendable,
                "plan_due_weeks": a.plan_due_weeks,
                "price_dkk": a.price_dkk,
                "start": _iso(a.start),
                "end": _iso(a.end),
                "target_group": a.target_group,
                "note": a.note,
                "evaluations": [
                    {
                        "date": _iso(ev.date),
                        "places_in_use": ev.places_in_use,
                        "plans_made": ev.plans_made,
                        "plans_missing": ev.plans_missing,
                        "plans_in_progress": ev.plans_in_progress,
                        "completed": ev.completed,
                        "continuing": ev.continuing,
                        "note": ev.note,
                        "answers": [ans.answer for ans in sorted(ev.answers, key=lambda x: x.question.position)],
                        "outcomes": {
                            o.category.name: o.count for o in sorted(ev.outcomes, key=lambda x: x.category.position)
                        },
                    }
                    for ev in a.evaluations.order_by("date")
                ],
            }
            for a in Agreement.select().order_by(Agreement.number)
        ],
        "placements": [
            {
                "enterprise": p.enterprise.name,
                "date": _iso(p.date),
                "type": p.type.name,
                "channel": p.channel,
                "hours_per_week": None if p.hours_per_week is None else str(p.hours_per_week),
            }
            for p in JobPlacement.select().order_by(JobPlacement.date, JobPlacement.channel, JobPlacement.id)
        ],
        "partnerships": [
            {
                "enterprise": p.enterprise.name,
                "partner_name": p.partner_name,
                "partner": p.partner.name if p.partner else None,
                "started": _iso(p.started),
                "ended": _iso(p.ended),
                "tasks": p.tasks,
                "note": p.note,
            }
            for p in Partnership.select().order_by(Partnership.id)
        ],
        "network": {
            "meetings": [
                {"date": _iso(m.date), "status": m.status, "title": m.title, "note": m.note}
                for m in NetworkMeeting.select().order_by(NetworkMeeting.date)
            ],
            "themes": themes,
        },
        "progression": [
            {
                "pseudonym": c.pseudonym,
                "started": _iso(c.started),
                "description": c.description,
                "steps": [
                    {
                        "date": _iso(s.date),
                        "hours_per_week": f"{s.hours_per_week.normalize():f}",
                        "intensity_pct": s.intensity_pct,
                        "note": s.note,
                    }
                    for s in c.steps.order_by("date")
                ],
            }
            for c in ProgressionCase.select().order_by(ProgressionCase.id)
        ],
        "goals": [
            {
                "name": g.name,
                "short_name": g.short_name,
                "measure": g.measure,
                "target": g.target,
                "deadline": _iso(g.deadline),
                "yearly": g.yearly,
                "achieved_on": _iso(g.achieved_on),
                "note": g.note,
            }
            for g in Goal.select().order_by(Goal.position)
        ],
    }


def dump_report_texts() -> dict:
    years = []
    for y in ReportYear.select().order_by(ReportYear.year):
        years.append(
            {
                "year": y.year,
                "title": y.title,
                "committees": y.committees,
                "municipality": y.municipality,
                "unit": y.unit,
                "publication_month": y.publication_month.strftime("%Y-%m") if y.publication_month else None,
                "national_registered": y.national_registered,
                "national_registered_note": y.national_registered_note,
                "cosigned_applications": y.cosigned_applications,
                "pool_mails": y.pool_mails,
                "anonymise_agreements": y.anonymise_agreements,
                "foreword": y.foreword,
                "sections": [
                    {
                        "number": s.number,
                        "title": s.title,
                        "decisions": [
                            {"quote": d.quote, "body": d.body, "date": _iso(d.date)}
                            for d in s.decisions.order_by("position")
                        ],
                        "body": s.body,
                        "recommendation": s.recommendation,
                    }
                    for s in y.sections.order_by("position")
                ],
                "stories": [s.text for s in y.stories.order_by("position")],
                "holistic": [
                    {"label": h.label_text, "context": h.context, "recommendation": h.recommendation}
                    for h in y.holistic.order_by("position")
                ],
                "references": [r.text for r in y.references.order_by("position")],
            }
        )
    return {"years": years}


def dump_dataset() -> dict[str, dict]:
    """The whole store as the three dataset files, by file name."""
    return {
        "enterprises.json": dump_enterprises(),
        "activity.json": dump_activity(),
        "report_texts.json": dump_report_texts(),
    }
