"""Overblik: the selected year's key figures, read from the store."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from models.figures import YearStatus
from models.formatting import format_date, format_dkk, format_pct
from models.i18n import _


class OverviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.figures_box = QGroupBox(_("Nøgletal"))
        self.form = QFormLayout(self.figures_box)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("warnings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.figures_box)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        self.values: dict[str, QLabel] = {}

    def show_status(self, status: YearStatus) -> None:
        """Show ``status``; every label is rebuilt from it."""
        self.heading.setText(_("Overblik {year}").format(year=status.year))
        while self.form.rowCount():
            self.form.removeRow(0)
        self.values.clear()
        jobs = status.jobs
        rows = [
            ("enterprises_active", _("Aktive virksomheder og initiativer"), str(status.enterprises_active)),
            ("registered", _("Registrerede (RSV)"), str(len(status.registrations.registered))),
            ("registering", _("Arbejder mod registrering"), str(len(status.registrations.working))),
            (
                "jobs_jobcenter",
                _("Jobs gennem Jobcenteret"),
                _("{total} af {target}").format(
                    total=jobs.jobcenter_total, target=status.jobs_target if status.jobs_target else "–"
                )
                + (" (" + ", ".join(f"{k} {v}" for k, v in jobs.jobcenter.items()) + ")" if jobs.jobcenter else ""),
            ),
            ("jobs_own", _("Jobs gennem egne kanaler"), str(jobs.own_total)),
            ("grants", _("Tilskud i alt"), format_dkk(status.grants.total_dkk, approximate=status.grants.approximate)),
        ]
        for name, count in status.initiative_members.items():
            rows.append((f"initiative:{name}", _("Deltagere i «{name}»").format(name=name), str(count)))
        for e in status.evaluations:
            rows.append(
                (
                    f"evaluation:{e.agreement_number}",
                    _("Samarbejdsaftale {n}, {date}").format(n=e.agreement_number, date=format_date(e.date)),
                    _("{share} gode udfald ({good} af {completed})").format(
                        share=format_pct(e.good_outcome_share),
                        good=e.good_outcomes,
                        completed=e.completed if e.completed is not None else "–",
                    ),
                )
            )
        for key, label, value in rows:
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            value_label.setObjectName(key)
            self.values[key] = value_label
            self.form.addRow(label + ":", value_label)
        warnings = status.warnings
        self.warnings.setText("\n".join("⚠ " + w for w in warnings))
        self.warnings.setVisible(bool(warnings))
