"""Opret næste år: the texts of a year copied to the next, marked as not revised; figures stay fields."""

import pytest

from models.enterprises import EnterpriseText
from models.errors import StoreError
from models.report_data import build_report
from models.report_texts import ReportSection, ReportYear, SectionDecision
from models.report_years import create_next_year


def test_next_year_copies_every_text_unrevised(example_db):
    target = create_next_year(2018)
    source = ReportYear.get(ReportYear.year == 2018)
    assert target.year == 2019 and not target.revised and source.revised
    assert target.foreword == source.foreword
    assert [s.title for s in target.sections.order_by(ReportSection.position)] == [
        s.title for s in source.sections.order_by(ReportSection.position)
    ]
    assert (
        SectionDecision.select().join(ReportSection).where(ReportSection.report_year == target).count()
        == SectionDecision.select().join(ReportSection).where(ReportSection.report_year == source).count()
        > 0
    )
    assert target.stories.count() == source.stories.count() == 5
    assert target.publication_month.year == 2020
    assert target.national_registered is None  # a yearly fact is entered anew
    copies = EnterpriseText.select().where(EnterpriseText.year == 2019)
    assert copies.count() == 20 and not any(t.revised for t in copies)


def test_the_copied_report_fills_its_fields_from_the_new_years_data(example_db):
    create_next_year(2018)
    data = build_report(2019)
    intro = next(s for s in data.sections if s.number == "6.8")
    text = " ".join(getattr(b, "text", "") for b in intro.blocks)
    # no placement registered for 2019 yet: the field stays marked instead of stating 0 as a fact
    assert "ansat {{job_jobcenter}} personer" in text and "i 2019 gennem Slagelse Jobcenter" in text
    assert any("ikke revideret" in w for w in data.warnings)


def test_next_year_is_refused_twice_and_without_a_source(example_db):
    create_next_year(2018)
    with pytest.raises(StoreError, match="findes allerede"):
        create_next_year(2018)
    with pytest.raises(StoreError, match="ingen årsrapport-tekster for 2030"):
        create_next_year(2030)
