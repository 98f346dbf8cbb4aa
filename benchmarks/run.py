"""The benchmark: every measurement of docs/benchmarks.md at each size, as medians of several runs and as
ratios against a floor measured in the same run.

    python -m benchmarks.run [--sizes example,region,national] [--repeat 5] [--output docs/benchmarks.md]
                             [--server postgresql://USER@HOST:PORT [--server-sizes region]]

With --server the sizes of --server-sizes (region unless told) are measured a second time on PostgreSQL: the
generated file is copied (copy-data) into a database ``socialokonomi_bench_SIZE`` created afresh on that server
(the user must be allowed to create databases).

Datasets are generated once into --data-dir (default benchmarks/.data) by benchmarks/generate.py. Timings are
never asserted by the tests; a small smoke run is part of the test suite so the benchmark cannot rot.
"""

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import FIRST_YEAR, SIZES, generate

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {  # (target in ms or MB, what it is measured against)
    "start-up": "≤ 1.5 × floor",
    "search keystroke": "< 50 ms (national)",
    "sort": "< 50 ms (national)",
    "page": "< 300 ms (national)",
    "word": "≤ 3 s (region)",
    "excel": "≤ 3 s (region and national)",
    "memory": "< 500 MB",
    "edit statements": "≤ 10 statements",
    "paste": "< 1 s (region and national)",
    "figures": "< 300 ms (national)",
    "export-data": "≤ 30 s, ≤ 500 MB (national)",
    "import-data": "≤ 20 s, ≤ 500 MB (a 50 MB file)",
}


def _python(*args: str, env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        # compiled modules kept (__pycache__), as an installed program has them: without them every start
        # compiles the application's modules again (0.1-0.2 s) and the bare window, which has none, does not
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "", **(env or {})},
        check=True,
    )
    return (time.perf_counter() - started) * 1000, run.stdout.strip().splitlines()[-1]


def _probe(*args: str) -> tuple[float, ...]:
    """(ms from process start to the event, ms reported inside, peak MB[, ms from first paint to figures])."""
    wall, line = _python("-m", "benchmarks.probe", *args)
    return (wall, *(float(x) for x in line.split()))


def _exchange(database: Path | str, out: Path, runs: int) -> dict:
    """export-data of the store, then import-data of that file (dry run, and for real) into a new database."""
    stem = database.stem if isinstance(database, Path) else database.rsplit("/", 1)[-1]  # a server's database name
    data_file = out / f"{stem}.json"
    target = out / f"{stem}-import.sqlite"
    export = [
        _probe("cli", "export-data", "--output", str(data_file), "--database", str(database)) for _ in range(runs)
    ]
    result = {
        "file_mb": data_file.stat().st_size / 1e6,
        "export_ms": _median(e[1] for e in export),
        "export_peak_mb": max(e[2] for e in export),
    }
    for key, extra in (("dry_run", ["--dry-run"]), ("import", [])):
        runs_of = []
        for _ in range(runs):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            runs_of.append(_probe("cli", "import-data", str(data_file), *extra, "--database", str(target)))
        result[f"{key}_ms"] = _median(r[1] for r in runs_of)
        result[f"{key}_peak_mb"] = max(r[2] for r in runs_of)
    return result


def _start(*args: str) -> tuple[float, ...]:
    """A window probe: (ms from the launch of the process to the first paint, ms inside, peak MB, ...)."""
    launched = time.time()
    _wall, *numbers = _probe(*args)
    return ((numbers[-1] - launched) * 1000, *numbers[:-1])


def measure_startup(database: Path, repeat: int) -> dict:
    """Start-up to the first paint against the bare window's, both launched ``repeat`` times in turn."""
    floor, app = [], []
    _start("app", str(database))  # a first start to compile the modules, not counted
    for _ in range(repeat):
        floor.append(_start("floor"))
        app.append(_start("app", str(database)))
    return {
        "floor_ms": _median(f[0] for f in floor),
        "app_ms": _median(a[0] for a in app),
        "floor_inside_ms": _median(f[1] for f in floor),
        "app_inside_ms": _median(a[1] for a in app),
        "peak_mb": max(a[2] for a in app),
        "figures_after_paint_ms": _median(a[3] for a in app),
    }


def _median(values) -> float:
    return statistics.median(values)


def _counts(database: Path | str) -> dict[str, int]:
    tables = ("enterprise", "grant", "job_placement", "evaluation")
    if isinstance(database, str):
        import psycopg

        with psycopg.connect(database) as connection:
            return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    raw = sqlite3.connect(database)
    try:
        return {t: raw.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        raw.close()


def server_copy(size: str, data_dir: Path, server: str) -> str:
    """The generated file of ``size`` copied into a fresh database on ``server``; its address."""
    import psycopg

    from models.copy_data import copy_data

    name = f"socialokonomi_bench_{size}"
    with psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    address = f"{server.rstrip('/')}/{name}"
    copy_data(data_dir / f"{size}.sqlite", address)
    return address


def measure(size: str, data_dir: Path, repeat: int, out: Path, server: str | None = None) -> dict:
    database: Path | str = data_dir / f"{size}.sqlite"
    generated = None
    if not database.exists():
        started = time.perf_counter()
        generate(size, database)
        generated = time.perf_counter() - started
    year = FIRST_YEAR + SIZES[size]["years"] - 1
    results: dict = {"size": size, "year": year, "generated_s": generated}
    if server:
        database = server_copy(size, data_dir, server)
        results.update(size=f"{size} on PostgreSQL", server=True)
    results["counts"] = _counts(database)
    results["startup"] = measure_startup(database, repeat)
    _wall, line = _python("-m", "benchmarks.inprocess", str(database), str(year), str(max(1, repeat // 2)))
    results["inprocess"] = json.loads(line)
    word = [
        _probe("export-report", str(database), str(year), str(out / f"{size}.docx")) for _ in range(max(1, repeat // 2))
    ]
    excel = [
        _probe("export-jobs", str(database), f"{year}-12-31", str(out / f"{size}.xlsx"))
        for _ in range(max(1, repeat // 2))
    ]
    results["word"] = {"ms": _median(w[1] for w in word), "peak_mb": max(w[2] for w in word)}
    results["excel"] = {"ms": _median(e[1] for e in excel), "peak_mb": max(e[2] for e in excel)}
    status = [
        _python("-m", "desktop", "status", "--year", str(year), "--json", "--database", str(database))[0]
        for _ in range(max(1, repeat // 2))
    ]
    results["status_cli_ms"] = _median(status)
    results["exchange"] = _exchange(database, out, max(1, repeat // 2))
    results["load"] = os.getloadavg()[0]  # a shared machine: the report says how busy it was
    return results


def profile_excel(database: Path, year: int, out: Path) -> str:
    """The top of a profile of the Excel job status export (where its time goes)."""
    from desktop.exports import export_jobs
    from models.store import close_database, open_database

    open_database(database)
    profiler = cProfile.Profile()
    profiler.enable()
    export_jobs(dt.date(year, 12, 31), out / "profil.xlsx")
    profiler.disable()
    close_database()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(12)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    return "\n".join(lines[:30])


def _n(value: int) -> str:
    return f"{value:,}"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def report(all_results: list[dict], profile: str, repeat: int) -> str:
    from PySide6 import __version__ as pyside_version

    lines = [
        "# Benchmarks",
        "",
        f"Run {dt.date.today().isoformat()} with `python -m benchmarks.run --repeat {repeat}` on "
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, SQLite {sqlite3.sqlite_version}. Medians of {repeat} runs (exports and "
        "in-window measurements: of half as many). Start-up is measured from launching the process to the "
        "first paint of the window; the floor is a bare PySide6 window with one table, launched the same way "
        "in the same run.",
        "",
    ]
    if any(r.get("startup_again") for r in all_results):
        lines += [
            "The start-up rows were measured again right after the main run (`--startup-again`), the bare "
            "window and the application launched alternately, each measured from the launch of its process to "
            "its first paint.",
            "",
        ]
    loads = [r["load"] for r in all_results if "load" in r]
    if loads:
        lines += [
            f"Load average (1 min) at the end of each size: {', '.join(f'{x:.1f}' for x in loads)} on "
            f"{os.cpu_count()} cores. Above the number of cores, absolute times are inflated; the ratios "
            "against floors measured in the same run are the fair comparison.",
            "",
        ]
    for r in all_results:
        c = r["counts"]
        s, i = r["startup"], r["inprocess"]
        lines += [
            f"## {r['size']} ({_n(c['enterprise'])} enterprises, {_n(c['grant'])} grants, "
            f"{_n(c['job_placement'])} placements, {_n(c['evaluation'])} evaluations; year {r['year']})",
            "",
            "| measurement | median | floor | ratio | target |",
            "|---|---|---|---|---|",
            f"| start-up to the first painted window | {_fmt(s['app_ms'])} | {_fmt(s['floor_ms'])} | "
            f"{s['app_ms'] / s['floor_ms']:.1f} × | {TARGETS['start-up']} |",
            f"| one keystroke of search (enterprises) | {_fmt(i['search'])} | {_fmt(i['search floor'])} | "
            f"{i['search'] / max(i['search floor'], 1e-3):.1f} × | {TARGETS['search keystroke']} |",
            f"| sorting the enterprise list | {_fmt(i['sort'])} | {_fmt(i['sort floor'])} | "
            f"{i['sort'] / max(i['sort floor'], 1e-3):.1f} × | {TARGETS['sort']} |",
            f"| `status` figures (in the window) | {_fmt(i['status'])} | {_fmt(i['status floor'])} | "
            f"{i['status'] / max(i['status floor'], 1e-3):.0f} × | – |",
            f"| `socialokonomi status --json` (whole process) | {_fmt(r['status_cli_ms'])} | – | – | – |",
            f"| the overview's figures, after the first paint | {_fmt(s['figures_after_paint_ms'])} | – | – | "
            f"{TARGETS['figures']} |"
            if "figures_after_paint_ms" in s
            else "| the overview's figures, after the first paint | – | – | – | – |",
            f"| SQL statements of one field edit on Virksomheder, every page built | "
            f"{_count(i.get('edit statements'))} | – | – | {TARGETS['edit statements']} |",
            f"| pasting 200 rows into Ansættelser | {_fmt(i['paste 200']) if 'paste 200' in i else '–'} | – | – | "
            f"{TARGETS['paste']} |",
        ]
        for key, value in i.items():
            if key.startswith("page:"):
                lines.append(
                    f"| opening the page {key[5:]} (first visit) | {_fmt(value)} | – | – | {TARGETS['page']} |"
                )
        lines += [
            f"| Word report of {r['year']} | {_fmt(r['word']['ms'])} | – | – | {TARGETS['word']} |",
            f"| Excel job status at 31.12.{r['year']} | {_fmt(r['excel']['ms'])} | – | – | {TARGETS['excel']} |",
            *_exchange_rows(r),
            f"| peak memory: window / Word / Excel | {s['peak_mb']:.0f} / {r['word']['peak_mb']:.0f} / "
            f"{r['excel']['peak_mb']:.0f} MB | – | – | {TARGETS['memory']} |",
            "",
        ]
    lines += _targets(all_results)
    lines += [
        "## Where the time goes",
        "",
        "The Excel job status at the largest size, profiled (cProfile, cumulative time):",
        "",
        "```",
        profile,
        "```",
        "",
        FINDINGS,
    ]
    return "\n".join(lines)


def _exchange_rows(r: dict) -> list[str]:
    x = r.get("exchange")  # runs from before these were measured have none
    if x is None:
        return []
    return [
        f"| `export-data` ({x['file_mb']:.0f} MB file) | {_fmt(x['export_ms'])}, {x['export_peak_mb']:.0f} MB | "
        f"– | – | {TARGETS['export-data']} |",
        f"| `import-data --dry-run` of that file, into a new database | {_fmt(x['dry_run_ms'])}, "
        f"{x['dry_run_peak_mb']:.0f} MB | – | – | {TARGETS['import-data']} |",
        f"| `import-data` of that file into a new database | {_fmt(x['import_ms'])}, {x['import_peak_mb']:.0f} MB | "
        f"– | – | {TARGETS['import-data']} |",
    ]


def _targets(results: list[dict]) -> list[str]:
    by_size = {r["size"]: r for r in results}
    rows = []

    def row(what: str, size: str, value: float, limit: float, shown: str) -> None:
        met = "yes" if value <= limit else f"no ({value / limit:.1f} × the limit)"
        rows.append(f"| {what} | {size} | {shown} | {met} |")

    for size, r in by_size.items():
        s = r["startup"]
        row("start-up ≤ 1.5 × floor", size, s["app_ms"] / s["floor_ms"], 1.5, f"{s['app_ms'] / s['floor_ms']:.1f} ×")
    if "national" in by_size:
        i = by_size["national"]["inprocess"]
        row("search keystroke < 50 ms", "national", i["search"], 50, _fmt(i["search"]))
        row("sort < 50 ms", "national", i["sort"], 50, _fmt(i["sort"]))
        slowest = max((v, k[5:]) for k, v in i.items() if k.startswith("page:"))
        row(f"every page < 300 ms (slowest: {slowest[1]})", "national", slowest[0], 300, _fmt(slowest[0]))
        for page in ("overview", "enterprises", "placements"):
            if f"page:{page}" in i:
                row(f"first visit of {page} < 300 ms", "national", i[f"page:{page}"], 300, _fmt(i[f"page:{page}"]))
        if "paste 200" in i:
            row("pasting 200 placements < 1 s", "national", i["paste 200"], 1_000, _fmt(i["paste 200"]))
        row(
            "Excel job status ≤ 3 s",
            "national",
            by_size["national"]["excel"]["ms"],
            3_000,
            _fmt(by_size["national"]["excel"]["ms"]),
        )
    for size, r in by_size.items():
        statements = r["inprocess"].get("edit statements")  # runs before these were measured have none
        if statements is not None:
            row("SQL statements per field edit ≤ 10", size, statements, 10, f"{statements:.0f}")
    if "region" in by_size and "paste 200" in by_size["region"]["inprocess"]:
        paste = by_size["region"]["inprocess"]["paste 200"]
        row("pasting 200 placements < 1 s", "region", paste, 1_000, _fmt(paste))
        row(
            "Word report ≤ 3 s", "region", by_size["region"]["word"]["ms"], 3_000, _fmt(by_size["region"]["word"]["ms"])
        )
        row(
            "Excel job status < 3 s",
            "region",
            by_size["region"]["excel"]["ms"],
            3_000,
            _fmt(by_size["region"]["excel"]["ms"]),
        )
    if "national" in by_size:
        s = by_size["national"]["startup"]
        if "figures_after_paint_ms" in s:
            value = s["figures_after_paint_ms"]
            row("overview's figures < 300 ms after the first paint", "national", value, 300, _fmt(value))
        x = by_size["national"].get("exchange")
        if x is not None:
            row("export-data ≤ 30 s", "national", x["export_ms"], 30_000, _fmt(x["export_ms"]))
            row("export-data ≤ 500 MB", "national", x["export_peak_mb"], 500, f"{x['export_peak_mb']:.0f} MB")
    for size, r in by_size.items():
        x = r.get("exchange")
        if x is not None and x["file_mb"] >= 5:  # the 50 MB target, scaled to the file measured
            scale = max(x["file_mb"], 50) / 50
            for key, what in (("dry_run", "import-data --dry-run"), ("import", "import-data")):
                row(
                    f"{what} ≤ 20 s per 50 MB ({x['file_mb']:.0f} MB file)",
                    size,
                    x[f"{key}_ms"] / scale,
                    20_000,
                    f"{_fmt(x[f'{key}_ms'])}",
                )
                row(
                    f"{what} ≤ 500 MB ({x['file_mb']:.0f} MB file)",
                    size,
                    x[f"{key}_peak_mb"],
                    500,
                    f"{x[f'{key}_peak_mb']:.0f} MB",
                )
    peak = max(max(r["startup"]["peak_mb"], r["word"]["peak_mb"], r["excel"]["peak_mb"]) for r in results)
    row("peak memory < 500 MB", "all", peak, 500, f"{peak:.0f} MB")
    return ["## Targets", "", "| target | size | measured | met |", "|---|---|---|---|", *rows, ""]


FINDINGS = """## Findings

The machine was **heavily loaded** while this ran: two cores shared by six engineers' test suites, builds
and benchmarks (load average 5 to 8). Absolute times are inflated, by several times for the longer
measurements (the Word report of the region took 3.7 s on a quiet machine the day before and 54 s here); a
target of an absolute time that is "not met" here may be met on a quiet machine, and the numbers say so only
where a quiet measurement exists. The start-up rows are ratios against the bare window launched alternately
with the application in the same run, which is the fair comparison under load.

- **Start-up (not met: 2.3 / 1.8 / 2.5 × the bare window at example / region / national, against 2.6 / 3.3 /
  7.4 × in the run of the day before).** Before its first paint the window now does only its own
  construction: the store
  is opened without SQLite's quick check (a read of every page: about 0.2 s at national size on a quiet
  machine), and the check, the daily backup and the overview's figures run after the first paint on a
  background thread, the store read-only and the status bar saying so until the check has passed
  (desktop/app.py `check_after_first_paint`, models/start_checks.py). Peewee no longer imports the
  PostgreSQL driver installed in this virtualenv (psycopg: 0.1-0.7 s of every start, measured with
  `python -X importtime`). What is left above the floor is importing the application's own modules (the
  main window's module tree with the figures and peewee: 0.3 s under this load by `-X importtime`) and
  building the window. What would close it: import the page modules' shared dependencies (models.figures,
  peewee) after the first paint, and a splash-free window shell built from Qt classes only.
- **The overview's figures after the first paint (not met at national).** They wait for the quick check
  (the whole file is read) and are then computed on a background thread (counting the year's 50,000
  placements by type and channel and month, every enterprise's registration status, every evaluation's
  outcomes): the quick check took about 0.2 s and the figures 0.3 s at national size on the quieter
  machine of the day before; 1.6 s in this run. What would close it: a covering
  index `job_placement(date, channel, type_id)` (the counts read the index only) or a summary per year and
  month that the command layer keeps current; both need a schema migration in models/store.py, which
  issue 17 is editing now.
- **First visits at national (overview met; enterprises and placements not met).** Overblik opens at once
  (its figures follow). Virksomheder reads its 5,000 rows with plain cursors (twice as fast as through
  model objects) and fits its columns from at most 50 rows; Ansættelser reads the year's 50,000
  placements as plain (id, values) pairs and counts them by type and channel. On a quiet machine these were
  310 and 319 ms before this work. What would close it: a table model that reads its rows a window at a
  time as the view scrolls (`canFetchMore`/`fetchMore`, sorting and filtering with ORDER BY/WHERE on the
  indexes the query-plan tests check) instead of the whole year, and the covering index above for the
  counts.
- **export-data (met)**: streamed table by table, 131 MB written in seconds in about 50 MB of memory.
- **import-data (time not met; memory met after the run).** A file in export-data's own layout (one row
  per line) is now read as a stream (models/data_lines.py): the file's rows are no longer held in memory
  (before: 967 MB for the 103 MB file, most of it `json.load`). The run above still shows 880 MB for the
  131 MB national file: the importer kept a whole table's rows (500,000 placements) for one prepared
  statement. After the run the rows are inserted in batches of 5,000 (models/data_import.py `BATCH_ROWS`);
  the national dry run measured again alone, under the same load: **412 MB, 68 s**. At region size (13 MB)
  the peak is 128 MB. Time: the dry run validates and inserts every row once in a transaction that is
  rolled back, the real import twice (the preview, then the import); under this load the dry run takes
  25 s for 13 MB and 52-68 s for 131 MB (20 s per 50 MB is the target). What would close it: a profile
  on a quiet machine first; the per-row validation (models/data_codec.py `read_row`) and the duplicate
  check are the candidates.
- **Word report (not met at region).** 3.7 s on a quiet machine (issue 14's engineer is changing the report).
- **Excel job status (not met at national; 4.6 s on a quieter machine the day before).** The profile
  above: about a third reading the job status (models/job_status.py), a third filling the placements lists
  cell by cell (`put` → XlsxWriter's `cell_wrapper`, half a million cells) and a third in XlsxWriter's
  `close` writing the sheets' XML. XlsxWriter's constant-memory mode cannot keep the Excel tables the
  workbook uses; issue 15's engineer is changing these files (branch fix-15), so they are left alone here.
  What would close it: write each list row with `write_row` (one call per row instead of one per cell).
- **Memory of the window, Word and Excel (met)**, search and sort (met), SQL statements per edit (met).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default="example,region,national")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--data-dir", default=str(ROOT / "benchmarks" / ".data"))
    parser.add_argument("--from-json", help="rewrite the report from a previous run's JSON, measuring nothing")
    parser.add_argument("--server", help="also measure on PostgreSQL: postgresql://USER@HOST:PORT (no database)")
    parser.add_argument("--server-sizes", default="region", help="the sizes measured on the server too (--server)")
    parser.add_argument(
        "--startup-again", action="store_true", help="with --from-json: measure the start-up rows again first"
    )
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        data_dir = Path(args.data_dir)
        if args.startup_again:
            for r in results:
                r["startup"] = measure_startup(data_dir / f"{r['size']}.sqlite", args.repeat)
                r["startup_again"] = True
            Path(args.from_json).write_text(json.dumps(results, indent=1), encoding="utf-8")
        largest = [r for r in results if not r.get("server")][-1]
        profile = profile_excel(data_dir / f"{largest['size']}.sqlite", largest["year"], data_dir / "out")
        Path(args.output).write_text(report(results, profile, args.repeat), encoding="utf-8")
        return 0
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    out = data_dir / "out"
    out.mkdir(exist_ok=True)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"measuring {size} …", file=sys.stderr, flush=True)
        results.append(measure(size, data_dir, args.repeat, out))
    server_sizes = [s.strip() for s in args.server_sizes.split(",") if s.strip()]
    for size in server_sizes if args.server else []:
        print(f"measuring {size} on PostgreSQL …", file=sys.stderr, flush=True)
        results.append(measure(size, data_dir, args.repeat, out, args.server))
    largest = [r for r in results if not r.get("server")][-1]
    profile = profile_excel(data_dir / f"{largest['size']}.sqlite", largest["year"], out)
    Path(args.output).write_text(report(results, profile, args.repeat), encoding="utf-8")
    (Path(args.output).with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
