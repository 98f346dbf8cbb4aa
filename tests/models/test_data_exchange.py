"""Moving data between laptops: the whole store as one data file, imported with a preview, all or nothing,
through the one importer that also loads the example data and filled templates."""

import copy
import datetime as dt
import json

import pytest

from desktop.cli import main
from exporters.data_file import write_data_file
from models.data_import import import_data
from models.enterprises import Enterprise
from models.errors import StoreError
from models.figures import year_status
from models.history import AuditEntry
from models.placements import JobPlacement
from models.schema import ALL_MODELS
from models.store import close_database, open_database
from tests.exporters.conftest import document_text
from tests.helpers.store_checks import fingerprint


def _counts() -> dict:
    return {m.__name__: m.select().count() for m in ALL_MODELS}


def _tables() -> dict:
    return {m.__name__: list(m.select().order_by(m._meta.primary_key).tuples()) for m in ALL_MODELS}


@pytest.fixture
def document(example_db, tmp_path):
    return json.loads(write_data_file(tmp_path / "data.json").read_text(encoding="utf-8"))


def _rows(document: dict, table: str) -> list:
    return document["data"]["tables"][table]


def test_export_then_import_into_an_empty_database_gives_the_same_figures_and_report(document, tmp_path):
    from desktop.exports import export_report

    status = year_status(2018).to_json()
    export_report(2018, tmp_path / "før.docx")
    close_database()
    open_database(tmp_path / "ny.sqlite")
    report = import_data(document, apply=True)
    assert report.applied and not report.invalid and not report.conflicts
    assert year_status(2018).to_json() == status
    export_report(2018, tmp_path / "efter.docx")
    assert document_text(tmp_path / "efter.docx") == document_text(tmp_path / "før.docx")
    counts = _counts()
    again = import_data(document, apply=True)
    assert not again.added and _counts() == counts  # importing it a second time adds nothing
    close_database()


def test_a_preview_changes_nothing(document):
    before = _tables()
    report = import_data(document, apply=False)
    assert not report.applied and not report.added  # everything matches the store it came from
    assert report.matched["virksomheder"] == 20
    assert _tables() == before


def test_one_invalid_record_means_nothing_is_imported(document, tmp_path):
    bad = copy.deepcopy(document)
    enterprises = _rows(bad, "enterprise")
    enterprises.append({**enterprises[0], "id": 999, "name": "Ny ApS", "cvr": "12345678", "uid": "ny1"})
    placement = dict(_rows(bad, "job_placement")[0])
    _rows(bad, "job_placement").append({**placement, "id": 99999, "enterprise": 999, "uid": "ny2"})
    close_database()
    open_database(tmp_path / "tom.sqlite")
    report = import_data(bad, apply=True)
    assert not report.applied
    index = len(enterprises) - 1
    assert any(f"data.tables.enterprise[{index}]" in line and "cvr" in line for line in report.invalid)
    assert Enterprise.select().count() == 0 and JobPlacement.select().count() == 0
    close_database()


def test_conflicts_are_reported_and_the_store_kept(document):
    Enterprise.update(cvr="10150817").where(Enterprise.name == "Musholm").execute()
    changed = copy.deepcopy(document)
    musholm = next(e for e in _rows(changed, "enterprise") if e["name"] == "Musholm")
    musholm["cvr"] = "25313763"
    text = next(t for t in _rows(changed, "enterprise_text") if t["enterprise"] == musholm["id"] and t["year"] == 2018)
    text["plans"] = "Andre planer."
    report = import_data(changed, apply=True)
    assert report.applied
    assert any("Musholm" in c and "cvr" in c for c in report.conflicts)
    assert any("årstekst" in c and "plans" in c for c in report.conflicts)
    assert Enterprise.get(Enterprise.name == "Musholm").cvr == "10150817"


def test_a_file_that_is_not_a_data_file_is_refused(example_db, tmp_path, capsys, db_path):
    with pytest.raises(StoreError, match="ikke en datafil"):
        import_data({"format": "noget andet"}, apply=False)
    text_file = tmp_path / "liste.json"
    text_file.write_text("Sumak;Slagelse\n", encoding="utf-8")
    close_database()
    assert main(["import-data", str(text_file), "--database", str(db_path)]) == 2
    assert "ikke en datafil" in capsys.readouterr().err
    open_database(db_path)


def test_command_line_export_dry_run_and_import(example_db, db_path, tmp_path, capsys):
    close_database()
    output = tmp_path / "data.json"
    assert main(["export-data", "--output", str(output), "--database", str(db_path)]) == 0
    assert json.loads(output.read_text(encoding="utf-8"))["format"] == "socialokonomi-data"
    target = tmp_path / "andet.sqlite"
    assert main(["import-data", str(output), "--dry-run", "--database", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Tilføjes: " in out and "20 virksomheder" in out and "Prøvekørsel" in out
    assert main(["import-data", str(output), "--database", str(target)]) == 0
    assert "Importeret" in capsys.readouterr().out
    assert main(["import-data", str(output), "--database", str(target)]) == 0
    assert "Intet nyt" in capsys.readouterr().out
    open_database(db_path)


def test_version_1_files_still_import(example_db, tmp_path):
    """The example dataset is written in version 1: it loads through the same importer, and a version 1 file
    of it imports into an empty database with the same figures."""
    from models.example_data import example_document

    status = year_status(2018).to_json()
    close_database()
    open_database(tmp_path / "v1.sqlite")
    report = import_data(example_document(), apply=True)
    assert report.applied and not report.invalid
    assert year_status(2018).to_json() == status
    close_database()


def test_an_import_is_one_entry_in_the_audit_trail_with_counts(document, tmp_path):
    extra = copy.deepcopy(document)
    placement = dict(_rows(extra, "job_placement")[0])
    _rows(extra, "job_placement").append({**placement, "id": 99999, "uid": "ny", "date": "2019-03-01", "note": "ny"})
    before = AuditEntry.select().count()
    report = import_data(extra, apply=True, source="fra-kollega.json")
    assert report.applied and report.added == {"ansættelser": 1}
    entries = list(AuditEntry.select().where(AuditEntry.id > 0).order_by(AuditEntry.id.desc()).limit(1))
    assert AuditEntry.select().count() == before + 1
    assert entries[0].action == "import" and entries[0].record == "fra-kollega.json"
    assert "1 ansættelse" in entries[0].new


def test_an_import_into_a_locked_year_is_refused_naming_the_year(document, db_path, tmp_path, capsys):
    """Reproduction: lock 2018, import one more 2018 placement and a 999.999 kr. grant for 2018 -> exit 2,
    nothing changed (the file's bytes), the year named."""
    from models.year_locks import lock_year

    lock_year(2018)
    jobs = year_status(2018).to_json()
    extra = copy.deepcopy(document)
    placement = dict(_rows(extra, "job_placement")[0])
    placement.update(id=99999, uid="ny1", date="2018-11-30", note="en til")
    _rows(extra, "job_placement").append(placement)
    grant = dict(_rows(extra, "grant")[0])
    grant.update(id=99999, uid="ny2", year=2018, amount_dkk=999_999, purpose="Ekstra")
    _rows(extra, "grant").append(grant)
    extra["data"]["tables"]["grant_funder"] = [f for f in _rows(extra, "grant_funder") if f["grant"] != 99999]
    path = tmp_path / "mere.json"
    path.write_text(json.dumps(extra), encoding="utf-8")
    close_database()
    before = fingerprint(db_path)
    assert main(["import-data", str(path), "--database", str(db_path)]) == 2
    assert "2018 er låst" in capsys.readouterr().out
    assert fingerprint(db_path) == before
    open_database(db_path)
    assert year_status(2018).to_json() == jobs


def test_two_enterprises_with_one_cvr_in_a_file_is_an_error_naming_both(db, tmp_path):
    from models.data_codec import document as envelope

    row = {"name": "A", "cvr": "25313763"}
    data = {
        "tables": {"enterprise": [{**row, "id": 1}, {**row, "id": 2, "name": "B"}]},
    }
    report = import_data(envelope(data), apply=True)
    assert not report.applied
    assert any("enterprise[1]" in line and "enterprise[0]" in line and "25313763" in line for line in report.invalid)
    assert Enterprise.select().count() == 0


def test_values_written_differently_match_on_a_second_import(example_db, tmp_path):
    """ "year": "2019" and 2019, hours 7.250 and 7.25, are the same; "report_order": "abc" is refused."""
    from models.data_codec import document as envelope

    sumak = Enterprise.get(Enterprise.name == "Sumak")
    fleks = JobPlacement.select().first().type_id
    table = {
        "enterprise": [{"id": 1, "name": "Sumak"}],
        "placement_type": [{"id": 1, "name": "Fleksjob"}],
        "grant": [{"id": 1, "enterprise": 1, "year": 2019, "amount_dkk": 1000, "purpose": "P"}],
        "job_placement": [
            {"id": 1, "enterprise": 1, "type": 1, "date": "2019-02-01", "channel": "own", "hours_per_week": "7.25"}
        ],
    }
    first = import_data(envelope({"tables": table}), apply=True)
    assert first.applied and first.added == {"tilskud": 1, "ansættelser": 1}, first.invalid
    assert JobPlacement.get(JobPlacement.date == dt.date(2019, 2, 1)).hours_per_week == pytest.approx(7.25)
    written_otherwise = copy.deepcopy(table)
    written_otherwise["grant"][0]["year"] = "2019"
    written_otherwise["job_placement"][0]["hours_per_week"] = 7.250
    written_otherwise["job_placement"][0]["date"] = "1.2.2019"
    again = import_data(envelope({"tables": written_otherwise}), apply=True)
    assert again.applied and not again.added, again.lines()
    bad = copy.deepcopy(table)
    bad["enterprise"][0].update(name="Nyt", report_order="abc")
    refused = import_data(envelope({"tables": bad}), apply=True)
    assert any("data.tables.enterprise[0].report_order" in line for line in refused.invalid)
    assert sumak.id and fleks


def test_hours_with_more_decimals_than_two_are_refused_not_rounded(example_db):
    from models.data_codec import document as envelope

    table = {
        "enterprise": [{"id": 1, "name": "Sumak"}],
        "placement_type": [{"id": 1, "name": "Fleksjob"}],
        "job_placement": [
            {"id": 1, "enterprise": 1, "type": 1, "date": "2019-02-01", "channel": "own", "hours_per_week": "7.255"}
        ],
    }
    report = import_data(envelope({"tables": table}), apply=True)
    assert not report.applied
    assert any("hours_per_week" in line and "to decimaler" in line for line in report.invalid)


def test_a_record_edited_on_another_laptop_is_a_conflict_not_a_second_record(document, tmp_path):
    """Review finding: laptop B corrects a grant from 150.000 to 151.000 kr. and exports; importing that into
    laptop A added a second grant (matched by values). Its identity (uid) travels with it: a conflict."""
    from models.grants import Grant

    edited = copy.deepcopy(document)
    grant = _rows(edited, "grant")[0]
    grant["amount_dkk"] += 1000
    grants = Grant.select().count()
    total = year_status(grant["year"]).to_json()
    report = import_data(edited, apply=True)
    assert report.applied and not report.added
    assert any("amount_dkk" in c for c in report.conflicts)
    assert Grant.select().count() == grants and year_status(grant["year"]).to_json() == total
