"""Moving data between laptops: the whole store as one data file, imported with a preview, all or nothing."""

import copy
import json

import pytest

from desktop.cli import main
from exporters.data_file import write_data_file
from models.data_import import import_data
from models.enterprises import Enterprise
from models.errors import StoreError
from models.figures import year_status
from models.placements import JobPlacement
from models.store import close_database, open_database
from tests.exporters.conftest import document_text


def _counts() -> dict:
    from models.schema import ALL_MODELS

    return {m.__name__: m.select().count() for m in ALL_MODELS}


@pytest.fixture
def document(example_db, tmp_path):
    return write_data_file(tmp_path / "data.json")


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
    before = _counts()
    report = import_data(document, apply=False)
    assert not report.applied and not report.added  # everything matches the store it came from
    assert report.matched["virksomheder"] == 20
    assert _counts() == before


def test_one_invalid_record_means_nothing_is_imported(document, tmp_path):
    bad = copy.deepcopy(document)
    bad["data"]["enterprises.json"]["enterprises"].append(
        {**bad["data"]["enterprises.json"]["enterprises"][0], "name": "Ny ApS", "cvr": "12345678"}
    )
    bad["data"]["activity.json"]["placements"].append(
        {
            "enterprise": "Ny ApS",
            "date": "2018-05-01",
            "type": "Fleksjob",
            "channel": "jobcenter",
            "hours_per_week": None,
        }
    )
    close_database()
    open_database(tmp_path / "tom.sqlite")
    report = import_data(bad, apply=True)
    assert not report.applied
    assert any("virksomhed 21 (Ny ApS), felt cvr" in line for line in report.invalid)
    assert Enterprise.select().count() == 0 and JobPlacement.select().count() == 0
    close_database()


def test_conflicts_are_reported_and_the_store_kept(document):
    Enterprise.update(cvr="10150817").where(Enterprise.name == "Musholm").execute()
    changed = copy.deepcopy(document)
    musholm = next(e for e in changed["data"]["enterprises.json"]["enterprises"] if e["name"] == "Musholm")
    musholm["cvr"] = "25313763"
    musholm["texts"]["2018"]["plans"] = "Andre planer."
    report = import_data(changed, apply=True)
    assert report.applied
    assert any("Musholm" in c and "CVR 10150817" in c for c in report.conflicts)
    assert any("Musholm" in c and "teksten for 2018" in c for c in report.conflicts)
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


def test_the_excel_template_round_trip(example_db, tmp_path):
    import openpyxl

    from exporters.spreadsheet_template import read_template, write_template

    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Virksomheder", "Tilskud", "Ansættelser"]
    workbook["Virksomheder"].append(["Café Fælles", "virksomhed", "IVS", "", "Torvet 1", "Korsør", "1.3.2019"])
    workbook["Tilskud"].append(["Café Fælles", 2019, 25000, "nej", "Opstart", "Lokal Fond; Rotary Korsør"])
    workbook["Ansættelser"].append(["15.3.2019", "Café Fælles", "Fleksjob", "Jobcenteret", "12,5"])
    workbook["Ansættelser"].append(["16.3.2019", "Sumak", "Deltidsjob", "egne", None])
    workbook.save(path)
    report = import_data(read_template(path), apply=True)
    assert report.applied, report.invalid
    cafe = Enterprise.get(Enterprise.name == "Café Fælles")
    assert cafe.place == "Korsør" and cafe.grants.get().funders.count() == 2
    assert JobPlacement.select().where(JobPlacement.enterprise == cafe).get().hours_per_week == 12.5
    assert not import_data(read_template(path), apply=True).added


def test_a_template_row_that_cannot_be_read_is_named(example_db, tmp_path):
    import openpyxl

    from exporters.spreadsheet_template import read_template, write_template

    path = tmp_path / "skabelon.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    workbook["Ansættelser"].append(["30.2.2019", "Sumak", "Fleksjob", "Jobcenteret"])
    workbook.save(path)
    with pytest.raises(StoreError, match="Ansættelser, række 2"):
        read_template(path)
    not_excel = tmp_path / "liste.xlsx"
    not_excel.write_text("Sumak", encoding="utf-8")
    with pytest.raises(StoreError, match="ikke en Excel-projektmappe"):
        read_template(not_excel)
