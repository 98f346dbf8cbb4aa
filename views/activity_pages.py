"""CSR-samarbejder, Netværk, Progression and Mål: each an editable table (or two) over the store."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from models.activities import (
    GOAL_MEASURES,
    MEETING_STATUSES,
    Goal,
    NetworkMeeting,
    NetworkTheme,
    Partnership,
    ProgressionCase,
    ProgressionStep,
)
from models.activity_queries import (
    case_pseudonym,
    goals,
    meetings_held,
    meetings_planned,
    network_meetings,
    network_themes,
    new_case_name,
    new_goal_values,
    new_step_values,
    next_theme_position,
    partnerships,
    partnerships_started,
    progression_cases,
    progression_steps,
)
from models.changes import ChangeSet
from models.enterprise_queries import enterprise_names, first_enterprise_id
from models.figures import year_end
from models.formatting import format_decimal, format_field_date
from models.i18n import _
from models.report_data import ChartData
from views.charts import render_chart
from views.editor import Editor
from views.page_refresh import RefreshWhenShown
from views.record_table import Column
from views.table_page import RecordTable, page_heading


def _enterprises() -> dict:
    return enterprise_names()


def _partners() -> dict:
    return {None: _("(ikke i registret)"), **_enterprises()}


def _default_day(year: int) -> dt.date:
    today = dt.date.today()
    return today if today.year == year else dt.date(year, 12, 31)


class _Page(RefreshWhenShown, QWidget):
    watched: set[str] = set()

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.year = dt.date.today().year
        self.heading = page_heading()
        self.editor.changes.connect(self._on_changes)

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*self.watched) and not self.behind():
            self.reload()

    def catch_up(self) -> None:
        self.reload()

    def pending_invalid(self) -> list[str]:
        return []

    def commit_pending(self) -> list[str]:
        return []


class PartnershipPage(_Page):
    watched = {"Partnership", "Enterprise"}

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(editor=editor, parent=parent)
        self.table = RecordTable(
            title=_("Samarbejder mellem socialøkonomiske virksomheder og virksomheder med CSR-profil"),
            editor=editor,
            model=Partnership,
            columns=[
                Column("enterprise", _("Socialøkonomisk virksomhed"), "choice", _enterprises),
                Column("partner_name", _("CSR-partner")),
                Column("partner", _("Partner i registret"), "choice", _partners),
                Column("started", _("Startet"), "date"),
                Column("ended", _("Sluttet"), "date"),
                Column("tasks", _("Opgaver")),
                Column("note", _("Bemærkning")),
            ],
            rows=partnerships,
            new_values=self._new,
            describe=lambda p: _("samarbejdet {name}").format(name=p.display_name),
            noun=_("samarbejde"),
        )
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def _new(self) -> dict | None:
        first = first_enterprise_id()
        if first is None:
            return None
        return {"enterprise": first, "partner_name": _("Ny partner"), "started": _default_day(self.year)}

    def reload(self) -> None:
        self.heading.setText(_("CSR-samarbejder"))
        started = partnerships_started(self.year)
        self.summary.setText(_("Startet i {year}: {n}").format(year=self.year, n=started))
        self.table.reload()


class NetworkPage(_Page):
    watched = {"NetworkMeeting", "NetworkTheme"}

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(editor=editor, parent=parent)
        self.meetings = RecordTable(
            title=_("Netværksmøder i året og det næste"),
            editor=editor,
            model=NetworkMeeting,
            columns=[
                Column("date", _("Dato"), "date", refuse=self._outside_years),
                Column("status", _("Status"), "choice", MEETING_STATUSES),
                Column("title", _("Titel")),
                Column("note", _("Bemærkning")),
            ],
            rows=lambda: network_meetings(self.year),
            new_values=lambda: {"date": _default_day(self.year), "status": "held", "title": _("Netværksmøde")},
            describe=lambda m: _("mødet {date}").format(date=format_field_date(m.date)),
            noun=_("møde"),
            add_label=_("Tilføj &møde"),
        )
        self.themes = RecordTable(
            title="",
            editor=editor,
            model=NetworkTheme,
            columns=[Column("text", _("Tema"))],
            rows=lambda: network_themes(self.year + 1),
            new_values=lambda: {
                "year": self.year + 1,
                "text": _("Nyt tema"),
                "position": next_theme_position(self.year + 1),
            },
            describe=lambda t: _("temaet «{text}»").format(text=t.text),
            noun=_("tema"),
            add_label=_("Tilføj t&ema"),
            confirm_delete=False,
        )
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        row = QHBoxLayout()
        row.addWidget(self.meetings, 3)
        row.addWidget(self.themes, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(row, 1)

    def _outside_years(self, date: dt.date | None) -> str:
        """A meeting moved out of the years the table shows would vanish under the cursor: refused, as on
        Ansættelser."""
        if date is None or self.year <= date.year <= self.year + 1:
            return ""
        return _("Datoen ligger ikke i {year} eller {next}. Skift år for at registrere den.").format(
            year=self.year, next=self.year + 1
        )

    def reload(self) -> None:
        self.heading.setText(_("Netværk {year}").format(year=self.year))
        held, planned = meetings_held(self.year), meetings_planned(self.year + 1)
        self.summary.setText(
            _("Afholdt i {year}: {held}. Planlagt i {next}: {planned}.").format(
                year=self.year, held=held, next=self.year + 1, planned=planned
            )
        )
        self.themes.setTitle(_("Temaer for {next}").format(next=self.year + 1))
        self.meetings.reload()
        self.themes.reload()


class ProgressionPage(_Page):
    watched = {"ProgressionCase", "ProgressionStep"}

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(editor=editor, parent=parent)
        self.cases = RecordTable(
            title=_("Forløb (kun pseudonymer – aldrig navne eller CPR-numre)"),
            editor=editor,
            model=ProgressionCase,
            columns=[
                Column("pseudonym", _("Pseudonym")),
                Column("started", _("Startet"), "date"),
                Column("description", _("Beskrivelse")),
            ],
            rows=progression_cases,
            new_values=self._new_case,
            describe=lambda c: _("forløbet «{name}»").format(name=c.pseudonym),
            noun=_("forløb"),
            add_label=_("Tilføj f&orløb"),
        )
        self.cases.view.selectionModel().currentRowChanged.connect(lambda *_args: self._show_steps())
        self.steps = RecordTable(
            title=_("Trin"),
            editor=editor,
            model=ProgressionStep,
            columns=[
                Column("date", _("Dato"), "date"),
                Column("hours_per_week", _("Timer pr. uge"), "decimal"),
                Column("intensity_pct", _("Intensitet (%)"), "int"),
                Column(
                    "effective_hours",
                    _("Effektive timer"),
                    "computed",
                    compute=lambda s: format_decimal(s.effective_hours),
                ),
                Column("note", _("Bemærkning")),
            ],
            rows=lambda: progression_steps(self.case_id),
            new_values=self._new_step,
            describe=lambda s: _("trinnet {date}").format(date=format_field_date(s.date)),
            noun=_("trin"),
            add_label=_("Tilføj &trin"),
            confirm_delete=False,
        )
        self.chart = QLabel()
        self.chart.setObjectName("progressionChart")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.steps, 1)
        right_layout.addWidget(self.chart)
        splitter = QSplitter()
        splitter.addWidget(self.cases)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    @property
    def case_id(self) -> int | None:
        index = self.cases.view.currentIndex()
        records = self.cases.model.records
        return records[index.row()].id if index.isValid() and index.row() < len(records) else None

    def _new_case(self) -> dict:
        return {"pseudonym": new_case_name(), "started": _default_day(self.year)}

    def _new_step(self) -> dict | None:
        if self.case_id is None:
            return None
        return new_step_values(self.case_id, _default_day(self.year))

    def reload(self) -> None:
        self.heading.setText(_("Progression"))
        self.cases.reload()
        if not self.cases.view.currentIndex().isValid() and self.cases.model.rowCount():
            self.cases.view.setCurrentIndex(self.cases.model.index(0, 0))
        self._show_steps()

    def _show_steps(self) -> None:
        self.steps.reload()
        steps = self.steps.model.records
        self.steps.setTitle(
            _("Trin for «{name}»").format(name=case_pseudonym(self.case_id)) if self.case_id else _("Trin")
        )
        if not steps:
            self.chart.clear()
            return
        chart = ChartData(
            key="progression",
            title=_("Timer pr. uge og effektive timer"),
            categories=tuple(format_field_date(s.date) for s in steps),
            series=(
                (_("Timer pr. uge"), tuple(float(s.hours_per_week) for s in steps)),
                (_("Effektive timer"), tuple(float(s.effective_hours) for s in steps)),
            ),
        )
        pixmap = QPixmap()
        pixmap.loadFromData(render_chart(chart, width=1000, height=500))
        self.chart.setPixmap(pixmap.scaledToWidth(480, Qt.TransformationMode.SmoothTransformation))


class GoalPage(_Page):
    watched = {"Goal", "Enterprise", "JobPlacement"}

    def __init__(self, *, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(editor=editor, parent=parent)
        self.table = RecordTable(
            title=_("Strategiens mål"),
            editor=editor,
            model=Goal,
            columns=[
                Column("name", _("Mål")),
                Column("short_name", _("Kortnavn (til felter)")),
                Column("measure", _("Opgøres som"), "choice", GOAL_MEASURES),
                Column("target", _("Tal"), "int"),
                Column("deadline", _("Frist"), "date"),
                Column("yearly", _("Hvert år"), "bool"),
                Column("achieved_on", _("Nået (manuelt)"), "date"),
                Column("status", _("Status"), "computed", compute=self._status),
            ],
            rows=lambda: goals(min(dt.date.today(), year_end(self.year))),
            new_values=new_goal_values,
            describe=lambda g: _("målet «{name}»").format(name=g.name),
            noun=_("mål"),
        )
        hint = QLabel(
            _(
                "Et mål opgøres fra data, hvor det kan (aktive virksomheder ved årets udgang, jobs gennem "
                "Jobcenteret i året), ellers sættes det manuelt med datoen, det blev nået."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def _status(self, goal) -> str:
        status = goal.status
        if goal.measure == "manual":
            return (
                _("Nået {date}").format(date=format_field_date(status.achieved_on))
                if status.met
                else _("Ikke nået endnu")
            )
        text = _("{value} af {target}").format(value=status.value, target=status.target)
        return text + (" – " + _("nået") if status.met else "")

    def reload(self) -> None:
        self.heading.setText(_("Mål – status {year}").format(year=self.year))
        self.table.reload()
