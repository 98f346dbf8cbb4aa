"""CSR partnerships, network meetings and their themes, pseudonymised progression cases, and goals."""

from decimal import Decimal

from peewee import BooleanField, Check, DateField, DecimalField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_count, check_date_order, check_hours, check_text


class Partnership(BaseModel):
    """A CSR partnership between a social-economy enterprise and a company with a CSR profile."""

    label, label_plural = _("CSR-samarbejde"), _("CSR-samarbejder")

    enterprise = ForeignKeyField(Enterprise, backref="partnerships")
    partner_name = TextField()
    partner = ForeignKeyField(Enterprise, null=True, backref="partnerships_as_partner", on_delete="SET NULL")
    started = DateField(null=True)
    ended = DateField(null=True)
    tasks = TextField(default="")
    note = TextField(default="")

    def validate(self) -> None:
        self.partner_name = check_text(
            "partner_name", self.partner_name, label=_("Partnerens navn"), required=True, max_length=300
        )
        check_date_order("ended", self.started, self.ended, label=_("Slutdatoen"))
        self.tasks = check_text("tasks", self.tasks, label=_("Opgaverne"))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))

    def display_name(self) -> str:
        return f"{self.enterprise.name} – {self.partner_name}"


MEETING_STATUSES = {"held": _("Afholdt"), "planned": _("Planlagt")}


class NetworkMeeting(BaseModel):
    label, label_plural = _("netværksmøde"), _("netværksmøder")

    date = DateField(index=True)
    status = TextField(default="held", constraints=[Check("status IN ('held', 'planned')")])
    title = TextField(default="")
    note = TextField(default="")

    def validate(self) -> None:
        if self.date is None:
            raise ValidationError("date", _("Mødet skal have en dato."))
        if self.status not in MEETING_STATUSES:
            raise ValidationError("status", _("Vælg om mødet er afholdt eller planlagt."))
        self.title = check_text("title", self.title, label=_("Titlen"), max_length=300)
        self.note = check_text("note", self.note, label=_("Bemærkningen"))


class NetworkTheme(BaseModel):
    """A theme chosen for the network's meetings of one year."""

    label, label_plural = _("netværkstema"), _("netværkstemaer")

    year = IntegerField(index=True)
    position = IntegerField(default=0)
    text = TextField()

    def validate(self) -> None:
        self.text = check_text("text", self.text, label=_("Temaet"), required=True, max_length=1000)


class ProgressionCase(BaseModel):
    """A citizen's progression, followed under a pseudonym only ("Victor"): never a name or CPR number."""

    label, label_plural = _("progressionsforløb"), _("progressionsforløb")

    pseudonym = TextField(unique=True)
    started = DateField(null=True)
    description = TextField(default="")

    def validate(self) -> None:
        self.pseudonym = check_text("pseudonym", self.pseudonym, label=_("Pseudonymet"), required=True, max_length=100)
        self.description = check_text("description", self.description, label=_("Beskrivelsen"))


class ProgressionStep(BaseModel):
    label, label_plural = _("progressionstrin"), _("progressionstrin")

    case = ForeignKeyField(ProgressionCase, backref="steps", on_delete="CASCADE")
    date = DateField()
    hours_per_week = DecimalField(max_digits=5, decimal_places=2, auto_round=False)
    intensity_pct = IntegerField(constraints=[Check("intensity_pct BETWEEN 0 AND 100")])
    note = TextField(default="")

    def validate(self) -> None:
        if self.date is None:
            raise ValidationError("date", _("Trinnet skal have en dato."))
        self.hours_per_week = check_hours(
            "hours_per_week", self.hours_per_week, label=_("Timer pr. uge"), required=True
        )
        if self.intensity_pct is None or not 0 < self.intensity_pct <= 100:
            raise ValidationError("intensity_pct", _("Intensiteten skal være mellem 1 og 100 %."))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))

    @property
    def effective_hours(self) -> Decimal:
        """Hours a week times intensity: 4,5 hours at 80 % are 3,6 effective hours."""
        return Decimal(self.hours_per_week) * self.intensity_pct / 100


GOAL_MEASURES = {
    "enterprises_active": _("Aktive virksomheder og initiativer ved fristen"),
    "jobs_jobcenter_year": _("Ansættelser gennem Jobcenteret i året"),
    "manual": _("Opgøres manuelt"),
}


class Goal(BaseModel):
    """A goal of the strategy. Its status is measured from data where ``measure`` says how, else by hand."""

    label, label_plural = _("mål"), _("mål")

    name = TextField(unique=True)
    short_name = TextField(default="", unique=False)  # the key used by report fields, e.g. "virksomheder"
    measure = TextField(
        default="manual", constraints=[Check("measure IN ('enterprises_active', 'jobs_jobcenter_year', 'manual')")]
    )
    target = IntegerField(null=True)
    deadline = DateField(null=True)
    yearly = BooleanField(default=False)  # the target applies to every year (30 jobs a year)
    achieved_on = DateField(null=True)  # for goals set by hand (the award)
    position = IntegerField(default=0)
    note = TextField(default="")

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Målet"), required=True, max_length=500)
        self.short_name = check_text("short_name", self.short_name, label=_("Kortnavnet"), max_length=50)
        if self.measure not in GOAL_MEASURES:
            raise ValidationError("measure", _("Ukendt måde at opgøre målet på."))
        check_count("target", self.target, label=_("Målet"))
        if self.measure != "manual" and self.target is None:
            raise ValidationError("target", _("Et mål, der opgøres fra data, skal have et tal at nå."))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))
