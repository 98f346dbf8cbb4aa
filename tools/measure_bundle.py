"""Measure the bundle against the installed package: size on disk, and start-up of the command line and of
the window, as medians of interleaved runs (so both see the same load on the machine).

    python -m tools.measure_bundle BUNDLE_PROGRAM INSTALLED_PROGRAM [--repeat N]

    e.g. python -m tools.measure_bundle dist/socialokonomi/socialokonomi .venv/bin/socialokonomi

The window is timed from launch until it is mapped on the X server (found by its title with xdotool), only
where DISPLAY is set and xdotool is installed; run under `xvfb-run -s "-noreset"` on a machine without a
screen (Xvfb's reset between clients would otherwise refuse the next start). Prints Markdown for
docs/distribution.md.
"""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Socialøkonomi"


def split_command(text: str) -> list[str]:
    """A program with its arguments, as typed in this system's shell: POSIX quoting on Linux and macOS; on
    Windows backslashes are path separators and double quotes group (C:\\Program Files\\...\\python.exe)."""
    if os.name != "nt":
        return shlex.split(text)
    parts = shlex.split(text, posix=False)
    return [part[1:-1] if len(part) > 1 and part[0] == part[-1] == '"' else part for part in parts]


def load_average() -> str:
    """The one-minute load average, where the system has one (not on Windows)."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "ukendt"


def folder_size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) / 2**20


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return (time.perf_counter() - start) * 1000


def _window_ms(command: list[str], database: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    window = subprocess.Popen([*command, "--database", str(database)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--name", TITLE], capture_output=True, text=True)
            if found.stdout.strip():
                return (time.perf_counter() - start) * 1000
            if window.poll() is not None or time.perf_counter() - start > 60:
                raise SystemExit(f"{shlex.join(command)}: no window (exit {window.poll()})")
            time.sleep(0.02)
    finally:
        window.terminate()
        window.wait(timeout=30)


def measure(programs: dict[str, list[str]], repeat: int) -> dict[tuple[str, str], list[float]]:
    work = Path(tempfile.mkdtemp(prefix="measure-bundle-"))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_", "QT_"))}
        env["HOME"] = str(work)
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        database = work / "example.sqlite"
        first = next(iter(programs.values()))
        subprocess.run([*first, "load-example", "--database", str(database)], env=env, check=True, capture_output=True)
        with_window = bool(env.get("DISPLAY")) and shutil.which("xdotool") is not None
        status = ["status", "--year", "2018", "--json", "--database", str(database)]
        results: dict[tuple[str, str], list[float]] = {}
        for run in range(repeat + 1):  # the first round warms the file cache and is not counted
            for name, command in programs.items():
                times = {
                    "`--version`": _timed([*command, "--version"], env),
                    "`status --year 2018 --json`": _timed([*command, *status], env),
                }
                if with_window:
                    copy = work / f"window-{name}.sqlite"
                    shutil.copyfile(database, copy)
                    times["window on screen (Xvfb)"] = _window_ms(command, copy, env)
                if run:
                    for what, ms in times.items():
                        results.setdefault((name, what), []).append(ms)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def markdown(results: dict[tuple[str, str], list[float]], names: list[str]) -> str:
    whats = list(dict.fromkeys(what for _name, what in results))
    lines = ["| start-up | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for what in whats:
        cells = []
        for name in names:
            values = results[(name, what)]
            cells.append(f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})")
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.measure_bundle", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", help="the bundle's program, e.g. dist/socialokonomi/socialokonomi")
    parser.add_argument("installed", help="the installed package's command, e.g. .venv/bin/socialokonomi")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    programs = {"bundle": split_command(args.bundle), "installed package": split_command(args.installed)}
    bundle_folder = Path(programs["bundle"][0]).resolve().parent
    files = sum(1 for path in bundle_folder.rglob("*") if path.is_file())
    print(f"Bundle folder: {folder_size_mb(bundle_folder):.0f} MB in {files} files")
    print(f"Load average before: {load_average()} on {os.cpu_count()} cores", file=sys.stderr)
    results = measure(programs, args.repeat)
    print(f"Load average after: {load_average()}", file=sys.stderr)
    print(f"Medians of {args.repeat} interleaved runs (min–max), after one warm-up round:\n")
    print(markdown(results, list(programs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
