"""The annual report of one year as plain data: everything the Word exporter prints, built from the store.

``build_report(year)`` fills the fields of the year's texts, expands the blocks into lists, tables and
enterprise presentations, collects every recommendation, and gathers the data of the two charts. The
exporter only lays this out; it never queries the store.
"""

import datetime as dt

from models.activities import Goal, NetworkTheme
from models.agreements import Agreement, Evaluation, EvaluationAnswer, ParadigmQuestion
from models.enterprises import Enterprise, EnterpriseText
from models.errors import StoreError
from models.figures import (
    EvaluationFigures,
    YearStatus,
    count_enterprises_active,
    latest_evaluations,
    year_end,
    year_start,
    year_status,
)
from models.formatting import format_date, format_dkk, format_int, format_month, format_pct, format_short_date
from models.grants import Grant, GrantFunder
from models.i18n import _
from models.personal_data import cpr_message, find_cpr
from models.report_blocks import (
    Block,
    BulletList,
    Cancelled,
    Chart,
    ChartData,
    Heading,
    Note,
    Paragraph,
    Progress,
    ReportData,
    Section,
    Table,
    strip_placeholder,
    text_blocks,
)
from models.report_fields import BLOCKS, FIELD, ReportFields, block_name
from models.report_texts import ReportSection, ReportYear

__all__ = [
    "Block",
    "BulletList",
    "Cancelled",
    "Chart",
    "ChartData",
    "Heading",
    "Note",
    "Paragraph",
    "Progress",
    "ReportData",
    "Section",
    "Table",
    "build_report",
    "text_blocks",
]


def _no_progress(_percent: int, _text: str) -> None:
    return None


class _YearFields(ReportFields):
    """The year's fields, where a figure of a kind the year has no registrations of at all has no value: the
    draft then shows the field marked, instead of stating 0 as a fact."""

    def __init__(self, year: int, status: YearStatus, missing: set[str]) -> None:
        super().__init__(year, status)
        self.missing = missing

    def value(self, name: str, arg: str | None = None) -> str | None:
        return None if name in self.missing else super().value(name, arg)


def _split_block_lines(paragraph: str) -> list[str]:
    """A paragraph with a block field alone on one of its lines, split so that field stands alone."""
    lines = paragraph.split("\n")
    if len(lines) < 2 or not any(block_name(line) for line in lines):
        return [paragraph]
    parts: list[str] = []
    plain: list[str] = []
    for line in lines:
        if block_name(line):
            if plain:
                parts.append("\n".join(plain))
                plain = []
            parts.append(line)
        else:
            plain.append(line)
    if plain:
        parts.append("\n".join(plain))
    return parts


# --- the builder -----------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, year: int, progress: Progress) -> None:
        self.year = year
        self.progress = progress
        self.report_year = ReportYear.get_or_none(ReportYear.year == year)
        if self.report_year is None:
            raise StoreError(
                _(
                    "Der er ingen årsrapport-tekster for {year}. Opret året under Årsrapport-tekster eller med "
                    "«socialokonomi new-report-year --year {year}»."
                ).format(year=year)
            )
        self.status: YearStatus = year_status(year)
        self.warnings: list[str] = []
        self.no_jobs = self.status.jobs.jobcenter_total == 0 and self.status.jobs.own_total == 0
        missing = {"job_jobcenter", "job_egne_kanaler"} if self.no_jobs else set()
        if self.status.meetings_held == 0:
            missing.add("netvaerksmoeder_afholdt")
        themes = NetworkTheme.select().where(NetworkTheme.year == year + 1).exists()
        if self.status.meetings_planned_next_year == 0 and not themes:
            missing.add("netvaerksmoeder_planlagt")
        self.fields = _YearFields(year, self.status, missing)
        self.charts: dict[str, ChartData] = {}
        self.sections = list(self.report_year.sections.order_by(ReportSection.position))

    def fill(self, text: str, where: str) -> str:
        found = find_cpr(text)
        if found:
            self.warnings.append(cpr_message(where, found))
        filled = self.fields.fill(text)
        inline = [m.group(0) for m in FIELD.finditer(filled.text) if m.group(1) in BLOCKS and not m.group(2)]
        if inline:
            self.warnings.append(
                _("{where}: {fields} skal stå alene i sit eget afsnit (tom linje før og efter).").format(
                    where=where, fields=", ".join(dict.fromkeys(inline))
                )
            )
        if filled.unknown:
            self.warnings.append(
                _("{where}: ukendt felt eller felt uden værdi: {fields}").format(
                    where=where, fields=", ".join(sorted(set(filled.unknown)))
                )
            )
        return filled.text

    def note(self, text: str) -> Note:
        """A remark for the author: a Word comment in the draft and a warning on screen."""
        self.warnings.append(text)
        return Note(text)

    def placeholder_note(self, where: str) -> Note:
        return self.note(
            _(
                "Standardtekst i «{where}», som ikke er skrevet endnu: skriv jeres egen tekst, før rapporten sendes."
            ).format(where=where)
        )

    def unmarked(self, text: str, where: str, notes: list[Block]) -> str:
        """``text`` without its placeholder mark; a note for the author is added to ``notes`` if it had one."""
        text, marked = strip_placeholder(text)
        if marked:
            notes.append(self.placeholder_note(where))
        return text

    def blocks(self, text: str, where: str) -> list[Block]:
        result: list[Block] = []
        for paragraph in (part for chunk in text.split("\n\n") for part in _split_block_lines(chunk)):
            name = block_name(paragraph)
            if name:
                result.extend(self.generated(name, where))
                continue
            notes: list[Block] = []
            paragraph = self.unmarked(paragraph, where, notes)
            made = text_blocks(self.fill(paragraph, where))
            result.extend(made[:1] + notes + made[1:])
        return result

    def recommendation(self, text: str, lead: str, where: str) -> list[Block]:
        notes: list[Block] = []
        text = self.unmarked(text, where, notes)
        first, *rest = text_blocks(self.fill(text, where)) or [Paragraph("")]
        body = first.text if isinstance(first, Paragraph) else "; ".join(first.items)
        return [Paragraph(body, lead=lead), *notes, *rest]

    # --- generated blocks ---------------------------------------------------------------------------
    def generated(self, name: str, where: str) -> list[Block]:
        makers = {
            "virksomheder": self.enterprises,
            "registrerede_liste": lambda: self.names(self.status.registrations.registered),
            "registrerende_liste": lambda: self.names(self.status.registrations.working),
            "netvaerkstemaer": self.themes,
            "positive_historier": self.stories,
            "tilskud": self.grants,
            "evalueringer": self.evaluations,
            "job_tabel": self.jobs,
            "virksomheder_udvikling": self.enterprise_chart,
            "anbefalinger": self.recommendations,
            "helhedsanbefalinger": self.holistic,
        }
        return [b for b in makers[name]() if not (isinstance(b, BulletList) and not b.items)]

    def stories(self) -> list[Block]:
        notes: list[Block] = []
        where = _("Positive historier")
        items = tuple(
            self.fill(self.unmarked(s.text, where, notes), where) for s in self.report_year.stories.order_by("position")
        )
        return [BulletList(items), *notes[:1]]

    @staticmethod
    def names(names: list[str]) -> list[Block]:
        return [BulletList(tuple(names))] if names else [Paragraph(_("(ingen)"), "note")]

    def enterprises(self) -> list[Block]:
        start, end = year_start(self.year), year_end(self.year)
        present = (
            Enterprise.select()
            .where(
                ((Enterprise.opened.is_null()) | (Enterprise.opened <= end))
                & ((Enterprise.closed.is_null()) | (Enterprise.closed > start))
            )
            .order_by(Enterprise.report_order, Enterprise.name)
        )
        texts = {t.enterprise_id: t for t in EnterpriseText.select().where(EnterpriseText.year == self.year)}
        blocks: list[Block] = []
        for enterprise in present:
            text = texts.get(enterprise.id)
            blocks.append(Heading(enterprise.name, 3))
            if text is None:
                blocks.append(
                    self.note(
                        _("{name} har ingen præsentation for {year}. Skriv den under Virksomheder.").format(
                            name=enterprise.name, year=self.year
                        )
                    )
                )
                continue
            if not text.revised:
                self.warnings.append(
                    _("Teksten om {name} er kopieret fra sidste år og ikke revideret.").format(name=enterprise.name)
                )
            where = enterprise.name
            blocks += self.blocks(text.presentation, where)
            blocks += self.blocks(text.plans, where)
            if text.target_group_line.strip():
                notes: list[Block] = []
                line, *rest = self.fill(self.unmarked(text.target_group_line, where, notes), where).split("\n\n")
                blocks.append(Paragraph(line.strip(), lead=_("Målgruppe:")))
                blocks += notes
                for extra in rest:
                    blocks += text_blocks(extra)
        return blocks

    def themes(self) -> list[Block]:
        themes = [
            t.text
            for t in NetworkTheme.select().where(NetworkTheme.year == self.year + 1).order_by(NetworkTheme.position)
        ]
        if themes:
            return [BulletList(tuple(themes))]
        return [Paragraph(_("Temaerne for {year} er endnu ikke valgt.").format(year=self.year + 1))]

    def grants(self) -> list[Block]:
        grants = list(
            Grant.select(Grant, Enterprise)
            .join(Enterprise)
            .where(Grant.year == self.year)
            .order_by(Grant.position, Grant.id)
        )
        if not grants:
            return [Paragraph(_("Der er ikke registreret tilskud i {year}.").format(year=self.year), "note")]
        blocks: list[Block] = [
            Paragraph(
                _("I {year} har virksomheder og initiativer modtaget følgende puljer/midler:").format(year=self.year)
            )
        ]
        rows = []
        funders_of: dict[int, list[GrantFunder]] = {}  # every grant's funders in one query, not one per grant
        for funder in (
            GrantFunder.select()
            .join(Grant)
            .where(Grant.year == self.year)
            .order_by(GrantFunder.grant, GrantFunder.position, GrantFunder.id)
        ):
            funders_of.setdefault(funder.grant_id, []).append(funder)
        for grant in grants:
            funders = funders_of.get(grant.id, [])
            amount = (
                format_dkk(grant.amount_dkk, approximate=grant.approximate)
                if grant.amount_dkk is not None
                else _("beløb ikke oplyst")
            )
            covers = (
                _("{start}–{end}").format(start=grant.year, end=grant.covers_until_year)
                if grant.covers_until_year
                else str(grant.year)
            )
            rows.append((grant.enterprise.name, amount, str(len(funders)), covers))
            name = grant.enterprise.name
            if len(funders) == 1:
                sentence = _("{name} har modtaget {amount} fra {funder}").format(
                    name=name, amount=amount, funder=funders[0].name
                )
                purpose = grant.purpose or funders[0].purpose
                sentence += _(" til {purpose}.").format(purpose=purpose) if purpose else "."
                if grant.covers_until_year:
                    sentence += " " + _("Midlerne dækker frem i {year}.").format(year=grant.covers_until_year)
                if grant.note:
                    sentence += " " + grant.note
                blocks.append(Paragraph(sentence))
            else:
                sentence = _("{name} har i alt modtaget {amount} i {year}.").format(
                    name=name, amount=amount, year=grant.year
                )
                if grant.purpose:
                    sentence += " " + _("Beløbet er benyttet til {purpose}.").format(purpose=grant.purpose)
                if grant.note:
                    sentence += " " + grant.note
                blocks.append(Paragraph(sentence))
                if funders:
                    blocks.append(Paragraph(_("Midlerne stammer fra:")))
                    blocks.append(
                        BulletList(
                            tuple(
                                f"{f.name} ({f.purpose})" + (f", {format_dkk(f.amount_dkk)}" if f.amount_dkk else "")
                                if f.purpose
                                else f.name + (f", {format_dkk(f.amount_dkk)}" if f.amount_dkk else "")
                                for f in funders
                            )
                        )
                    )
        total = self.status.grants
        rows.append((_("I alt"), format_dkk(total.total_dkk, approximate=total.approximate), "", ""))
        blocks.append(
            Table(
                columns=(_("Virksomhed"), _("Beløb"), _("Bevillingsgivere"), _("År")),
                rows=tuple(rows),
                numeric=(False, True, True, False),
                total_row=True,
                caption=_("Tilskud modtaget i {year}").format(year=self.year),
            )
        )
        return blocks

    def agreement_name(self, figures: EvaluationFigures) -> str:
        if self.report_year.anonymise_agreements:
            return _("Samarbejdsaftale {n}").format(n=figures.agreement_number)
        return _("Samarbejdsaftalen med {name}").format(name=figures.enterprise)

    def evaluations(self) -> list[Block]:
        latest = latest_evaluations(year_start(self.year), year_end(self.year))
        if not latest:
            return [Paragraph(_("Der er ikke evalueret samarbejdsaftaler i {year}.").format(year=self.year), "note")]
        blocks: list[Block] = []
        # the evaluations with their agreements, their answers and their paradigms' questions, read together
        # rather than five queries per evaluation
        ids = [figures.evaluation_id for figures in latest]
        evaluations: dict[int, Evaluation] = {}
        answers_of: dict[int, dict[int, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for evaluation in Evaluation.select(Evaluation, Agreement).join(Agreement).where(Evaluation.id.in_(chunk)):
                evaluations[evaluation.id] = evaluation
            for answer in EvaluationAnswer.select().where(EvaluationAnswer.evaluation.in_(chunk)):
                answers_of.setdefault(answer.evaluation_id, {})[answer.question_id] = answer.answer
        questions_of: dict[int, list[ParadigmQuestion]] = {}
        for figures in latest:
            if figures.evaluation_id not in evaluations:
                raise Evaluation.DoesNotExist(figures.evaluation_id)  # as get_by_id: removed meanwhile
            evaluation = evaluations[figures.evaluation_id]
            agreement = evaluation.agreement
            name = self.agreement_name(figures)
            blocks.append(Heading(_("Status på {name}").format(name=name[0].lower() + name[1:]), 3))
            facts = [
                (
                    _("Forløb i aftalen"),
                    format_int(agreement.places)
                    + (
                        _(" (+{n} ekstra ved behov)").format(n=agreement.extra_places) if agreement.extra_places else ""
                    ),
                ),
                (
                    _("Ramme for forløb"),
                    _("{n} uger").format(n=agreement.framework_weeks)
                    + (_(", kan forlænges") if agreement.extendable else "")
                    if agreement.framework_weeks
                    else "–",
                ),
                (
                    _("Individuel plan efter"),
                    _("{n} uger").format(n=agreement.plan_due_weeks)
                    if agreement.plan_due_weeks and agreement.plan_due_weeks != 1
                    else (_("1 uge") if agreement.plan_due_weeks == 1 else "–"),
                ),
                (_("Evalueret"), format_date(evaluation.date)),
            ]
            blocks.append(Table(columns=(_("Aftale"), name), rows=tuple(facts), numeric=(False, False)))
            answers = answers_of.get(evaluation.id, {})
            if evaluation.paradigm_id not in questions_of:
                questions_of[evaluation.paradigm_id] = list(
                    ParadigmQuestion.select()
                    .where(ParadigmQuestion.paradigm == evaluation.paradigm_id)
                    .order_by(ParadigmQuestion.position)
                )
            for question in questions_of[evaluation.paradigm_id]:
                blocks.append(Paragraph(question.text, "lead"))
                if question.is_overview:
                    blocks += self.outcome_overview(figures, name)
                answer = answers.get(question.id, "")
                if answer.strip():
                    blocks += text_blocks(self.fill(answer, name))
                elif not question.is_overview:
                    blocks.append(
                        self.note(
                            _("{name}: spørgsmålet «{question}» er ikke besvaret.").format(
                                name=name, question=question.text
                            )
                        )
                    )
        return blocks

    def outcome_overview(self, figures: EvaluationFigures, name: str) -> list[Block]:
        rows = [(_("Afsluttede forløb i alt"), "–" if figures.completed is None else format_int(figures.completed))]
        if figures.continuing is not None:
            rows.append((_("Fortsat i forløb"), format_int(figures.continuing)))
        rows += [(o.category, format_int(o.count)) for o in figures.outcomes if o.count]
        blocks: list[Block] = [
            Table(
                columns=(_("Overblik"), _("Antal")),
                rows=tuple(rows),
                numeric=(False, True),
                caption=_("Udfald efter endt forløb, {name}").format(name=name[0].lower() + name[1:]),
            )
        ]
        if figures.good_outcome_share is not None:
            good = [o.category.lower() for o in figures.outcomes if o.is_good and o.count]
            sentence = _("Det betyder, at {share} ({good} af {completed}) er gået i {what} efter endt forløb").format(
                share=format_pct(figures.good_outcome_share),
                good=figures.good_outcomes,
                completed=figures.completed,
                what=_join(good) if good else _("job eller uddannelse"),
            )
            if figures.stopped:
                sentence += _(", og at {share} er stoppet pga. massive udfordringer").format(
                    share=format_pct(figures.stopped_share)
                )
            blocks.append(Paragraph(sentence + "."))
        for warning in figures.warnings:
            blocks.append(self.note(warning))
        return blocks

    def jobs(self) -> list[Block]:
        """Jobcenter jobs by type with their total; the enterprises' own channels as a figure of their own (their
        type is seldom known: the texts state it with {{job_egne_kanaler}}); the chart compares the Jobcenter's
        total with the yearly target."""
        jobs, year = self.status.jobs, self.year
        if self.no_jobs:
            return [
                Paragraph(_("Der er ingen ansættelser registreret for {year}.").format(year=year), "note"),
                self.note(
                    _(
                        "Der er ingen ansættelser registreret for {year}, så tabellen og grafen over ansættelser er "
                        "udeladt. Er årets data indtastet?"
                    ).format(year=year)
                ),
            ]
        rows = [(t, format_int(n)) for t, n in jobs.jobcenter.items()]
        rows.append((_("I alt gennem Jobcenteret"), format_int(jobs.jobcenter_total)))
        target = self.status.jobs_target
        channel_jc, channel_own = _("Gennem Jobcenteret"), _("Gennem egne kanaler")
        own_name = _("Virksomhedernes egne kanaler")
        self.charts["jobs"] = ChartData(
            key="jobs",
            title=_("Ansættelser i {year}").format(year=year),
            categories=(channel_jc, channel_own),
            series=(
                *((t, (n, None)) for t, n in jobs.jobcenter.items()),
                (own_name, (None, jobs.own_total)),
            ),
            target=target,
            target_label=_("Mål: {n} jobs gennem Jobcenteret").format(n=target) if target else "",
            stacked=True,
        )
        blocks: list[Block] = [
            Table(
                columns=(_("Type"), _("Antal")),
                rows=tuple(rows),
                numeric=(False, True),
                total_row=True,
                caption=_("Ansættelser gennem Jobcenteret i {year} efter type").format(year=year),
            ),
        ]
        caption = _("Ansættelser i {year} gennem Jobcenteret og virksomhedernes egne kanaler").format(year=year)
        if target:
            caption += _(", med målet på {target} jobs gennem Jobcenteret").format(target=target)
        blocks.append(Chart("jobs", caption))
        return blocks

    def enterprise_chart(self) -> list[Block]:
        goal = Goal.get_or_none(Goal.measure == "enterprises_active")
        earliest = ReportYear.select(ReportYear.year).order_by(ReportYear.year).scalar() or self.year
        opened = (
            Enterprise.select(Enterprise.opened)
            .where(Enterprise.opened.is_null(False))
            .order_by(Enterprise.opened)
            .scalar()
        )
        undated = Enterprise.select().where(Enterprise.opened.is_null()).exists()
        if opened is not None and not undated:  # an enterprise without a start date would count in every year
            earliest = min(earliest, opened.year)  # the development since the first enterprise, not the first report
        first = max(self.year - 9, min(earliest, self.year))
        deadline = goal.deadline.year if goal and goal.deadline else self.year
        last = max(self.year, min(deadline, self.year + 5))  # a far deadline stays in the target's label
        years = list(range(first, last + 1))
        values = tuple(count_enterprises_active(year_end(y)) if y <= self.year else None for y in years)
        self.charts["enterprises"] = ChartData(
            key="enterprises",
            title=_("Aktive virksomheder og initiativer ved årets udgang"),
            categories=tuple(str(y) for y in years),
            series=((_("Aktive ved årets udgang"), values),),
            target=goal.target if goal else None,
            target_label=_("Mål: {target} med udgangen af {year}").format(target=goal.target, year=goal.deadline.year)
            if goal and goal.deadline
            else "",
        )
        return [Chart("enterprises", _("Aktive socialøkonomiske virksomheder og initiativer ved årets udgang"))]

    def recommendations(self) -> list[Block]:
        blocks: list[Block] = []
        for section in self.sections:
            if section.recommendation.strip():
                text, _marked = strip_placeholder(section.recommendation)
                first, *rest = text_blocks(self.fill(text, section.number)) or [Paragraph("")]
                text = first.text if isinstance(first, Paragraph) else "; ".join(first.items)
                blocks.append(Paragraph(text, lead=_("Anbefaling jf. punkt {n}:").format(n=section.number)))
                blocks += rest
        return blocks or [Paragraph(_("Der er ingen anbefalinger i afsnittene."))]

    def holistic(self) -> list[Block]:
        blocks: list[Block] = []
        for item in self.report_year.holistic.order_by("position"):
            where = _("Helhedsanbefaling {label}").format(label=item.label_text)
            notes: list[Block] = []
            context = text_blocks(self.fill(self.unmarked(item.context, where, notes), where))
            if context and isinstance(context[0], Paragraph) and item.label_text:
                context[0] = Paragraph(context[0].text, lead=f"{item.label_text}.")
            blocks += context[:1] + notes + context[1:]
            blocks += self.recommendation(item.recommendation, _("Anbefaling:"), where)
        return blocks

    # --- sections -----------------------------------------------------------------------------------
    def section(self, section: ReportSection) -> Section:
        blocks: list[Block] = []
        for decision in section.decisions.order_by("position"):
            source = (
                _("Beslutning i {body} d. {date}").format(
                    body=decision.body or "", date=format_short_date(decision.date)
                )
                if decision.date
                else decision.body
            )
            blocks.append(Paragraph(f"”{decision.quote}”" + (f" ({source})" if source else ""), "quote"))
        blocks += self.blocks(section.body, f"{section.number} {section.title}")
        if section.recommendation.strip():
            where = _("Anbefaling {number}").format(number=section.number)
            blocks += self.recommendation(section.recommendation, _("Anbefaling:"), where)
        title = self.fill(section.title, _("Overskriften {number}").format(number=section.number))
        number = section.number.strip().rstrip(".")  # "1." as Danes often write it is section 1, not a sub-section
        level = min(number.count(".") + 1, 3)
        return Section(number=number, title=title, level=level, blocks=tuple(blocks))

    def build(self) -> ReportData:
        ry = self.report_year
        if not ry.revised:
            self.warnings.append(
                _("Årsrapport-teksterne for {year} er kopieret fra sidste år og ikke revideret.").format(year=self.year)
            )
        title_notes: list[Block] = []
        if not self.sections:
            title_notes.append(
                self.note(
                    _(
                        "Årsrapporten for {year} har ingen afsnit. Tilføj dem under Årsrapport-tekster, eller slet "
                        "året og opret det igen med standardopbygningen."
                    ).format(year=self.year)
                )
            )
        if self.no_jobs and self.status.meetings_held == 0:
            title_notes.append(
                self.note(
                    _(
                        "Der er ingen ansættelser eller netværksmøder registreret for {year}. Er årets data "
                        "indtastet? Tal uden data er markeret i teksten."
                    ).format(year=self.year)
                )
            )
        sections = []
        for index, section in enumerate(self.sections):
            self.progress(5 + 80 * index // max(len(self.sections), 1), _("Afsnit {n}").format(n=section.number))
            sections.append(self.section(section))
        month = (
            format_month(ry.publication_month) if ry.publication_month else format_month(dt.date(self.year + 1, 1, 1))
        )
        unfinished = []
        title_page = {}
        for name, label in (
            ("title", _("Titel")),
            ("committees", _("Udvalg")),
            ("municipality", _("Kommune")),
            ("unit", _("Enhed")),
        ):
            before = len(title_notes)
            title_page[name] = self.fill(self.unmarked(getattr(ry, name), label, title_notes), label)
            if len(title_notes) > before:
                unfinished.append(name)
        reference_notes: list[Block] = []
        references = tuple(
            self.fill(self.unmarked(r.text, _("Hjemmel og referencer"), reference_notes), _("Referencer"))
            for r in ry.references.order_by("position")
        )
        return ReportData(
            year=self.year,
            title=title_page["title"]
            if str(self.year) in title_page["title"]
            else f"{title_page['title']} {self.year}".strip(),
            committees=title_page["committees"],
            municipality=title_page["municipality"],
            unit=title_page["unit"],
            month=month,
            foreword=tuple(self.blocks(ry.foreword, _("Forord"))),
            sections=tuple(sections),
            references=references,
            title_notes=tuple(n.text for n in title_notes if isinstance(n, Note)),
            charts=dict(self.charts),
            unfinished=tuple(unfinished),
            warnings=tuple(dict.fromkeys(self.warnings)),
        )


def _join(items: list[str]) -> str:
    return (
        items[0] if len(items) == 1 else _("{first} eller {last}").format(first=", ".join(items[:-1]), last=items[-1])
    )


def build_report(year: int, progress: Progress = _no_progress) -> ReportData:
    """The report of ``year`` from the bound store. Raises ``StoreError`` if the year has no report texts."""
    progress(0, _("Læser data"))
    data = _Builder(year, progress).build()
    progress(85, _("Data samlet"))
    return data
