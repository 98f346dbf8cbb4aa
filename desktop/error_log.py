"""The log file where a bug's traceback goes (never to the user's screen). Qt-free, for the command line."""

import datetime as dt
import logging
import traceback
from pathlib import Path

log = logging.getLogger("socialokonomi")


def log_file() -> Path:
    from platformdirs import user_log_path

    return user_log_path("Socialokonomi", appauthor=False) / "socialokonomi.log"


def write_log(error: BaseException) -> Path:
    """Append ``error`` with its traceback to the log file (and the logger); return the file's path."""
    path = log_file()
    # debug, not error: without a configured handler Python would print the traceback on the terminal
    log.debug("unexpected error", exc_info=(type(error), error, error.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()}\n")
            handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    except OSError:
        pass
    return path
