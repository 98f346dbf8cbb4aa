"""import-data as an adversary feeds it: arbitrary JSON documents and arbitrary template cells end with exit
code 0 or 2, never a traceback, and on 2 the database file is byte-for-byte as it was. And the Excel
template read by the forms' rules: whole kroner, hours with two decimals, a second import adds nothing."""

import json
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from exporters.spreadsheet_template import read_template, write_template
from models.data_import import import_data
from models.enterprises import Enterprise
from models.grants import Grant
from models.placements import JobPlacement
from models.store import close_database

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
table_names = st.sampled_from(["enterprise", "grant", "job_placement", "placement_type", "audit_entry", "x"])
field_names = st.sampled_from(
    ["id", "name", "cvr", "year", "amount_dkk", "enterprise", "type", "date", "hours_per_week"]
)
rows = st.dictionaries(field_names, json_values, max_size=6)
documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "format": st.just("socialokonomi-data"),
            "version": st.sampled_from([1, 2, 3, "2", None]),
            "data": st.one_of(
                json_values,
                st.fixed_dictionaries(
                    {"tables": st.dictionaries(table_names, st.lists(rows, max_size=3) | json_values)}
                ),
                st.fixed_dictionaries(
                    {
                        "enterprises.json": st.fixed_dictionaries(
                            {"enterprises": st.lists(rows, max_size=3) | json_values}
                        ),
                        "activity.json": st.fixed_dictionaries(
                            {"placements": st.lists(rows, max_size=3) | json_values}
                        ),
                    }
                ),
            ),
        }
    ),
)


@pytest.fixture(scope="module")
def example_file(tmp_path_factory, example_template):
    return example_template


def _run(tmp_path, example_file, name: str) -> tuple[int, bool]:
    target = tmp_path / "db.sqlite"
    shutil.copyfile(example_file, target)
    before = target.read_bytes()
    code = main(["import-data", str(tmp_path / name), "--database", str(target)])
    assert code in (0, 2)
    return code, target.read_bytes() == before


@SETTINGS
@given(document=documents)
def test_arbitrary_json_ends_in_a_message_or_success(tmp_path_factory, example_file, document):
    tmp_path = tmp_path_factory.mktemp("json")
    (tmp_path / "data.json").write_text(json.dumps(document), encoding="utf-8")
    code, unchanged = _run(tmp_path, example_file, "data.json")
    if code == 2:
        assert unchanged


cells = (
    st.none()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)
)


@SETTINGS
@given(grant=st.lists(cells, min_size=6, max_size=6), placement=st.lists(cells, min_size=5, max_size=5))
def test_arbitrary_template_cells_end_in_a_message_or_success(tmp_path_factory, example_file, grant, placement):
    tmp_path = tmp_path_factory.mktemp("xlsx")
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    workbook["Tilskud"].append(grant)
    workbook["Ansættelser"].append(placement)
    workbook.save(path)
    code, unchanged = _run(tmp_path, example_file, "skabelon.xlsx")
    if code == 2:
        assert unchanged


def _template(tmp_path, grants=(), placements=()):
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    for row in grants:
        workbook["Tilskud"].append(list(row))
    for row in placements:
        workbook["Ansættelser"].append(list(row))
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("amount", "message"),
    [(12500.75, "hele kroner"), ("1.5", "ikke et beløb"), ("150.000,50", "hele kroner")],
)
def test_the_template_refuses_amounts_the_grant_form_refuses(example_db, tmp_path, amount, message):
    """Reproduction: 12500.75 became 1.250.075 kr., "1.5" became 15 kr., "150.000,50" lost its øre."""
    before = Grant.select().count()
    report = import_data(
        read_template(_template(tmp_path, grants=[("Sumak", 2019, amount, "nej", "Drift")])), apply=True
    )
    assert not report.applied
    assert any("Tilskud, række 2" in line and message in line for line in report.invalid), report.invalid
    assert Grant.select().count() == before


def test_template_hours_keep_two_decimals_and_a_second_import_adds_nothing(example_db, tmp_path):
    """Reproduction: hours 7.25 became 7.2, and every re-import added the placement again."""
    path = _template(tmp_path, placements=[("15.3.2019", "Sumak", "Fleksjob", "Jobcenteret", 7.25)])
    first = import_data(read_template(path), apply=True)
    assert first.applied and first.added == {"ansættelser": 1}, first.lines()
    stored = JobPlacement.select().order_by(JobPlacement.id.desc()).get()
    assert str(stored.hours_per_week) in ("7.25", "7.250")
    assert not import_data(read_template(path), apply=True).added


def test_the_excel_template_round_trip(example_db, tmp_path):
    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Virksomheder", "Tilskud", "Ansættelser"]
    workbook["Virksomheder"].append(["Café Fælles", "virksomhed", "IVS", "", "Torvet 1", "Korsør", "1.3.2019"])
    workbook["Tilskud"].append(["Café Fælles", 2019, "ca. 25.000", "nej", "Opstart", "Lokal Fond; Rotary Korsør"])
    workbook["Ansættelser"].append(["15.3.2019", "Café Fælles", "Fleksjob", "Jobcenteret", "12,5"])
    workbook["Ansættelser"].append(["16.3.2019", "Sumak", "Deltidsjob", "egne", None])
    workbook.save(path)
    report = import_data(read_template(path), apply=True)
    assert report.applied, report.invalid
    cafe = Enterprise.get(Enterprise.name == "Café Fælles")
    grant = cafe.grants.get()
    assert cafe.place == "Korsør" and grant.funders.count() == 2 and grant.amount_dkk == 25000 and grant.approximate
    assert JobPlacement.select().where(JobPlacement.enterprise == cafe).get().hours_per_week == 12.5
    assert not import_data(read_template(path), apply=True).added


def test_every_template_problem_is_named_by_sheet_and_row(example_db, tmp_path):
    path = _template(
        tmp_path,
        grants=[("Sumak", "tyve", 100, "nej", "")],
        placements=[("30.2.2019", "Sumak", "Fleksjob", "Jobcenteret"), ("1.3.2019", "Ukendt ApS", "Fleksjob", "")],
    )
    report = import_data(read_template(path), apply=True)
    assert not report.applied
    text = "\n".join(report.invalid)
    assert "Tilskud, række 2" in text and "Ansættelser, række 2" in text and "Ansættelser, række 3" in text
    not_excel = tmp_path / "liste.xlsx"
    not_excel.write_text("Sumak", encoding="utf-8")
    from models.errors import StoreError

    with pytest.raises(StoreError, match="ikke en Excel-projektmappe"):
        read_template(not_excel)
    close_database()


def test_a_refused_or_trial_import_into_a_new_file_leaves_no_database_behind(tmp_path, capsys):
    bad = tmp_path / "data.json"
    bad.write_text(json.dumps({"format": "socialokonomi-data", "version": 2, "data": {"tables": {"enterprise": [1]}}}))
    target = tmp_path / "ny.sqlite"
    assert main(["import-data", str(bad), "--database", str(target)]) == 2
    from models.example_data import example_document

    good = tmp_path / "eksempel.json"
    good.write_text(json.dumps(example_document()), encoding="utf-8")
    assert main(["import-data", str(good), "--dry-run", "--database", str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "eksempel.json"]
    assert main(["import-data", str(good), "--database", str(target)]) == 0 and target.exists()
