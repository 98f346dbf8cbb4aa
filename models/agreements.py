"""The Jobcenter's purchase agreements for course places, the evaluation paradigm (versioned) and the
evaluations made with it: answers to the paradigm's questions and outcome counts by category."""

from peewee import BooleanField, Check, DateField, ForeignKeyField, IntegerField, TextField

from models.base import BaseModel
from models.enterprises import Enterprise
from models.errors import ValidationError
from models.i18n import _
from models.validation import check_amount, check_count, check_date_order, check_text


class Paradigm(BaseModel):
    """A version of the evaluation paradigm. Evaluations keep the version they were made with."""

    label, label_plural = _("evalueringsparadigme"), _("evalueringsparadigmer")

    name = TextField()
    version = IntegerField(default=1)
    valid_from = DateField(null=True)
    note = TextField(default="")

    class Meta:
        indexes = ((("name", "version"), True),)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Navnet"), required=True, max_length=300)

    def display_name(self) -> str:
        return f"{self.name} ({_('version')} {self.version})"


class ParadigmQuestion(BaseModel):
    label, label_plural = _("evalueringsspørgsmål"), _("evalueringsspørgsmål")

    paradigm = ForeignKeyField(Paradigm, backref="questions", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()
    # The overview question is answered by the outcome counts; its text answer only adds to them.
    is_overview = BooleanField(default=False)

    def validate(self) -> None:
        self.text = check_text("text", self.text, label=_("Spørgsmålet"), required=True, max_length=1000)


class OutcomeCategory(BaseModel):
    """Where a completed participant went. Whether it counts as good or as stopped is a setting, not code."""

    label, label_plural = _("udfaldskategori"), _("udfaldskategorier")

    paradigm = ForeignKeyField(Paradigm, backref="categories", on_delete="CASCADE")
    position = IntegerField(default=0)
    name = TextField()
    is_good = BooleanField(default=False)
    is_stopped = BooleanField(default=False)

    class Meta:
        indexes = ((("paradigm", "name"), True),)

    def validate(self) -> None:
        self.name = check_text("name", self.name, label=_("Kategorien"), required=True, max_length=300)
        if self.is_good and self.is_stopped:
            raise ValidationError("is_stopped", _("En kategori kan ikke både være et godt udfald og et stop."))


class Agreement(BaseModel):
    """A cooperation agreement: the Jobcenter buys course places from an enterprise."""

    label, label_plural = _("samarbejdsaftale"), _("samarbejdsaftaler")

    enterprise = ForeignKeyField(Enterprise, backref="agreements")
    number = IntegerField()  # printed as "Samarbejdsaftale 1" when the report anonymises agreements
    places = IntegerField(constraints=[Check("places >= 0")])
    extra_places = IntegerField(default=0, constraints=[Check("extra_places >= 0")])
    framework_weeks = IntegerField(null=True)
    extendable = BooleanField(default=False)
    plan_due_weeks = IntegerField(null=True)
    price_dkk = IntegerField(null=True)  # what the agreement costs for its period, when entered
    start = DateField(null=True)
    end = DateField(null=True)
    target_group = TextField(default="")
    note = TextField(default="")

    class Meta:
        indexes = ((("number",), True),)

    def validate(self) -> None:
        for field, label in (
            ("places", _("Antal forløb")),
            ("extra_places", _("Ekstra forløb")),
            ("framework_weeks", _("Rammen i uger")),
            ("plan_due_weeks", _("Plan efter uger")),
        ):
            check_count(field, getattr(self, field), label=label)
        if self.places is None:
            raise ValidationError("places", _("Antal forløb skal udfyldes."))
        check_amount("price_dkk", self.price_dkk, label=_("Prisen"))
        check_date_order("end", self.start, self.end, label=_("Slutdatoen"))
        self.target_group = check_text("target_group", self.target_group, label=_("Målgruppen"))
        self.note = check_text("note", self.note, label=_("Bemærkningen"))

    def display_name(self) -> str:
        return _("Samarbejdsaftale {n}").format(n=self.number)


class Evaluation(BaseModel):
    """An evaluation of an agreement at a date. Counts that do not add up are warned about, never refused."""

    label, label_plural = _("evaluering"), _("evalueringer")

    agreement = ForeignKeyField(Agreement, backref="evaluations", on_delete="CASCADE")
    paradigm = ForeignKeyField(Paradigm, backref="evaluations")
    date = DateField(index=True)
    places_in_use = IntegerField(null=True)
    plans_made = IntegerField(null=True)
    plans_missing = IntegerField(null=True)
    plans_in_progress = IntegerField(null=True)
    completed = IntegerField(null=True)  # "afsluttede forløb i alt"
    continuing = IntegerField(null=True)  # "fortsat i forløb"
    note = TextField(default="")

    def validate(self) -> None:
        if self.date is None:
            raise ValidationError("date", _("Evalueringen skal have en dato."))
        for field, label in (
            ("places_in_use", _("Forløb i brug")),
            ("plans_made", _("Planer lavet")),
            ("plans_missing", _("Uden plan")),
            ("plans_in_progress", _("Plan under udarbejdelse")),
            ("completed", _("Afsluttede forløb")),
            ("continuing", _("Fortsat i forløb")),
        ):
            check_count(field, getattr(self, field), label=label)
        self.note = check_text("note", self.note, label=_("Bemærkningen"))


class EvaluationAnswer(BaseModel):
    label, label_plural = _("svar"), _("svar")

    evaluation = ForeignKeyField(Evaluation, backref="answers", on_delete="CASCADE")
    question = ForeignKeyField(ParadigmQuestion, backref="answers")
    answer = TextField(default="")

    class Meta:
        indexes = ((("evaluation", "question"), True),)

    def validate(self) -> None:
        self.answer = check_text("answer", self.answer, label=_("Svaret"))


class EvaluationOutcome(BaseModel):
    label, label_plural = _("udfald"), _("udfald")

    evaluation = ForeignKeyField(Evaluation, backref="outcomes", on_delete="CASCADE")
    category = ForeignKeyField(OutcomeCategory, backref="outcomes")
    count = IntegerField(constraints=[Check("count >= 0")])

    class Meta:
        indexes = ((("evaluation", "category"), True),)

    def validate(self) -> None:
        check_count("count", self.count, label=_("Antallet"))
        if self.count is None:
            raise ValidationError("count", _("Antallet skal udfyldes."))
