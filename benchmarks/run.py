"""The benchmark: every measurement of docs/benchmarks.md at each size, as medians of several runs and as
ratios against a floor measured in the same run.

    python -m benchmarks.run [--sizes example,region,national] [--repeat 5] [--output docs/benchmarks.md]

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
    "word": "< 5 s (region)",
    "excel": "< 3 s (region), < 30 s (national)",
    "memory": "< 500 MB",
}


def _python(*args: str, env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=True,
    )
    return (time.perf_counter() - started) * 1000, run.stdout.strip().splitlines()[-1]


def _probe(*args: str) -> tuple[float, float, float]:
    """(ms from process start to the event, ms reported inside, peak MB)."""
    wall, line = _python("-m", "benchmarks.probe", *args)
    inside, peak = (float(x) for x in line.split())
    return wall, inside, peak


def _median(values) -> float:
    return statistics.median(values)


def measure(size: str, data_dir: Path, repeat: int, out: Path) -> dict:
    database = data_dir / f"{size}.sqlite"
    generated = None
    if not database.exists():
        started = time.perf_counter()
        generate(size, database)
        generated = time.perf_counter() - started
    year = FIRST_YEAR + SIZES[size]["years"] - 1
    results: dict = {"size": size, "year": year, "generated_s": generated}
    raw = sqlite3.connect(database)
    results["counts"] = {
        t: raw.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("enterprise", "grant", "job_placement", "evaluation")
    }
    raw.close()
    floor = [_probe("floor") for _ in range(repeat)]
    app = [_probe("app", str(database)) for _ in range(repeat)]
    results["startup"] = {
        "floor_ms": _median(f[0] for f in floor),
        "app_ms": _median(a[0] for a in app),
        "floor_inside_ms": _median(f[1] for f in floor),
        "app_inside_ms": _median(a[1] for a in app),
        "peak_mb": max(a[2] for a in app),
    }
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
        ]
        for key, value in i.items():
            if key.startswith("page:"):
                lines.append(
                    f"| opening the page {key[5:]} (first visit) | {_fmt(value)} | – | – | {TARGETS['page']} |"
                )
        lines += [
            f"| Word report of {r['year']} | {_fmt(r['word']['ms'])} | – | – | {TARGETS['word']} |",
            f"| Excel job status at 31.12.{r['year']} | {_fmt(r['excel']['ms'])} | – | – | {TARGETS['excel']} |",
            f"| peak memory: window / Word / Excel | {s['peak_mb']:.0f} / {r['word']['peak_mb']:.0f} / "
            f"{r['excel']['peak_mb']:.0f} MB | – | – | {TARGETS['memory']} |",
            "",
        ]
    lines += [
        "## Where the time goes",
        "",
        "The Excel job status at the largest size, profiled (cProfile, cumulative time):",
        "",
        "```",
        profile,
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default="example,region,national")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--data-dir", default=str(ROOT / "benchmarks" / ".data"))
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    out = data_dir / "out"
    out.mkdir(exist_ok=True)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"measuring {size} …", file=sys.stderr, flush=True)
        results.append(measure(size, data_dir, args.repeat, out))
    largest = results[-1]
    profile = profile_excel(data_dir / f"{largest['size']}.sqlite", largest["year"], out)
    Path(args.output).write_text(report(results, profile, args.repeat), encoding="utf-8")
    (Path(args.output).with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
