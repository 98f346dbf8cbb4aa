"""What the Årsrapport-tekster page shows, as plain rows: a year's report texts, its sections and decisions,
stories, holistic recommendations and references; and what a new one of each starts with."""

from models.i18n import _
from models.record_rows import as_row, as_rows
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    SectionDecision,
    Story,
)


def report_year(year: int):
    """The year's report texts, None if the year has none."""
    record = ReportYear.get_or_none(ReportYear.year == year)
    return as_row(record) if record else None


def report_year_exists(year: int) -> bool:
    return ReportYear.select().where(ReportYear.year == year).exists()


def sections(report_year_id: int | None) -> list:
    if report_year_id is None:
        return []
    return as_rows(
        ReportSection.select().where(ReportSection.report_year == report_year_id).order_by(ReportSection.position)
    )


def section(section_id: int):
    record = ReportSection.get_or_none(ReportSection.id == section_id)
    return as_row(record) if record else None


def decisions(section_id: int | None) -> list:
    if section_id is None:
        return []
    return as_rows(
        SectionDecision.select().where(SectionDecision.section == section_id).order_by(SectionDecision.position)
    )


def stories(report_year_id: int | None) -> list:
    if report_year_id is None:
        return []
    return as_rows(Story.select().where(Story.report_year == report_year_id).order_by(Story.position))


def holistic(report_year_id: int | None) -> list:
    if report_year_id is None:
        return []
    return as_rows(
        HolisticRecommendation.select()
        .where(HolisticRecommendation.report_year == report_year_id)
        .order_by(HolisticRecommendation.position)
    )


def references(report_year_id: int | None) -> list:
    if report_year_id is None:
        return []
    return as_rows(Reference.select().where(Reference.report_year == report_year_id).order_by(Reference.position))


def new_story_values(report_year_id: int) -> dict:
    count = Story.select().where(Story.report_year == report_year_id).count()
    return {"report_year": report_year_id, "text": _("Ny historie"), "position": count}


def new_holistic_values(report_year_id: int) -> dict:
    """A new holistic recommendation is lettered after the last (A, B, C, ...)."""
    count = HolisticRecommendation.select().where(HolisticRecommendation.report_year == report_year_id).count()
    return {
        "report_year": report_year_id,
        "recommendation": _("Ny anbefaling"),
        "label_text": chr(ord("A") + count),
        "position": count,
    }


def new_reference_values(report_year_id: int) -> dict:
    count = Reference.select().where(Reference.report_year == report_year_id).count()
    return {"report_year": report_year_id, "text": _("Ny reference"), "position": count}


def new_section_values(report_year_id: int) -> dict:
    """A new section is numbered after the highest whole number so far and placed last."""
    rows = sections(report_year_id)
    number = str(max((int(s.number.split(".")[0]) for s in rows if s.number.split(".")[0].isdigit()), default=0) + 1)
    return {"report_year": report_year_id, "number": number, "title": _("Nyt afsnit"), "position": len(rows)}


def new_decision_values(section_id: int) -> dict:
    count = SectionDecision.select().where(SectionDecision.section == section_id).count()
    return {"section": section_id, "quote": _("Citat fra beslutningen"), "body": "BIU", "position": count}
