"""The catalogue of bad input: every case gets a clear Danish message and changes nothing in the store.

Forms store through models.editing (what every page calls); imports and exports through their own entry
points. Each case returns the message the user would see; the test checks the message and that the whole
store (dumped as data) is exactly as before.
"""

import datetime as dt
import errno
import json

import pytest

from desktop.exports import export_jobs, export_report
from exporters.safe_write import write_atomically
from models import editing
from models.activities import Goal, NetworkTheme, ProgressionCase, ProgressionStep
from models.agreements import Evaluation, OutcomeCategory
from models.data_import import import_data
from models.dataset_dump import dump_dataset
from models.deletion import delete_record
from models.enterprises import Enterprise, EnterpriseText, Registration
from models.errors import StoreError
from models.grants import Grant, GrantFunder
from models.placement_rows import parse_rows
from models.report_texts import ReportSection
from models.validation import parse_amount, parse_date, parse_decimal, parse_int


def _id(model, **where):
    return model.get(**where).id


def _sumak():
    return _id(Enterprise, name="Sumak")


def _update(model, record_id, **changes):
    editing.update(model, record_id, changes)


def _grant_amount(text):
    amount, _approx = parse_amount(text)
    _update(Grant, _id(Grant, enterprise=_sumak()), amount_dkk=amount)


def _enterprise_date(field, text):
    _update(Enterprise, _sumak(), **{field: parse_date(text, field=field, label=field)})


def _import(document):
    report = import_data(document, apply=True)
    if report.invalid:
        raise StoreError("; ".join(report.invalid))


def _full_disk(tmp_path):
    def write(temporary):
        temporary.write_bytes(b"begyndelse")
        raise OSError(errno.ENOSPC, "No space left on device")

    return lambda: write_atomically(tmp_path / "fuld.xlsx", write)


CASES = [
    ("empty name", lambda tmp: _update(Enterprise, _sumak(), name=""), "skal udfyldes"),
    ("whitespace name", lambda tmp: _update(Enterprise, _sumak(), name="   \t "), "skal udfyldes"),
    ("10,000-character name", lambda tmp: _update(Enterprise, _sumak(), name="x" * 10_000), "højst have 200 tegn"),
    ("control character in name", lambda tmp: _update(Enterprise, _sumak(), name="Sumak\x07"), "styretegn"),
    (
        "vertical tab in a section",
        lambda tmp: _update(ReportSection, _id(ReportSection, number="1"), body="Tekst\x0bmere"),
        "styretegn",
    ),
    (
        "CPR number in a text",
        lambda tmp: _update(EnterpriseText, _id(EnterpriseText, enterprise=_sumak()), plans="Borger 010890-1234"),
        "CPR-nummer",
    ),
    ("negative amount", lambda tmp: _grant_amount("-100"), "ikke et beløb"),
    ("huge amount", lambda tmp: _grant_amount("99.999.999.999"), "urimeligt stort"),
    ("letters for an amount", lambda tmp: _grant_amount("mange penge"), "ikke et beløb"),
    ("1.5 as an amount", lambda tmp: _grant_amount("1.5"), "ikke et beløb"),
    ("1,5 as an amount", lambda tmp: _grant_amount("1,5"), "hele kroner"),
    ("impossible date", lambda tmp: _enterprise_date("opened", "30.2.2018"), "findes ikke i kalenderen"),
    ("not a date", lambda tmp: _enterprise_date("opened", "i går"), "ikke en dato"),
    (
        "closed before opened",
        lambda tmp: _update(Enterprise, _sumak(), opened=dt.date(2019, 1, 1), closed=dt.date(2018, 1, 1)),
        "før startdatoen",
    ),
    ("CVR with a wrong check digit", lambda tmp: _update(Enterprise, _sumak(), cvr="12345678"), "kontrolcifferet"),
    ("CVR with seven digits", lambda tmp: _update(Enterprise, _sumak(), cvr="1234567"), "8 cifre"),
    ("duplicate name", lambda tmp: _update(Enterprise, _sumak(), name="veteranhaven"), "allerede brugt"),
    ("duplicate CVR", lambda tmp: _update(Enterprise, _sumak(), cvr="10150817"), "allerede registreret"),
    (
        "delete an enterprise with grants and placements",
        lambda tmp: delete_record(Enterprise.get_by_id(_sumak())),
        "kan ikke slettes",
    ),
    (
        "negative count in an evaluation",
        lambda tmp: _update(
            Evaluation, Evaluation.select().first().id, completed=parse_int("-1", field="completed", label="Afsluttede")
        ),
        "helt tal",
    ),
    (
        "hours per week zero",
        lambda tmp: _update(
            ProgressionStep,
            ProgressionStep.select().first().id,
            hours_per_week=parse_decimal("0", field="h", label="Timer"),
        ),
        "mellem 0 og 80",
    ),
    ("hours with a decimal point", lambda tmp: parse_decimal("4.5", field="h", label="Timer"), "komma"),
    (
        "intensity over 100",
        lambda tmp: _update(ProgressionStep, ProgressionStep.select().first().id, intensity_pct=150),
        "mellem 1 og 100",
    ),
    (
        "category good and stopped",
        lambda tmp: _update(OutcomeCategory, _id(OutcomeCategory, name="Jobsøgende"), is_good=True, is_stopped=True),
        "både",
    ),
    ("empty funder name", lambda tmp: _update(GrantFunder, GrantFunder.select().first().id, name=" "), "skal udfyldes"),
    (
        "empty network theme",
        lambda tmp: _update(NetworkTheme, NetworkTheme.select().first().id, text=""),
        "skal udfyldes",
    ),
    (
        "empty pseudonym",
        lambda tmp: _update(ProgressionCase, ProgressionCase.select().first().id, pseudonym=""),
        "skal udfyldes",
    ),
    (
        "goal measured from data without a target",
        lambda tmp: _update(Goal, _id(Goal, short_name="job"), target=None),
        "skal have et tal",
    ),
    (
        "registration without a date",
        lambda tmp: _update(Registration, Registration.select().first().id, date=None),
        "skal have en dato",
    ),
    ("grant year as letters", lambda tmp: _update(Grant, Grant.select().first().id, year=None), "årstal"),
    ("import file that is not a data file", lambda tmp: _import({"format": "regneark", "data": {}}), "ikke en datafil"),
    (
        "import file from a newer version",
        lambda tmp: _import({"format": "socialokonomi-data", "version": 99, "data": {}}),
        "nyere udgave",
    ),
    (
        "import with an invalid record",
        lambda tmp: _import(
            {
                "format": "socialokonomi-data",
                "version": 1,
                "data": {"enterprises.json": {"enterprises": [{"name": "Ny", "cvr": "11111111"}]}},
            }
        ),
        "felt cvr",
    ),
    (
        "import of a placement for an unknown enterprise",
        lambda tmp: _import(
            {
                "format": "socialokonomi-data",
                "version": 1,
                "data": {
                    "activity.json": {
                        "placements": [
                            {
                                "enterprise": "Findes Ikke ApS",
                                "date": "2018-01-05",
                                "type": "Fleksjob",
                                "channel": "jobcenter",
                            }
                        ]
                    }
                },
            }
        ),
        "findes hverken",
    ),
    ("export into a missing folder", lambda tmp: export_report(2018, tmp / "mangler" / "r.docx"), "findes ikke"),
    ("export over a file open in Excel", None, "åben i et andet program"),
    ("export with a full disk", None, "ikke plads"),
    ("export of a year without texts", lambda tmp: export_report(2031, tmp / "r.docx"), "ingen årsrapport-tekster"),
]


def _open_file(tmp):
    target = tmp / "jobstatus.xlsx"
    target.write_bytes(b"gammel")
    (tmp / "~$bstatus.xlsx").write_text("låst", encoding="utf-8")
    export_jobs(dt.date(2018, 12, 31), target)


SETUPS = {"duplicate CVR": lambda: _update(Enterprise, _id(Enterprise, name="BEVAR"), cvr="10150817")}
RUNNERS = {"export over a file open in Excel": _open_file, "export with a full disk": lambda tmp: _full_disk(tmp)()}


def _state() -> str:
    return json.dumps(dump_dataset(), ensure_ascii=False, sort_keys=True, default=str)


@pytest.mark.parametrize(("name", "action", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_message_and_changes_nothing(example_db, tmp_path, name, action, message):
    SETUPS.get(name, lambda: None)()
    before = _state()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    run = RUNNERS.get(name, action)
    with pytest.raises(StoreError) as raised:  # ValidationError, ReferencedError, ExportError are StoreErrors
        run(tmp_path)
    assert message in str(raised.value), str(raised.value)
    assert _state() == before
    if name == "export over a file open in Excel":
        assert (tmp_path / "jobstatus.xlsx").read_bytes() == b"gammel"
    else:
        assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no file, not even a half-written one


def test_the_catalogue_has_at_least_thirty_cases():
    assert len(CASES) >= 30


def test_pasted_rows_with_a_bad_field_are_named(example_db):
    good, problems = parse_rows("1.2.2019\tFindes Ikke ApS\tFleksjob\tJobcenteret")
    assert good == [] and str(problems[0]) == "Række 1, virksomhed: «Findes Ikke ApS» findes ikke i registret"
