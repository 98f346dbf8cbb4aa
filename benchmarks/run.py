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


def profile_startup(database: Path, runs: int = 5) -> str:
    """Where a start-up's time goes at ``database``: each step's end, median of ``runs`` starts (ms from the
    start of the interpreter's own code; benchmarks/probe.py ``phases``)."""
    ends: dict[str, list[float]] = {}
    for _ in range(runs):
        run = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe", "phases", str(database)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": ""},
            check=True,
        )
        for line in run.stdout.strip().splitlines():
            at, step = line.split(" ", 1)
            ends.setdefault(step, []).append(float(at))
    rows, before = [], 0.0
    for step, values in ends.items():
        at = _median(values)
        rows.append(f"{at:7.1f} ms  (+{at - before:5.1f})  {step}")
        before = at
    return "\n".join(rows)


def _n(value: int) -> str:
    return f"{value:,}"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def report(all_results: list[dict], profile: str, repeat: int, startup_profile: str = "") -> str:
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
    lines += ["## Where the time goes", ""]
    if startup_profile:
        lines += [
            "A start on the overview at the largest size, step by step (median of 5 starts; each step's end in "
            "ms from the start of the interpreter's own code, `python -m benchmarks.probe phases DB`):",
            "",
            "```",
            startup_profile,
            "```",
            "",
        ]
    lines += [
        "The Excel job status at the largest size, profiled (cProfile, cumulative time):",
        "",
        "```",
        profile,
        "```",
        "",
        FINDINGS.read_text(encoding="utf-8").rstrip() + "\n",
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


FINDINGS = ROOT / "benchmarks" / "findings.md"  # what the numbers mean: written after a run, by hand


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
        phases = profile_startup(data_dir / f"{largest['size']}.sqlite")
        Path(args.output).write_text(report(results, profile, args.repeat, phases), encoding="utf-8")
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
    phases = profile_startup(data_dir / f"{largest['size']}.sqlite")
    Path(args.output).write_text(report(results, profile, args.repeat, phases), encoding="utf-8")
    (Path(args.output).with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
