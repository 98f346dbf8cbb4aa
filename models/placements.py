"""Jobs created through social-economy enterprises. No citizen is named: a placement is a dated count."""

from peewee import Check, DateField, DecimalField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_hours, check_text

CHANNELS = {
    "jobcenter": _("Gennem Jobcenteret"),
    "own": _("Virksomhedens egne kanaler"),
}


class PlacementType(BaseModel):
    """A kind of job: Fleksjob, Deltidsjob, Fuldtid, Løntilskud, ... (a vocabulary the users may extend)."""

    label, label_plural = _("ansættelsestype"), _("ansættelsestyper")

    name = TextField(collation="NOCASE", unique=True)
    position = IntegerField(default=0)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Typen"), required=True, max_length=100)


class JobPlacement(BaseModel):
    label, label_plural = _("ansættelse"), _("ansættelser")

    enterprise = ForeignKeyField(Enterprise, backref="placements")
    date = DateField(index=True)
    type = ForeignKeyField(PlacementType, backref="placements")
    channel = TextField(constraints=[Check("channel IN ('jobcenter', 'own')")])
    hours_per_week = DecimalField(null=True, max_digits=5, decimal_places=2, auto_round=False)
    note = TextField(default="")

    class Meta:
        # the year's counts by channel and type (Ansættelser, Overblik, Mål, the report) read this index only;
        # created on opening where missing (models/indexes.py)
        indexes = ((("date", "channel", "type"), False),)

    def validate(self) -> None:
        if self.date is None:
            raise ValidationError("date", _("Ansættelsen skal have en dato."))
        if self.channel not in CHANNELS:
            raise ValidationError("channel", _("Vælg om ansættelsen kom gennem Jobcenteret eller egne kanaler."))
        self.hours_per_week = check_hours("hours_per_week", self.hours_per_week, label=_("Timer pr. uge"))
        self.note = check_text("note", self.note, label=_("Bemærkningen"), max_length=2000)

    def display_name(self) -> str:
        return _("ansættelse {date}").format(date=self.date)
