"""Enterprises and initiatives, their year texts, target groups, registration history and shared
initiatives. An enterprise's identity lasts; its presentation texts belong to one report year."""

import datetime as dt

from peewee import BooleanField, Check, DateField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_count, check_date_order, check_text, clean_cvr

KINDS = {
    "enterprise": _("Socialøkonomisk virksomhed"),
    "initiative": _("Virksomhed med socialøkonomisk initiativ"),
}
REGISTRATION_STATUSES = {
    "registered": _("Registreret socialøkonomisk virksomhed (RSV)"),
    "working": _("Arbejder mod registrering"),
    "not_registered": _("Ikke registreret"),
}
KINDS_SHORT = {"enterprise": _("Virksomhed"), "initiative": _("Initiativ")}
REGISTRATION_SHORT = {
    "registered": _("Registreret"),
    "working": _("Mod registrering"),
    "not_registered": _("Ikke registreret"),
}
EMPLOYEE_QUALIFIERS = ("", "ca.", "over")


class Enterprise(BaseModel):
    """A social-economy enterprise, or an ordinary company running a social-economy initiative."""

    label, label_plural = _("virksomhed"), _("virksomheder")

    name = TextField(collation="NOCASE", unique=True)
    kind = TextField(default="enterprise", constraints=[Check("kind IN ('enterprise', 'initiative')")])
    legal_form = TextField(default="")
    cvr = TextField(null=True, unique=True)
    address = TextField(default="")
    place = TextField(default="")
    opened = DateField(null=True)
    closed = DateField(null=True)  # the first day it is no longer active
    employees = IntegerField(null=True)
    employees_qualifier = TextField(default="")
    employees_as_of = DateField(null=True)
    contact = TextField(default="")
    website = TextField(default="")
    report_order = IntegerField(default=0)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Navnet"), required=True, max_length=200)
        if self.kind not in KINDS:
            raise ValidationError("kind", _("Ukendt type virksomhed."))
        self.cvr = clean_cvr("cvr", self.cvr)
        for field in ("legal_form", "address", "place", "contact", "website"):
            setattr(self, field, check_text(field, getattr(self, field), label=_("Feltet"), max_length=1000))
        check_date_order("closed", self.opened, self.closed, label=_("Lukkedatoen"))
        check_count("employees", self.employees, label=_("Antal ansatte"))
        if self.employees_qualifier not in EMPLOYEE_QUALIFIERS:
            raise ValidationError("employees_qualifier", _("Ukendt angivelse af antal ansatte."))

    def is_active(self, on: dt.date) -> bool:
        """Active on ``on``: opened (if known) on or before it and not yet closed."""
        return (self.opened is None or self.opened <= on) and (self.closed is None or self.closed > on)


class EnterpriseText(BaseModel):
    """What the report of one year says about an enterprise; carried forward to the next year as a draft."""

    label, label_plural = _("årstekst"), _("årstekster")

    enterprise = ForeignKeyField(Enterprise, backref="texts", on_delete="CASCADE")
    year = IntegerField()
    presentation = TextField(default="")
    plans = TextField(default="")
    target_group_line = TextField(default="")
    revised = BooleanField(default=True)  # False while it is an unrevised copy of last year's text

    class Meta:
        indexes = ((("enterprise", "year"), True),)

    def validate(self) -> None:
        for field in ("presentation", "plans", "target_group_line"):
            setattr(self, field, check_text(field, getattr(self, field), label=_("Teksten")))


class TargetGroup(BaseModel):
    """A term of the shared target-group vocabulary ("fleksjobbere", "unge", ...)."""

    label, label_plural = _("målgruppe"), _("målgrupper")

    name = TextField(collation="NOCASE", unique=True)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Målgruppen"), required=True, max_length=200)


class EnterpriseTargetGroup(BaseModel):
    label, label_plural = _("målgruppe for en virksomhed"), _("målgrupper for virksomheder")

    enterprise = ForeignKeyField(Enterprise, backref="target_group_links", on_delete="CASCADE")
    target_group = ForeignKeyField(TargetGroup, backref="enterprise_links")

    class Meta:
        indexes = ((("enterprise", "target_group"), True),)


class Registration(BaseModel):
    """A change of status under the law on registered social-economy enterprises, from ``date`` on."""

    label, label_plural = _("registreringsstatus"), _("registreringsstatusser")

    enterprise = ForeignKeyField(Enterprise, backref="registrations", on_delete="CASCADE")
    status = TextField(constraints=[Check("status IN ('registered', 'working', 'not_registered')")])
    date = DateField()
    note = TextField(default="")
    # The yearly report the law (§ 8) asks of a registered enterprise, and when the public register was checked.
    annual_report_submitted = BooleanField(null=True)
    annual_report_date = DateField(null=True)
    verified_on = DateField(null=True)

    class Meta:
        indexes = ((("enterprise", "date"), False),)

    def validate(self) -> None:
        if self.status not in REGISTRATION_STATUSES:
            raise ValidationError("status", _("Ukendt registreringsstatus."))
        if self.date is None:
            raise ValidationError("date", _("Registreringsstatus skal have en dato."))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))


class Initiative(BaseModel):
    """A municipal initiative that enterprises join ("Borger i job med afsæt i fælles værdikæde")."""

    label, label_plural = _("fælles initiativ"), _("fælles initiativer")

    name = TextField(collation="NOCASE", unique=True)
    description = TextField(default="")
    started = DateField(null=True)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Navnet"), required=True, max_length=300)
        self.description = check_text("description", self.description, label=_("Beskrivelsen"))


class InitiativeMembership(BaseModel):
    label, label_plural = _("deltagelse i initiativ"), _("deltagelser i initiativer")

    initiative = ForeignKeyField(Initiative, backref="memberships", on_delete="CASCADE")
    enterprise = ForeignKeyField(Enterprise, backref="memberships", on_delete="CASCADE")
    joined = DateField(null=True)
    left = DateField(null=True)

    class Meta:
        indexes = ((("initiative", "enterprise"), True),)

    def validate(self) -> None:
        check_date_order("left", self.joined, self.left, label=_("Udtrædelsesdatoen"))
