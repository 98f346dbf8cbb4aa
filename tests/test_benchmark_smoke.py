"""A small run of the benchmark, so it cannot rot. Timings are never asserted: only that every measurement
is made and written."""

import json

from benchmarks.run import main


def test_the_benchmark_runs_on_the_example_size(tmp_path):
    output = tmp_path / "benchmarks.md"
    assert (
        main(["--sizes", "example", "--repeat", "1", "--output", str(output), "--data-dir", str(tmp_path / "data")])
        == 0
    )
    text = output.read_text(encoding="utf-8")
    for row in (
        "start-up to the first painted window",
        "one keystroke of search",
        "sorting the enterprise list",
        "Word report of 2018",
        "Excel job status",
        "peak memory",
        "SQL statements of one field edit",
        "pasting 200 rows into Ansættelser",
        "the overview's figures, after the first paint",
        "`export-data`",
        "`import-data --dry-run` of that file",
        "`import-data` of that file into a new database",
        "Where the time goes",
        "step by step",
        "first paint",
    ):
        assert row in text, row
    results = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert results[0]["counts"]["enterprise"] == 20
    assert results[0]["startup"]["app_ms"] > 0 and results[0]["startup"]["floor_ms"] > 0
    assert 0 < results[0]["inprocess"]["edit statements"] <= 10
    assert results[0]["startup"]["figures_after_paint_ms"] > 0
    exchange = results[0]["exchange"]
    assert exchange["file_mb"] > 0 and exchange["export_ms"] > 0 and exchange["import_ms"] > 0


def test_the_benchmark_runs_on_postgresql_too(tmp_path, pg_cluster):
    output = tmp_path / "benchmarks.md"
    server = pg_cluster.address("").rstrip("/")
    arguments = ["--sizes", "example", "--repeat", "1", "--output", str(output), "--data-dir", str(tmp_path / "d")]
    assert main([*arguments, "--server", server, "--server-sizes", "example"]) == 0
    results = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert [r["size"] for r in results] == ["example", "example on PostgreSQL"]
    assert results[1]["counts"] == results[0]["counts"]
    assert results[1]["word"]["ms"] > 0 and results[1]["excel"]["ms"] > 0
    assert "## example on PostgreSQL" in output.read_text(encoding="utf-8")
