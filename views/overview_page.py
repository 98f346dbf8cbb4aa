"""Overblik: the selected year at a glance, read from the store. Goals with progress bars, jobs against the
yearly target, enterprises, grants, each agreement's latest share and the warnings that need a look; every
figure links to the page that explains it. A chart shows the jobs month by month against the target."""

import datetime as dt
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.example_data import is_empty as store_is_empty
from models.figures import YearStatus, jobcenter_by_month
from models.formatting import format_date, format_dkk, format_pct
from models.i18n import _
from views.welcome import Welcome

MAX_AGREEMENTS = 12
MAX_WARNINGS = 8


def _link(area: str, text: str) -> str:
    return f'<a href="{area}">{text}</a>'


def month_counts(status: YearStatus) -> list[int]:
    """The placements through the Jobcenter in each month the overview's chart shows (a query: the window
    reads it with the figures, off the GUI thread)."""
    as_of = min(status.as_of, dt.date.today()) if status.year == dt.date.today().year else status.as_of
    return jobcenter_by_month(status.year, as_of)


class OverviewPage(QScrollArea):
    navigate = Signal(str)  # the key of the area a figure links to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.goals_box = QGroupBox(_("Mål"))
        self.goals = QGridLayout(self.goals_box)
        self.goals.setColumnStretch(0, 3)
        self.goals.setColumnStretch(1, 2)
        self.figures_box = QGroupBox(_("Året i tal"))
        self.form = QFormLayout(self.figures_box)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)  # long values wrap in their column
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("warnings")
        self.warnings.setStyleSheet("color: #8a5300;")
        self.warnings.linkActivated.connect(self.navigate)
        self.chart = QLabel()
        self.chart.setObjectName("monthChart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.welcome = Welcome()
        self.welcome.hide()
        self.figures = QWidget()
        columns = QHBoxLayout(self.figures)
        columns.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.goals_box)
        left.addWidget(self.figures_box)
        left.addWidget(self.warnings)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.chart, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.welcome)
        layout.addWidget(self.figures)
        layout.addStretch(1)
        self.values: dict[str, QLabel] = {}
        self.bars: dict[str, QProgressBar] = {}

    @staticmethod
    def _clear(layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def _value(self, key: str, label: str, text: str, area: str) -> None:
        value = QLabel(_link(area, text))
        value.setObjectName(key)
        value.setWordWrap(True)
        value.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        value.linkActivated.connect(self.navigate)
        self.values[key] = value
        self.form.addRow(label + ":", value)

    def plain(self, key: str) -> str:
        """The text a figure shows, without its link."""
        return re.sub(r"<[^>]+>", "", self.values[key].text())

    def show_status(self, status: YearStatus, months: list[int] | None = None) -> None:
        """Show ``status`` and the year's jobs by month (``months``: ``month_counts(status)``, read here if not
        given); everything is rebuilt from them. An empty database shows the welcome instead."""
        empty = store_is_empty()
        self.welcome.setVisible(empty)
        self.figures.setVisible(not empty)
        self.heading.setText(_("Overblik {year}").format(year=status.year))
        while self.form.rowCount():
            self.form.removeRow(0)
        self._clear(self.goals)
        self.values.clear()
        self.bars.clear()
        for row, goal in enumerate(status.goals):
            name = QLabel(_link("goals", goal.name))
            name.setWordWrap(True)
            name.linkActivated.connect(self.navigate)
            self.goals.addWidget(name, row, 0)
            if goal.measure == "manual":
                text = _("Opfyldt {date}").format(date=format_date(goal.achieved_on)) if goal.met else _("Ikke opfyldt")
                state = QLabel(text)
                state.setObjectName(f"goal:{goal.short_name}")
                self.goals.addWidget(state, row, 1)
                continue
            bar = QProgressBar()
            bar.setObjectName(f"goal:{goal.short_name}")
            bar.setRange(0, max(goal.target or 1, 1))
            bar.setValue(min(goal.value or 0, goal.target or 0))
            bar.setFormat(_("{value} af {target}").format(value=goal.value, target=goal.target))
            self.bars[goal.short_name] = bar
            self.goals.addWidget(bar, row, 1)
        self.goals_box.setVisible(bool(status.goals))

        jobs = status.jobs
        target = status.jobs_target
        self._value(
            "enterprises_active", _("Aktive virksomheder og initiativer"), str(status.enterprises_active), "enterprises"
        )
        self._value("registered", _("Registrerede (RSV)"), str(len(status.registrations.registered)), "enterprises")
        self._value(
            "registering", _("Arbejder mod registrering"), str(len(status.registrations.working)), "enterprises"
        )
        parts = ", ".join(f"{k} {v}" for k, v in jobs.jobcenter.items())
        self._value(
            "jobs_jobcenter",
            _("Jobs gennem Jobcenteret"),
            _("{total} af {target}").format(total=jobs.jobcenter_total, target=target if target else "–")
            + (f" ({parts})" if parts else ""),
            "placements",
        )
        self._value("jobs_own", _("Jobs gennem egne kanaler"), str(jobs.own_total), "placements")
        self._value(
            "grants",
            _("Tilskud i alt"),
            format_dkk(status.grants.total_dkk, approximate=status.grants.approximate),
            "grants",
        )
        for name, count in status.initiative_members.items():
            self._value(f"initiative:{name}", _("Deltagere i «{name}»").format(name=name), str(count), "enterprises")
        latest = {e.agreement_number: e for e in status.evaluations}
        shown = sorted(latest.items())[:MAX_AGREEMENTS]  # a national body may follow hundreds: the page says so
        for number, e in shown:
            self._value(
                f"evaluation:{number}",
                _("Samarbejdsaftale {n}, {date}").format(n=number, date=format_date(e.date)),
                _("{share} gode udfald ({good} af {completed})").format(
                    share=format_pct(e.good_outcome_share),
                    good=e.good_outcomes,
                    completed=e.completed if e.completed is not None else "–",
                ),
                f"agreements:{e.evaluation_id}",
            )
        if len(latest) > MAX_AGREEMENTS:
            self._value(
                "evaluation:more",
                _("Flere samarbejdsaftaler"),
                _("{n} mere under Aftaler og evalueringer").format(n=len(latest) - MAX_AGREEMENTS),
                "agreements",
            )
        warnings = status.warnings
        # each warning opens the evaluation it is about
        about = [(e.evaluation_id, w) for e in status.evaluations for w in e.warnings]
        lines = ["⚠ " + _link(f"agreements:{evaluation_id}", w) for evaluation_id, w in about[:MAX_WARNINGS]]
        if len(warnings) > MAX_WARNINGS:
            lines.append(_link("agreements", _("… og {n} advarsler mere").format(n=len(warnings) - MAX_WARNINGS)))
        self.warnings.setText("<br>".join(lines))
        self.warnings.setVisible(bool(warnings))
        self._show_chart(status, month_counts(status) if months is None else months)

    def _show_chart(self, status: YearStatus, months: list[int]) -> None:
        running, values = 0, []
        for count in months:
            running += count
            values.append(running)
        months = [
            _("jan"),
            _("feb"),
            _("mar"),
            _("apr"),
            _("maj"),
            _("jun"),
            _("jul"),
            _("aug"),
            _("sep"),
            _("okt"),
            _("nov"),
            _("dec"),
        ]
        # the chart's code is loaded with the first figures, after the window's first paint
        from models.report_data import ChartData
        from views.charts import draw_chart

        chart = ChartData(
            key="months",
            title=_("Jobs gennem Jobcenteret, løbende {year}").format(year=status.year),
            categories=tuple(months),
            series=((_("Løbende total"), tuple(values + [None] * (12 - len(values)))),),
            target=status.jobs_target,
            target_label=_("Mål: {n}").format(n=status.jobs_target) if status.jobs_target else "",
        )
        pixmap = QPixmap.fromImage(draw_chart(chart, width=1100, height=620))
        self.chart.setPixmap(pixmap.scaledToWidth(480, Qt.TransformationMode.SmoothTransformation))
