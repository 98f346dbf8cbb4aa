"""Grants and pool money with their funders: one amount may come from many funders with no split."""

from peewee import BooleanField, Check, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_amount, check_text


class Grant(BaseModel):
    """Money an enterprise received in ``year``; ``covers_until_year`` when it pays for later years too."""

    label, label_plural = _("tilskud"), _("tilskud")

    enterprise = ForeignKeyField(Enterprise, backref="grants")
    year = IntegerField(index=True)
    amount_dkk = IntegerField(null=True, constraints=[Check("amount_dkk IS NULL OR amount_dkk >= 0")])
    approximate = BooleanField(default=False)  # "ca. 650.000 kr."
    covers_until_year = IntegerField(null=True)
    purpose = TextField(default="")
    note = TextField(default="")
    position = IntegerField(default=0)

    def validate(self) -> None:
        check_amount("amount_dkk", self.amount_dkk, label=_("Beløbet"))
        if self.year is None or not 1900 <= int(self.year) <= 2200:
            raise ValidationError("year", _("Året skal være et årstal, fx 2018."))
        if self.covers_until_year is not None and self.covers_until_year < self.year:
            raise ValidationError("covers_until_year", _("Tilskuddet kan ikke dække frem til et år før det er givet."))
        self.purpose = check_text("purpose", self.purpose, label=_("Formålet"))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))

    def display_name(self) -> str:
        return _("tilskud {year} til {name}").format(year=self.year, name=self.enterprise.name)


class GrantFunder(BaseModel):
    """One funder of a grant, with its own purpose and, where known, its share of the amount."""

    label, label_plural = _("bevillingsgiver"), _("bevillingsgivere")

    grant = ForeignKeyField(Grant, backref="funders", on_delete="CASCADE")
    name = TextField()
    purpose = TextField(default="")
    amount_dkk = IntegerField(null=True, constraints=[Check("amount_dkk IS NULL OR amount_dkk >= 0")])
    position = IntegerField(default=0)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Bevillingsgiverens navn"), required=True, max_length=300)
        self.purpose = check_text("purpose", self.purpose, label=_("Formålet"))
        check_amount("amount_dkk", self.amount_dkk, label=_("Beløbet"))
