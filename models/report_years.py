"""Starting a new report year from the last one: every text copied and marked as not yet revised, so nothing
is lost or retyped. Figures are not copied: they are fields, filled from the new year's data."""

from models.base import database_proxy
from models.enterprises import EnterpriseText
from models.errors import StoreError
from models.i18n import _
from models.report_texts import (
    HolisticRecommendation,
    Reference,
    ReportSection,
    ReportYear,
    SectionDecision,
    Story,
)
from models.year_locks import check_unlocked


def create_next_year(source_year: int) -> ReportYear:
    """Copy the report texts of ``source_year`` (and the enterprises' presentations) to the year after.
    Refuses if the year after already has report texts."""
    source = ReportYear.get_or_none(ReportYear.year == source_year)
    if source is None:
        raise StoreError(_("Der er ingen årsrapport-tekster for {year} at kopiere fra.").format(year=source_year))
    target_year = source_year + 1
    if ReportYear.select().where(ReportYear.year == target_year).exists():
        raise StoreError(_("Årsrapporten for {year} findes allerede.").format(year=target_year))
    check_unlocked("ReportYear", {"year": target_year})
    with database_proxy.atomic():
        fields = {
            name: getattr(source, name)
            for name in ReportYear._meta.sorted_field_names
            if name not in ReportYear.BOOKKEEPING
        }
        month = source.publication_month
        target = ReportYear.create(
            **{
                **fields,
                "year": target_year,
                "revised": False,
                "publication_month": month.replace(year=month.year + 1) if month else None,
                "national_registered": None,
                "cosigned_applications": None,
                "pool_mails": None,
            }
        )
        for section in source.sections.order_by(ReportSection.position):
            copy = ReportSection.create(
                report_year=target,
                position=section.position,
                number=section.number,
                title=section.title,
                body=section.body,
                recommendation=section.recommendation,
            )
            for decision in section.decisions.order_by(SectionDecision.position):
                SectionDecision.create(
                    section=copy,
                    position=decision.position,
                    quote=decision.quote,
                    body=decision.body,
                    date=decision.date,
                )
        for story in source.stories:
            Story.create(report_year=target, position=story.position, text=story.text)
        for item in source.holistic:
            HolisticRecommendation.create(
                report_year=target,
                position=item.position,
                label_text=item.label_text,
                context=item.context,
                recommendation=item.recommendation,
            )
        for reference in source.references:
            Reference.create(report_year=target, position=reference.position, text=reference.text)
        existing = {t.enterprise_id for t in EnterpriseText.select().where(EnterpriseText.year == target_year)}
        for text in EnterpriseText.select().where(EnterpriseText.year == source_year):
            if text.enterprise_id not in existing:
                EnterpriseText.create(
                    enterprise=text.enterprise_id,
                    year=target_year,
                    presentation=text.presentation,
                    plans=text.plans,
                    target_group_line=text.target_group_line,
                    revised=False,
                )
    return target
