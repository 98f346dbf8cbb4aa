"""The catalogue of bad input: every case gets a clear Danish message and changes nothing in the store.

Forms store through models.editing (what every page calls); imports and exports through their own entry
points. Each case returns the message the user would see; the test checks the message and that the whole
store (dumped as data) is exactly as before.
"""

import datetime as dt
import errno
import json
import os
import sqlite3

import pytest

from desktop.cli import main
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
from models.report_texts import HolisticRecommendation, ReportSection
from models.validation import parse_amount, parse_date, parse_decimal, parse_int


def _id(model, **where):
    return model.get(**where).id


def _sumak():
    return _id(Enterprise, name="Sumak")


def _plans(text):
    _update(EnterpriseText, _id(EnterpriseText, enterprise=_sumak(), year=2018), plans=text)


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
    # the CPR guard: however the number is typed, in whichever text column
    ("CPR with spaces", lambda tmp: _plans("Borger 01 01 90 1234"), "CPR-nummer"),
    ("CPR with dots and a dash", lambda tmp: _plans("Borger 01.01.90-1234"), "CPR-nummer"),
    ("CPR with an en dash", lambda tmp: _plans("Borger 010190\u20131234"), "CPR-nummer"),
    ("CPR with a slash", lambda tmp: _plans("Borger 010190/1234"), "CPR-nummer"),
    ("CPR with a zero-width space", lambda tmp: _plans("Borger 0101\u200b901234"), "CPR-nummer"),
    (
        "CPR in full-width digits",
        lambda tmp: _plans("Borger \uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14"),
        "CPR-nummer",
    ),
    ("CPR with a no-break space", lambda tmp: _plans("Borger 010190\u00a01234"), "CPR-nummer"),
    (
        "CPR in a holistic recommendation's label",
        lambda tmp: _update(
            HolisticRecommendation, HolisticRecommendation.select().first().id, label_text="010190-1234"
        ),
        "CPR-nummer",
    ),
    (
        "CPR in an enterprise's contact",
        lambda tmp: _update(Enterprise, _sumak(), contact="Kontakt 01.01.90 1234"),
        "CPR-nummer",
    ),
    (
        "CPR in an imported enterprise name",
        lambda tmp: _import(
            {
                "format": "socialokonomi-data",
                "version": 1,
                "data": {"enterprises.json": {"enterprises": [{"name": "Café 010190\u20131234"}]}},
            }
        ),
        "CPR-nummer",
    ),
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


def test_pasted_rows_with_a_bad_field_are_named(example_db):
    good, problems = parse_rows("1.2.2019\tFindes Ikke ApS\tFleksjob\tJobcenteret")
    assert good == [] and str(problems[0]) == "Række 1, virksomhed: «Findes Ikke ApS» findes ikke i registret"


# --- the command line: a Danish message, exit code 2, and not one byte changed --------------------------
#
# Each case prepares files in a folder of its own and returns the command's arguments. Where the command is
# refused, every file in the folder (the database, its backups, the output) must be byte for byte as before
# and no file may be added. Recovery cases that must succeed check what they leave behind instead.


def _database(tmp, template, name="data.sqlite"):
    path = tmp / name
    path.write_bytes(template.read_bytes())
    return path


def _page_damage(path):
    damaged = bytearray(path.read_bytes())
    damaged[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(damaged))


def _pragma(path, statement):
    raw = sqlite3.connect(path)
    try:
        raw.execute(statement)
        raw.commit()
    finally:
        raw.close()


def _with_backup(tmp, template):
    from models.backups import make_backup

    path = _database(tmp, template)
    make_backup(path, "daily", now=dt.datetime(2026, 11, 1, 9, 0))
    return path


def _foreign(tmp, name="andet.sqlite"):
    path = tmp / name
    _pragma(path, "CREATE TABLE noter (tekst TEXT)")
    return path


def _zero_header(path):
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00" * 100
    path.write_bytes(bytes(data))


def _db(path):
    return ["--database", str(path)]


def _status(path, year="2018", *extra):
    return ["status", "--year", year, *extra, *_db(path)]


def _prep_restore_foreign(tmp, t):
    return ["restore", str(_foreign(tmp)), *_db(_database(tmp, t))]


def _prep_restore_version(tmp, t, version):
    candidate = _database(tmp, t, "kopi.sqlite")
    _pragma(candidate, f"PRAGMA user_version={version}")
    return ["restore", str(candidate), *_db(_database(tmp, t))]


def _prep_restore_damaged_backup(tmp, t):
    candidate = _database(tmp, t, "kopi.sqlite")
    _page_damage(candidate)
    return ["restore", str(candidate), *_db(_database(tmp, t))]


def _prep_restore_text(tmp, t):
    (tmp / "kopi.sqlite").write_text("ikke en database", encoding="utf-8")
    return ["restore", str(tmp / "kopi.sqlite"), *_db(_database(tmp, t))]


def _prep_status_damaged(tmp, t, how):
    path = _database(tmp, t)
    how(path)
    return _status(path)


def _prep_with_backup(tmp, t, how):
    path = _with_backup(tmp, t)
    how(path)
    return _status(path)


def _empty_file(path):
    path.write_bytes(b"")


def _foreign_app_id(path):
    _pragma(path, "PRAGMA application_id=1234")


def _prep_restore_without_room_for_a_backup(tmp, t):
    from models.backups import make_backup

    path = _database(tmp, t)
    backup = make_backup(path, "manual")
    elsewhere = tmp / "gemt.sqlite"
    backup.rename(elsewhere)
    backup.parent.rmdir()
    (tmp / "data-sikkerhedskopier").write_text("en fil, hvor mappen skulle være", encoding="utf-8")
    return ["restore", str(elsewhere), *_db(path)]


CLI_REFUSED = [
    (
        "restore when the current state cannot be backed up",
        _prep_restore_without_room_for_a_backup,
        "Mappen til sikkerhedskopier kan ikke oprettes",
    ),
    ("restore another program's SQLite file", _prep_restore_foreign, "ikke en sikkerhedskopi fra Socialøkonomi"),
    ("restore a backup with a newer schema", lambda tmp, t: _prep_restore_version(tmp, t, 99), "nyere udgave"),
    ("restore a backup with user_version 0", lambda tmp, t: _prep_restore_version(tmp, t, 0), "ikke en sikkerhedskopi"),
    ("restore a damaged backup", _prep_restore_damaged_backup, "beskadiget og kan ikke gendannes"),
    ("restore a text file", _prep_restore_text, "ikke en sikkerhedskopi fra Socialøkonomi"),
    (
        "restore a file that does not exist",
        lambda tmp, t: ["restore", str(tmp / "mangler.sqlite"), *_db(_database(tmp, t))],
        "findes ikke",
    ),
    (
        "restore the database onto itself",
        lambda tmp, t: ["restore", str(_database(tmp, t)), *_db(tmp / "data.sqlite")],
        "selve databasen",
    ),
    ("status on a page-damaged database", lambda tmp, t: _prep_status_damaged(tmp, t, _page_damage), "beskadiget"),
    (
        "status on a zeroed header with backups beside it",
        lambda tmp, t: _prep_with_backup(tmp, t, _zero_header),
        "beskadiget",
    ),
    (
        "status on a zeroed header without backups",
        lambda tmp, t: _prep_status_damaged(tmp, t, _zero_header),
        "ikke en database fra Socialøkonomi",
    ),
    (
        "status on user_version 0",
        lambda tmp, t: _prep_status_damaged(tmp, t, lambda p: _pragma(p, "PRAGMA user_version=0")),
        "ugyldig skemaversion 0",
    ),
    (
        "status on user_version -1",
        lambda tmp, t: _prep_status_damaged(tmp, t, lambda p: _pragma(p, "PRAGMA user_version=-1")),
        "ugyldig skemaversion -1",
    ),
    (
        "status on a newer schema",
        lambda tmp, t: _prep_status_damaged(tmp, t, lambda p: _pragma(p, "PRAGMA user_version=99")),
        "nyere udgave",
    ),
    (
        "status on another program's database",
        lambda tmp, t: _prep_status_damaged(tmp, t, _foreign_app_id),
        "ikke en database fra Socialøkonomi",
    ),
    ("status on a 0-byte database", lambda tmp, t: _prep_status_damaged(tmp, t, _empty_file), "tom fil (0 byte)"),
    (
        "status on a 0-byte database with backups beside it",
        lambda tmp, t: _prep_with_backup(tmp, t, _empty_file),
        "beskadiget (filen er tom, 0 byte)",
    ),
    (
        "status on a text file",
        lambda tmp, t: _prep_status_damaged(tmp, t, lambda p: p.write_text("noter", encoding="utf-8")),
        "ikke en database fra Socialøkonomi",
    ),
    ("status on a folder", lambda tmp, t: (tmp / "mappe").mkdir() or _status(tmp / "mappe"), "er en mappe"),
    ("status on a missing database", lambda tmp, t: _status(tmp / "mangler.sqlite"), "findes ikke"),
    ("status for a year without data", lambda tmp, t: _status(_database(tmp, t), "1900"), "ingen data for 1900"),
    ("status for a year in letters", lambda tmp, t: _status(_database(tmp, t), "i år"), "ikke et årstal"),
    (
        "status counted before its year",
        lambda tmp, t: _status(_database(tmp, t), "2018", "--as-of", "2017-12-31"),
        "før året 2018",
    ),
    (
        "export-jobs as of 0001-01-01",
        lambda tmp, t: [
            "export-jobs",
            "--as-of",
            "0001-01-01",
            "--output",
            str(tmp / "j.xlsx"),
            *_db(_database(tmp, t)),
        ],
        "uden for årene",
    ),
    (
        "export-jobs as of an impossible date",
        lambda tmp, t: [
            "export-jobs",
            "--as-of",
            "2018-02-30",
            "--output",
            str(tmp / "j.xlsx"),
            *_db(_database(tmp, t)),
        ],
        "ikke en gyldig dato",
    ),
    (
        "export-jobs for a year without data",
        lambda tmp, t: [
            "export-jobs",
            "--as-of",
            "2031-06-30",
            "--output",
            str(tmp / "j.xlsx"),
            *_db(_database(tmp, t)),
        ],
        "ingen data for 2031",
    ),
    (
        "export-agreements for 1900",
        lambda tmp, t: [
            "export-agreements",
            "--year",
            "1900",
            "--output",
            str(tmp / "a.xlsx"),
            *_db(_database(tmp, t)),
        ],
        "ingen data for 1900",
    ),
    (
        "export-agreements for a year without data",
        lambda tmp, t: [
            "export-agreements",
            "--year",
            "2031",
            "--output",
            str(tmp / "a.xlsx"),
            *_db(_database(tmp, t)),
        ],
        "ingen data for 2031",
    ),
    (
        "export-report for a year without data",
        lambda tmp, t: ["export-report", "--year", "2031", "--output", str(tmp / "r.docx"), *_db(_database(tmp, t))],
        "ingen data for 2031",
    ),
    (
        "export-jobs to a .docx name",
        lambda tmp, t: [
            "export-jobs",
            "--as-of",
            "2018-06-30",
            "--output",
            str(tmp / "j.docx"),
            *_db(_database(tmp, t)),
        ],
        "endelsen .xlsx",
    ),
    (
        "export-data from a damaged database",
        lambda tmp, t: [
            "export-data",
            "--output",
            str(tmp / "d.json"),
            *_db(_prep_status_damaged(tmp, t, _page_damage)[-1]),
        ],
        "beskadiget",
    ),
    (
        "export-data into a missing folder",
        lambda tmp, t: ["export-data", "--output", str(tmp / "mangler" / "d.json"), *_db(_database(tmp, t))],
        "findes ikke",
    ),
    ("backup of a missing database", lambda tmp, t: ["backup", *_db(tmp / "mangler.sqlite")], "findes ikke"),
]


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _import_file(tmp, t, content, name="data.json"):
    path = tmp / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return ["import-data", str(path), *_db(_database(tmp, t))]


def _v2(tables):
    from models.data_codec import document

    return document({"tables": tables})


def _v1(enterprises=None, activity=None):
    return {
        "format": "socialokonomi-data",
        "version": 1,
        "data": {"enterprises.json": enterprises or {}, "activity.json": activity or {}, "report_texts.json": {}},
    }


_SUMAK = {"id": 1, "name": "Sumak"}
_FLEKS = {"id": 1, "name": "Fleksjob"}


def _placement(**values):
    return _v2(
        {
            "enterprise": [_SUMAK],
            "placement_type": [_FLEKS],
            "job_placement": [{"id": 1, "enterprise": 1, "type": 1, "date": "2019-02-01", "channel": "own", **values}],
        }
    )


def _locked_import(tmp, t):
    import sqlite3

    argv = _import_file(tmp, t, _placement(date="2018-11-30", note="en til"))
    raw = sqlite3.connect(tmp / "data.sqlite")
    with raw:
        raw.execute(
            "INSERT INTO year_lock (uid, year, locked_at, user) VALUES ('lås', 2018, '2019-01-15 10:00:00', 'test')"
        )
    raw.close()
    return argv


def _template_import(tmp, t, amount):
    import openpyxl

    from exporters.spreadsheet_template import write_template

    path = tmp / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    workbook["Tilskud"].append(["Sumak", 2019, amount, "nej", "Drift"])
    workbook.save(path)
    return ["import-data", str(path), *_db(_database(tmp, t))]


IMPORT_REFUSED = [
    (
        "import-data of JSON nested 100,000 levels",
        lambda tmp, t: _import_file(tmp, t, "[" * 100_000 + "]" * 100_000),
        "indlejret for dybt",
    ),
    (
        "import-data with enterprises as a string",
        lambda tmp, t: _import_file(tmp, t, _v1({"enterprises": "Sumak"})),
        "skal være en liste",
    ),
    (
        "import-data with an enterprise as a list",
        lambda tmp, t: _import_file(tmp, t, _v1({"enterprises": [["Sumak"]]})),
        "skal være et objekt",
    ),
    (
        "import-data with hours abc",
        lambda tmp, t: _import_file(tmp, t, _placement(hours_per_week="abc")),
        "ikke et tal",
    ),
    (
        "import-data with hours NaN",
        lambda tmp, t: _import_file(tmp, t, _placement(hours_per_week="NaN")),
        "ikke et tal",
    ),
    (
        "import-data with hours 7.255",
        lambda tmp, t: _import_file(tmp, t, _placement(hours_per_week="7.255")),
        "to decimaler",
    ),
    (
        "import-data with employees 10^30",
        lambda tmp, t: _import_file(tmp, t, _v2({"enterprise": [{"id": 1, "name": "Ny", "employees": 10**30}]})),
        "urimeligt stort",
    ),
    (
        "import-data with report_order 10^30",
        lambda tmp, t: _import_file(tmp, t, _v2({"enterprise": [{"id": 1, "name": "Ny", "report_order": 10**30}]})),
        "urimeligt stort",
    ),
    (
        "import-data with report_order abc",
        lambda tmp, t: _import_file(tmp, t, _v2({"enterprise": [{"id": 1, "name": "Ny", "report_order": "abc"}]})),
        "report_order",
    ),
    ("import-data into a locked year", _locked_import, "2018 er låst"),
    (
        "import-data with one CVR twice",
        lambda tmp, t: _import_file(
            tmp,
            t,
            _v2({"enterprise": [{"id": 1, "name": "A", "cvr": "25313763"}, {"id": 2, "name": "B", "cvr": "25313763"}]}),
        ),
        "CVR 25313763",
    ),
    (
        "import-data from a newer version",
        lambda tmp, t: _import_file(tmp, t, {"format": "socialokonomi-data", "version": 9, "data": {}}),
        "nyere udgave",
    ),
    (
        "import-data with a CPR number in a note",
        lambda tmp, t: _import_file(tmp, t, _placement(note="Borger 010190-1234")),
        "CPR",
    ),
    ("import-data of a template amount 12500,75", lambda tmp, t: _template_import(tmp, t, 12500.75), "hele kroner"),
    ("import-data of a template amount 1.5", lambda tmp, t: _template_import(tmp, t, "1.5"), "ikke et beløb"),
]
CLI_REFUSED += IMPORT_REFUSED


# --- the adversarial review of issue 12 -------------------------------------------------------------------


def _schema_byte(path):
    """One byte of damage in a table's CREATE statement: SQLite's error text is then not valid UTF-8."""
    data = path.read_bytes()
    at = data.index(b'CREATE TABLE "story"') + 7
    path.write_bytes(data[:at] + b"\xdf" + data[at + 1 :])


def _text_byte(path):
    """One byte of damage inside a stored text: SQLite's quick check passes, reading the text fails."""
    data = path.read_bytes()
    at = data.index(b"Forretningsmodellen")
    path.write_bytes(data[:at] + b"\xdf" + data[at + 1 :])


def _header_byte(offset, value):
    def damage(path):
        data = bytearray(path.read_bytes())
        data[offset : offset + len(value)] = value
        path.write_bytes(bytes(data))

    return damage


def _candidate(tmp, t, sql):
    candidate = _database(tmp, t, "kopi.sqlite")
    raw = sqlite3.connect(candidate)
    raw.executescript(sql)
    raw.commit()
    raw.close()
    return ["restore", str(candidate), *_db(_database(tmp, t))]


def _empty_foreign_sqlite(tmp, t):
    path = tmp / "andet.sqlite"
    _pragma(path, "PRAGMA application_id=1234")
    return _status(path)


def _symlink_loop(tmp, command):
    (tmp / "løkke.sqlite").symlink_to(tmp / "løkke.sqlite")
    return [*command, *_db(tmp / "løkke.sqlite")]


REVIEW_REFUSED = [
    (
        "status on a schema byte that is not UTF-8",
        lambda tmp, t: _prep_status_damaged(tmp, t, _schema_byte),
        "beskadiget",
    ),
    (
        "export-data of a database with an unreadable text",
        lambda tmp, t: [
            "export-data",
            "--output",
            str(tmp / "d.json"),
            *_db(_prep_status_damaged(tmp, t, _text_byte)[-1]),
        ],
        "en tekst er beskadiget og kan ikke læses (enterprise_text",
    ),
    (
        "backup of a database with an unreadable text",
        lambda tmp, t: ["backup", *_db(_prep_status_damaged(tmp, t, _text_byte)[-1])],
        "en tekst er beskadiget og kan ikke læses",
    ),
    (
        "status on a damaged page size with backups beside it",
        lambda tmp, t: _prep_with_backup(tmp, t, _header_byte(16, b"\x03\x00")),
        "beskadiget (ugyldig sidestørrelse",
    ),
    (
        "status on a damaged schema format byte",
        lambda tmp, t: _prep_status_damaged(tmp, t, _header_byte(44, b"\x00\x00\x00\x09")),
        "beskadiget (ugyldigt skemaformat",
    ),
    (
        "restore a candidate without a column",
        lambda tmp, t: _candidate(tmp, t, "ALTER TABLE enterprise DROP COLUMN website"),
        "mangler dele af databasens opbygning (enterprise.website)",
    ),
    (
        "restore a candidate without a table",
        lambda tmp, t: _candidate(tmp, t, "DROP TABLE story"),
        "tabellen story",
    ),
    (
        "restore a candidate with a date that is not a date",
        lambda tmp, t: _candidate(tmp, t, "UPDATE job_placement SET date = 'ikke en dato' WHERE id = 1"),
        "værdier, programmet ikke kan læse (job_placement.date)",
    ),
    (
        "restore a candidate with references to nothing",
        lambda tmp, t: _candidate(tmp, t, "PRAGMA foreign_keys=off; DELETE FROM enterprise WHERE id = 1"),
        "henvisninger, der peger på intet",
    ),
    (
        "restore a candidate with a CPR number",
        lambda tmp, t: _candidate(tmp, t, "UPDATE enterprise SET name = 'Borger 010190-1234' WHERE id = 1"),
        "ligner et CPR-nummer (enterprise nr. 1",
    ),
    ("status on another program's empty SQLite file", _empty_foreign_sqlite, "ikke en database fra Socialøkonomi"),
    (
        "restore onto a symlink loop",
        lambda tmp, t: _symlink_loop(tmp, ["restore", str(_database(tmp, t, "kopi.sqlite"))]),
        "løkke af genveje",
    ),
    ("load-example onto a symlink loop", lambda tmp, t: _symlink_loop(tmp, ["load-example"]), "løkke af genveje"),
    ("status with an empty --database", lambda tmp, t: ["status", "--year", "2018", "--database", ""], "er tom"),
    ("restore with an empty --database", lambda tmp, t: ["restore", str(t), "--database", " "], "er tom"),
    (
        "backup of a 0-byte database",
        lambda tmp, t: ["backup", *_db(_prep_status_damaged(tmp, t, _empty_file)[-1])],
        "beskadiget (filen er tom, 0 byte)",
    ),
    ("backup of another program's file", lambda tmp, t: ["backup", *_db(_foreign(tmp))], "ikke en database fra"),
    (
        "backup of a zeroed header with backups beside it",
        lambda tmp, t: ["backup", *_db(_prep_with_backup(tmp, t, _zero_header)[-1])],
        "beskadiget; der er ikke taget en sikkerhedskopi",
    ),
    (
        "backup of a folder",
        lambda tmp, t: (tmp / "mappe.sqlite").mkdir() or ["backup", *_db(tmp / "mappe.sqlite")],
        "ikke en databasefil",
    ),
]


def _prep_empty_with_wal(tmp, t):
    path = tmp / "data.sqlite"
    path.write_bytes(b"")
    (tmp / "data.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 4000)  # what a power loss can leave
    return ["load-example", *_db(path)]


def _prep_backup_opened_directly(tmp, t):
    from models.backups import make_backup

    backup = make_backup(_database(tmp, t), "manual")
    return _status(backup)


REVIEW_REFUSED += [
    (
        "status counted after its year",
        lambda tmp, t: _status(_database(tmp, t), "2018", "--as-of", "2019-06-30"),
        "efter året 2018",
    ),
    ("load-example onto a 0-byte database with a -wal", _prep_empty_with_wal, "filen er tom, men data.sqlite-wal"),
    ("status on a backup opened directly", _prep_backup_opened_directly, "er en sikkerhedskopi"),
    (
        "restore onto a folder",
        lambda tmp, t: (
            (tmp / "mappe.sqlite").mkdir() or ["restore", str(_database(tmp, t)), *_db(tmp / "mappe.sqlite")]
        ),
        "er en mappe",
    ),
]
CLI_REFUSED += REVIEW_REFUSED


@pytest.mark.parametrize(("name", "prepare", "message"), CLI_REFUSED, ids=[c[0] for c in CLI_REFUSED])
def test_a_refused_command_says_why_in_danish_and_changes_no_byte(
    example_template, tmp_path, capsys, name, prepare, message
):
    folder = tmp_path / "sag"
    folder.mkdir()
    argv = prepare(folder, example_template)
    before = _files(folder)
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("socialokonomi: "), err
    assert "Traceback" not in err
    assert _files(folder) == before  # not one byte changed, no file added (no backup, no half-written export)


def _restored_aside(folder, damaged_bytes):
    aside = [p for p in folder.iterdir() if "beskadiget" in p.name and p.suffix == ".sqlite"]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes  # kept untouched


def _prep_restore_onto(tmp, t, how):
    from models.backups import make_backup

    path = _database(tmp, t)
    backup = make_backup(path, "manual")
    how(path)
    return ["restore", str(backup), *_db(path)]


CLI_RECOVERED = [
    ("restore onto a page-damaged database", lambda tmp, t: _prep_restore_onto(tmp, t, _page_damage)),
    ("restore onto a zeroed header", lambda tmp, t: _prep_restore_onto(tmp, t, _zero_header)),
    ("restore onto a 0-byte database", lambda tmp, t: _prep_restore_onto(tmp, t, _empty_file)),
]
CLI_RECOVERED += [  # the adversarial review: damage SQLite reports in other words, or not at all
    ("restore onto a schema byte that is not UTF-8", lambda tmp, t: _prep_restore_onto(tmp, t, _schema_byte)),
    ("restore onto a damaged page size", lambda tmp, t: _prep_restore_onto(tmp, t, _header_byte(16, b"\x03\x00"))),
    ("restore onto a damaged read version", lambda tmp, t: _prep_restore_onto(tmp, t, _header_byte(19, b"\x03"))),
    (
        "restore onto a damaged schema format",
        lambda tmp, t: _prep_restore_onto(tmp, t, _header_byte(44, b"\x00\x00\x00\x09")),
    ),
    ("restore onto a damaged write version", lambda tmp, t: _prep_restore_onto(tmp, t, _header_byte(18, b"\x03"))),
    ("restore onto an unreadable text", lambda tmp, t: _prep_restore_onto(tmp, t, _text_byte)),
]


@pytest.mark.parametrize(("name", "prepare"), CLI_RECOVERED, ids=[c[0] for c in CLI_RECOVERED])
def test_restore_onto_a_damaged_database_moves_it_aside_and_restores(example_template, tmp_path, capsys, name, prepare):
    folder = tmp_path / "sag"
    folder.mkdir()
    argv = prepare(folder, example_template)
    damaged_bytes = (folder / "data.sqlite").read_bytes()
    assert main(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "gendannet" in out and "beskadiget" in out
    _restored_aside(folder, damaged_bytes)
    assert main(_status(folder / "data.sqlite")) == 0
    assert "Aktive virksomheder og initiativer: 19" in capsys.readouterr().out


# --- what a power loss or a killed program leaves behind is recovered from, not a reason to refuse ------


def _prep_lock(content):
    def prepare(tmp, t):
        path = _database(tmp, t)
        (tmp / "data.sqlite.lock").write_bytes(content)
        os.utime(tmp / "data.sqlite.lock", (1_700_000_000, 1_700_000_000))  # left by a power loss
        return ["backup", *_db(path)]

    return prepare


def _prep_symlink(tmp, t):
    real = tmp / "rigtig"
    real.mkdir()
    path = _database(real, t)
    (tmp / "genvej.sqlite").symlink_to(path)
    return ["backup", *_db(tmp / "genvej.sqlite")]


def _only_the_real_backup_folder(tmp):
    assert not (tmp / "genvej-sikkerhedskopier").exists()
    assert len(list((tmp / "rigtig" / "data-sikkerhedskopier").glob("*.sqlite"))) == 1


def _prep_orphans(tmp, t):
    path = _database(tmp, t)
    folder = tmp / "data-sikkerhedskopier"
    folder.mkdir()
    (folder / "data-20261127-101010-daily.tmp").write_bytes(b"\0" * 100_000)  # a killed backup
    (tmp / "data.999999999.tmp").write_bytes(b"\0" * 1000)  # a killed move, by a process long gone
    return _status(path)


def _no_orphans(tmp):
    assert not list(tmp.rglob("*.tmp"))


CLI_RECOVERS = [
    ("backup with an empty lock file", _prep_lock(b""), "Sikkerhedskopien er gemt", None),
    ("backup with a garbled lock file", _prep_lock(b"\xff\x00garbage"), "Sikkerhedskopien er gemt", None),
    ("backup with a lock naming process 0", _prep_lock(b"0\n\n?\n"), "Sikkerhedskopien er gemt", None),
    ("backup through a symbolic link", _prep_symlink, "Sikkerhedskopien er gemt", _only_the_real_backup_folder),
    ("status after a killed backup", _prep_orphans, "Aktive virksomheder", _no_orphans),
]


def _prep_stray_backup(name, link=False):
    def prepare(tmp, t):
        path = _database(tmp, t)
        folder = tmp / "data-sikkerhedskopier"
        folder.mkdir()
        if link:
            (folder / name).symlink_to(tmp / "findes-ikke")
        else:
            (folder / name).write_bytes(t.read_bytes())
        return ["backup", *_db(path)]

    return prepare


def _prep_users_tmp_files(tmp, t):
    path = _database(tmp, t)
    for name in ("data.tmp", "data-20200101-120000-noter.tmp", "data.99999999999999999999.tmp"):
        (tmp / name).write_text("noter", encoding="utf-8")
    return _status(path)


def _users_tmp_files_kept(tmp):
    assert sorted(p.name for p in tmp.glob("*.tmp")) == [
        "data-20200101-120000-noter.tmp",
        "data.99999999999999999999.tmp",
        "data.tmp",
    ]


CLI_RECOVERS += [  # the adversarial review
    (
        "backup beside a backup with an impossible date",
        _prep_stray_backup("data-20261399-120000-daily.sqlite"),
        "Sikkerhedskopien er gemt",
        None,
    ),
    (
        "backup beside a dangling link in the backup folder",
        _prep_stray_backup("data-20260201-120000-daily.sqlite", link=True),
        "Sikkerhedskopien er gemt",
        None,
    ),
    ("backup with a lock naming a huge number", _prep_lock(b"99999999999999999999999\n"), "Sikkerhedskopien", None),
    ("backup with a lock naming a superscript two", _prep_lock("²\n".encode()), "Sikkerhedskopien er gemt", None),
    ("status beside the user's own .tmp files", _prep_users_tmp_files, "Aktive virksomheder", _users_tmp_files_kept),
]


@pytest.mark.parametrize(("name", "prepare", "message", "check"), CLI_RECOVERS, ids=[c[0] for c in CLI_RECOVERS])
def test_what_a_killed_program_leaves_behind_is_cleared(
    example_template, tmp_path, capsys, name, prepare, message, check
):
    folder = tmp_path / "sag"
    folder.mkdir()
    argv = prepare(folder, example_template)
    assert main(argv) == 0, capsys.readouterr().err
    assert message in capsys.readouterr().out
    if check:
        check(folder)


def test_the_catalogue_has_at_least_seventy_cases():
    # the import cases of issue 11 (about ten) join these on merge
    assert len(CASES) + len(CLI_REFUSED) + len(CLI_RECOVERED) + len(CLI_RECOVERS) >= 85


def test_a_damaged_database_on_the_command_line_names_the_backup_to_restore(example_template, tmp_path, capsys):
    path = _with_backup(tmp_path, example_template)
    _page_damage(path)
    assert main(_status(path)) == 2
    err = capsys.readouterr().err
    assert "beskadiget" in err and "socialokonomi restore " in err and "data-20261101-090000-daily.sqlite" in err


def test_status_in_a_read_only_folder_reads_a_leftover_wal(example_template, tmp_path, monkeypatch, capsys):
    """Opened with immutable=1, SQLite would ignore the -wal and show 19 enterprises instead of 24."""
    from models import store
    from tests.desktop.test_safe_open import _leftover_wal

    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir()
    path = _leftover_wal(example_template, folder)
    before = _files(folder)
    real_access = os.access
    monkeypatch.setattr(store.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    assert main(_status(path)) == 0
    assert "Aktive virksomheder og initiativer: 24" in capsys.readouterr().out
    assert _files(folder) == before


def test_a_bug_in_a_background_export_ends_the_task_with_a_danish_message(qtbot, tmp_path, monkeypatch):
    from desktop import error_log
    from desktop.tasks import BackgroundTask

    monkeypatch.setattr(error_log, "log_file", lambda: tmp_path / "socialokonomi.log")
    task = BackgroundTask(lambda progress: 1 / 0)
    failures = []
    task.failed.connect(failures.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert "uventet fejl" in failures[0] and "ZeroDivisionError" in (tmp_path / "socialokonomi.log").read_text()


def test_import_onto_a_read_only_database_is_refused_and_changes_no_byte(
    example_template, tmp_path, monkeypatch, capsys
):
    folder = tmp_path / "sag"
    folder.mkdir()
    argv = _import_file(folder, example_template, _placement(note="ny"))
    database = folder / "data.sqlite"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(database) else real_access(p, mode))
    before = database.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "skrivebeskyttet" in err and "Traceback" not in err
    assert database.read_bytes() == before  # (SQLite may leave its -shm beside a read-only WAL database)


@pytest.mark.sqlite_only  # the full disk is played with SQLite's page limit
def test_an_import_and_a_form_edit_on_a_full_disk_say_so_and_change_nothing(example_db, db_path, tmp_path):
    """SQLite's own full-disk condition (max_page_count reached): "no such savepoint" and "cannot rollback"
    were the messages; now a Danish one, and the store as it was."""
    from models.data_codec import document

    close_database_after = example_db
    pages = close_database_after.execute_sql("PRAGMA page_count").fetchone()[0]
    close_database_after.execute_sql(f"PRAGMA max_page_count={pages}")
    before = _state()
    many = [{"id": i, "name": f"Virksomhed {i}", "place": "x" * 500} for i in range(1, 400)]
    with pytest.raises(StoreError, match="disken er fuld"):
        import_data(document({"tables": {"enterprise": many}}), apply=True)
    with pytest.raises(StoreError, match="disken er fuld"):
        editing.update(EnterpriseText, EnterpriseText.select().first().id, {"presentation": "y" * 90_000})
    assert _state() == before


def test_an_export_in_the_window_over_an_unreadable_text_says_the_database_is_damaged(
    example_template, qtbot, tmp_path
):
    from desktop.exports import export_data
    from desktop.tasks import BackgroundTask
    from models.store import close_database, open_database

    path = _database(tmp_path, example_template)
    _text_byte(path)
    open_database(path)  # SQLite's quick check does not look inside texts
    try:
        task = BackgroundTask(lambda progress: export_data(tmp_path / "d.json"))
        failures = []
        task.failed.connect(failures.append)
        with qtbot.waitSignal(task.finished, timeout=10_000):
            task.start()
    finally:
        close_database()
    assert "er beskadiget: en tekst er beskadiget og kan ikke læses (enterprise_text" in failures[0]
    assert "uventet" not in failures[0] and not (tmp_path / "d.json").exists()


def test_the_backup_hint_skips_a_backup_whose_schema_byte_is_not_utf8(example_template, tmp_path, capsys):
    """The hint after "beskadiget" checks every backup; one with damage in SQLite's own message must not turn
    the Danish message into a traceback, and the good older backup is named."""
    from models.backups import make_backup

    path = _database(tmp_path, example_template)
    good = make_backup(path, "daily", now=dt.datetime(2026, 1, 1, 12, 0))
    newer = make_backup(path, "daily", now=dt.datetime(2026, 2, 1, 12, 0))
    _schema_byte(newer)
    _page_damage(path)
    assert main(_status(path)) == 2
    err = capsys.readouterr().err
    assert "beskadiget" in err and f"socialokonomi restore {good}" in err and "Traceback" not in err
