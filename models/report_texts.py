"""The texts of each year's report: title-page settings and yearly facts, the foreword, the numbered
sections (with quoted political decisions and one recommendation each), stories, holistic
recommendations and references. Texts may hold fields (``{{name}}``) filled from data when printed."""

import datetime as dt

from peewee import BooleanField, DateField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_count, check_text


class ReportYear(BaseModel):
    label, label_plural = _("årsrapport"), _("årsrapporter")

    year = IntegerField(unique=True)
    title = TextField(default="")
    committees = TextField(default="")
    municipality = TextField(default="")
    unit = TextField(default="")
    publication_month = DateField(null=True)  # the first day of the month printed on the title page
    national_registered = IntegerField(null=True)
    national_registered_note = TextField(default="")
    cosigned_applications = IntegerField(null=True)
    pool_mails = IntegerField(null=True)
    anonymise_agreements = BooleanField(default=True)
    foreword = TextField(default="")
    revised = BooleanField(default=True)  # False while it is an unrevised copy of last year's texts

    def validate(self) -> None:
        if self.year is None or not 1900 <= int(self.year) <= 2200:
            raise ValidationError("year", _("Året skal være et årstal, fx 2018."))
        for field in ("title", "committees", "municipality", "unit", "national_registered_note"):
            setattr(self, field, check_text(field, getattr(self, field), label=_("Feltet"), max_length=1000))
        self.foreword = check_text("foreword", self.foreword, label=_("Forordet"))
        for field, label in (
            ("national_registered", _("Antal registrerede på landsplan")),
            ("cosigned_applications", _("Medunderskrevne ansøgninger")),
            ("pool_mails", _("Mails med puljeoversigt")),
        ):
            check_count(field, getattr(self, field), label=label)
        if isinstance(self.publication_month, dt.date) and self.publication_month.day != 1:
            self.publication_month = self.publication_month.replace(day=1)

    def display_name(self) -> str:
        return _("årsrapport {year}").format(year=self.year)


class ReportSection(BaseModel):
    """A numbered section ("1", "2.1", "6.5"). ``body`` holds paragraphs, bullets, fields and blocks."""

    label, label_plural = _("afsnit"), _("afsnit")

    report_year = ForeignKeyField(ReportYear, backref="sections", on_delete="CASCADE")
    position = IntegerField(default=0)
    number = TextField()
    title = TextField()
    body = TextField(default="")
    recommendation = TextField(default="")

    class Meta:
        indexes = ((("report_year", "number"), True),)

    def validate(self) -> None:
        self.number = check_text("number", self.number, label=_("Afsnitsnummeret"), required=True, max_length=20)
        self.title = check_text("title", self.title, label=_("Overskriften"), required=True, max_length=500)
        self.body = check_text("body", self.body, label=_("Teksten"))
        self.recommendation = check_text("recommendation", self.recommendation, label=_("Anbefalingen"))

    @property
    def level(self) -> int:
        """1 for "6", 2 for "6.5"."""
        return self.number.count(".") + 1

    def display_name(self) -> str:
        return f"{self.number} {self.title}"


class SectionDecision(BaseModel):
    """A quoted political decision that a section reports on, e.g. "(Beslutning i BIU d.7.11.2017)"."""

    label, label_plural = _("politisk beslutning"), _("politiske beslutninger")

    section = ForeignKeyField(ReportSection, backref="decisions", on_delete="CASCADE")
    position = IntegerField(default=0)
    quote = TextField()
    body = TextField(default="")  # the political body: "BIU", "Byrådet"
    date = DateField(null=True)

    def validate(self) -> None:
        self.quote = check_text("quote", self.quote, label=_("Citatet"), required=True)
        self.body = check_text("body", self.body, label=_("Udvalget"), max_length=200)


class Story(BaseModel):
    label, label_plural = _("positiv historie"), _("positive historier")

    report_year = ForeignKeyField(ReportYear, backref="stories", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()

    def validate(self) -> None:
        self.text = check_text("text", self.text, label=_("Historien"), required=True)


class HolisticRecommendation(BaseModel):
    label, label_plural = _("helhedsanbefaling"), _("helhedsanbefalinger")

    report_year = ForeignKeyField(ReportYear, backref="holistic", on_delete="CASCADE")
    position = IntegerField(default=0)
    label_text = TextField(default="")  # "A", "B"
    context = TextField(default="")
    recommendation = TextField()

    def validate(self) -> None:
        self.context = check_text("context", self.context, label=_("Baggrunden"))
        self.recommendation = check_text("recommendation", self.recommendation, label=_("Anbefalingen"), required=True)


class Reference(BaseModel):
    label, label_plural = _("reference"), _("referencer")

    report_year = ForeignKeyField(ReportYear, backref="references", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()

    def validate(self) -> None:
        self.text = check_text("text", self.text, label=_("Referencen"), required=True, max_length=2000)
