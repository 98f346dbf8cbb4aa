"""The first part of Årsrapport-tekster: the report's front page and the year's own figures (title,
committees, municipality, unit, publication month, national count, co-signed applications, pool mails,
anonymised agreements), each stored when confirmed through the ``Editor``."""

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.i18n import _
from models.report_texts import (
    ReportYear,
)
from models.validation import parse_date, parse_int
from views.fields import date_text


class ReportSettings:
    """Mixin of ``ReportTextsPage`` (which gives ``editor``, ``year``, ``report_year`` and ``settings_binder``)."""

    def _year_value(self, name: str):
        return lambda: (
            ""
            if not self.report_year or getattr(self.report_year, name) is None
            else str(getattr(self.report_year, name))
        )

    def _set_year_field(self, name: str, label: str, value) -> None:
        assert self.report_year is not None
        self.editor.update(
            ReportYear,
            self.report_year.id,
            {name: value},
            _("{label} i årsrapporten {year}").format(label=label, year=self.year),
            version=self.report_year.row_version,
        )

    def _settings_panel(self) -> QWidget:
        box = QGroupBox(_("Forside og årets tal"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        b = self.settings_binder
        for name, label in (
            ("title", _("&Titel (året tilføjes):")),
            ("committees", _("U&dvalg:")),
            ("municipality", _("K&ommune:")),
            ("unit", _("&Enhed (forfatter):")),
        ):
            self._row(
                form,
                b,
                label,
                QLineEdit(),
                name,
                self._year_value(name),
                lambda text, n=name, lab=label: self._set_year_field(n, lab.replace("&", "").rstrip(":"), text),
            )
        self._row(
            form,
            b,
            _("&Udgivelsesmåned (dato):"),
            QLineEdit(),
            "publication_month",
            lambda: date_text(self.report_year.publication_month) if self.report_year else "",
            lambda text: self._set_year_field(
                "publication_month",
                _("udgivelsesmåned"),
                parse_date(text, field="publication_month", label=_("Måneden")),
            ),
        )
        for name, label in (
            ("national_registered", _("Registrerede på &landsplan:")),
            ("cosigned_applications", _("&Medunderskrevne ansøgninger:")),
            ("pool_mails", _("Mails med &puljeoversigt:")),
        ):
            self._row(
                form,
                b,
                label,
                QLineEdit(),
                name,
                self._year_value(name),
                lambda text, n=name, lab=label: self._set_year_field(
                    n,
                    lab.replace("&", "").rstrip(":"),
                    parse_int(text, field=n, label=lab.replace("&", "").rstrip(":")),
                ),
            )
        self._row(
            form,
            b,
            _("&Kilde til landstallet:"),
            QLineEdit(),
            "national_registered_note",
            self._year_value("national_registered_note"),
            lambda text: self._set_year_field("national_registered_note", _("kilde"), text),
        )
        anonymise = QCheckBox(_("Skriv «Samarbejdsaftale 1, 2, …» i stedet for virksomhedens navn"))
        self._row(
            form,
            b,
            _("A&nonymisér aftaler:"),
            anonymise,
            "anonymise_agreements",
            lambda: bool(self.report_year and self.report_year.anonymise_agreements),
            lambda value: self._set_year_field("anonymise_agreements", _("anonymisering"), value),
        )
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        return panel
