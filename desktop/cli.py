"""The ``socialokonomi`` command: the window by default, and subcommands for the command line.

Qt is imported only when the window is started, so the command-line tools start fast and run on a
machine without a display.
"""

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop.version import VersionAction
from models.errors import DamagedDatabaseError, StoreError
from models.i18n import _

EXIT_ERROR = 2


class CliError(Exception):
    """A problem with the command line's input: printed as one line, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialokonomi",
        description=_("Register og årsrapport for den socialøkonomiske enhed. Uden kommando åbnes vinduet."),
    )
    parser.add_argument("--version", action=VersionAction, help=_("vis programmets version og afslut"))
    parser.add_argument(
        "--database",
        metavar="STI",
        help=_(
            "databasefilen (standard: en fil i brugerens datamappe) eller en database på en server: "
            "postgresql://BRUGER@SERVER:PORT/DATABASE"
        ),
    )
    parser.add_argument(
        "--with-example", action="store_true", help=_("indlæs eksempeldata (Slagelse 2018), hvis databasen er tom")
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--database", metavar="STI", default=argparse.SUPPRESS, help=_("databasefilen"))
        return p

    command("load-example", _("indlæs eksempeldata (Slagelse 2018) i en tom database"))
    status = command("status", _("vis årets nøgletal"))
    status.add_argument("--year", required=True, metavar="ÅR", help=_("året, fx 2018"))
    status.add_argument("--as-of", metavar="DATO", help=_("opgørelsesdato (ÅÅÅÅ-MM-DD); standard 31. december"))
    status.add_argument("--json", action="store_true", help=_("skriv ét JSON-objekt"))
    report = command("export-report", _("skriv årsrapporten som et Word-dokument"))
    report.add_argument("--year", required=True, metavar="ÅR", help=_("rapportens år, fx 2018"))
    report.add_argument("--output", required=True, metavar="FIL.docx", help=_("hvor dokumentet skal gemmes"))
    report.add_argument("--template", metavar="SKABELON.docx", help=_("kommunens Word-skabelon"))
    new_year = command("new-report-year", _("opret årsrapport-teksterne for et år (standardopbygning eller kopi)"))
    new_year.add_argument("--year", required=True, metavar="ÅR", help=_("det nye års årstal, fx 2019"))
    new_year.add_argument("--from", dest="from_year", metavar="ÅR", help=_("kopiér teksterne fra året før"))
    jobs = command("export-jobs", _("skriv jobstatus pr. en dato som en Excel-projektmappe"))
    jobs.add_argument("--as-of", required=True, metavar="DATO", help=_("opgørelsesdato (ÅÅÅÅ-MM-DD)"))
    jobs.add_argument("--output", required=True, metavar="FIL.xlsx", help=_("hvor projektmappen skal gemmes"))
    agreements = command("export-agreements", _("skriv sammenligningen af samarbejdsaftaler som Excel"))
    agreements.add_argument("--year", required=True, metavar="ÅR", help=_("året, fx 2018"))
    agreements.add_argument("--output", required=True, metavar="FIL.xlsx", help=_("hvor projektmappen skal gemmes"))
    export_data = command("export-data", _("skriv hele databasen som én datafil (JSON)"))
    export_data.add_argument("--output", required=True, metavar="FIL.json", help=_("hvor datafilen skal gemmes"))
    import_data = command("import-data", _("læs en datafil ind (viser først, hvad der sker)"))
    import_data.add_argument("file", metavar="FIL", help=_("datafilen (.json) eller en udfyldt skabelon (.xlsx)"))
    import_data.add_argument("--dry-run", action="store_true", help=_("vis kun, hvad der ville ske"))
    copy = sub.add_parser(
        "copy-data",
        help=_("kopiér en hel database til en tom database (fil eller server), alt eller intet"),
        description=_("kopiér en hel database til en tom database (fil eller server), alt eller intet"),
    )
    copy.add_argument("--from", dest="source", required=True, metavar="KILDE", help=_("databasefil eller adresse"))
    copy.add_argument("--to", dest="target", required=True, metavar="MÅL", help=_("tom databasefil eller adresse"))
    command("backup", _("tag en sikkerhedskopi af databasen nu"))
    restore = command("restore", _("gendan databasen fra en sikkerhedskopi (den nuværende gemmes først)"))
    restore.add_argument("file", metavar="FIL", help=_("sikkerhedskopien, der skal gendannes"))
    return parser


def _database_path(args: argparse.Namespace) -> Path | str:
    """The database file, or a server address (postgresql://...) as it was given."""
    from models.server_address import is_server_address

    if args.database is not None:
        if not args.database.strip():  # an unset variable in a script ("--database $DB") must not mean the default
            raise CliError(_("--database er tom; angiv stien til databasefilen."))
        if is_server_address(args.database):
            return args.database
        path = Path(args.database).expanduser()
    else:
        from models.store import default_database_path

        path = default_database_path()
    try:
        path.resolve()
    except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError for a loop of symbolic links
        raise CliError(_("{path} kan ikke bruges: stien er en løkke af genveje.").format(path=path)) from error
    return path


def _parse_year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 2200:
        raise CliError(_("«{text}» er ikke et årstal. Skriv fx --year 2018.").format(text=text))
    return int(text)


def _parse_date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise CliError(
            _("«{text}» er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2018-06-30.").format(text=text)
        ) from error
    if not 1900 <= date.year <= 2200:
        raise CliError(_("{date} ligger uden for årene 1900-2200. Skriv fx 2018-06-30.").format(date=text.strip()))
    return date


def _require_data(year: int) -> None:
    """Refuse, as ``status`` does, a year the store holds nothing for."""
    from models.figures import has_data, no_data_message

    if not has_data(year):
        raise CliError(no_data_message(year))


def _cmd_load_example(args: argparse.Namespace) -> int:
    from models.example_data import load_example
    from models.store import close_database, open_database

    path = _database_path(args)
    with _locked(path):
        open_database(path)
        try:
            load_example()
        finally:
            close_database()
    print(_("Eksempeldata (Slagelse 2018) er indlæst i {path}.").format(path=path))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from models.figures import year_status
    from models.store import close_database, open_database

    year = _parse_year(args.year)
    as_of = _parse_date(args.as_of) if args.as_of else None
    if as_of and as_of < dt.date(year, 1, 1):
        raise CliError(_("Opgørelsesdatoen {date} ligger før året {year}.").format(date=as_of, year=year))
    if as_of and as_of > dt.date(year, 12, 31):
        raise CliError(_("Opgørelsesdatoen {date} ligger efter året {year}.").format(date=as_of, year=year))
    open_database(_database_path(args), create=False, indexes=False)
    try:
        _require_data(year)
        status = year_status(year, as_of)
    finally:
        close_database()
    if args.json:
        print(json.dumps(status.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_status(status))
    return 0


def _cmd_export_report(args: argparse.Namespace) -> int:
    from desktop.exports import export_report
    from models.store import close_database, open_database

    year = _parse_year(args.year)
    open_database(_database_path(args), create=False, indexes=False)
    try:
        _require_data(year)
        warnings = export_report(
            year, Path(args.output).expanduser(), template=Path(args.template).expanduser() if args.template else None
        )
    finally:
        close_database()
    return _finish(warnings, _("Årsrapporten for {year} er gemt i {path}.").format(year=year, path=args.output))


def _cmd_new_report_year(args: argparse.Namespace) -> int:
    from models.standard_report import new_report_year
    from models.store import close_database, open_database

    year = _parse_year(args.year)
    from_year = _parse_year(args.from_year) if args.from_year else None
    path = _database_path(args)
    with _locked(path):  # a window that has the database open must not be written behind its back
        open_database(path, create=False)
        try:
            created = new_report_year(year, from_year)
            sections = created.sections.count()
        finally:
            close_database()
    if from_year:
        print(_("Årsrapporten for {year} er oprettet som kopi af {source}.").format(year=year, source=from_year))
    else:
        print(
            _("Årsrapporten for {year} er oprettet med standardopbygningen ({n} afsnit).").format(year=year, n=sections)
        )
    return 0


def _finish(warnings: list[str], message: str) -> int:
    for warning in warnings:
        print(_("Advarsel: {text}").format(text=warning), file=sys.stderr)
    print(message)
    return 0


def _cmd_export_jobs(args: argparse.Namespace) -> int:
    from desktop.exports import export_jobs
    from models.store import close_database, open_database

    as_of = _parse_date(args.as_of)
    check_output_is_not_the_database(Path(args.output), _database_path(args))
    open_database(_database_path(args), create=False, indexes=False)
    try:
        _require_data(as_of.year)
        warnings = export_jobs(as_of, Path(args.output).expanduser())
    finally:
        close_database()
    return _finish(warnings, _("Jobstatus pr. {date} er gemt i {path}.").format(date=as_of, path=args.output))


def _cmd_export_agreements(args: argparse.Namespace) -> int:
    from desktop.exports import export_agreements
    from models.store import close_database, open_database

    year = _parse_year(args.year)
    check_output_is_not_the_database(Path(args.output), _database_path(args))
    open_database(_database_path(args), create=False, indexes=False)
    try:
        _require_data(year)
        warnings = export_agreements(year, Path(args.output).expanduser())
    finally:
        close_database()
    return _finish(
        warnings, _("Sammenligningen af samarbejdsaftaler {year} er gemt i {path}.").format(year=year, path=args.output)
    )


def _file_only(path: Path | str, what: str) -> Path:
    if isinstance(path, str):
        raise CliError(
            _(
                "{what} gælder en databasefil. En database på en server sikkerhedskopieres af serverens "
                "administrator (pg_dump)."
            ).format(what=what)
        )
    return path


def _cmd_backup(args: argparse.Namespace) -> int:
    from models.backups import make_backup

    path = _file_only(_database_path(args), _("Sikkerhedskopiering"))
    if not path.exists():
        raise CliError(_("Databasen {path} findes ikke.").format(path=path))
    with _locked(path):
        target = make_backup(path, "manual")
    print(_("Sikkerhedskopien er gemt i {path}.").format(path=target))
    _prune_note()
    return 0


def _prune_note() -> None:
    from models import backups

    if backups.last_prune_problem:
        print(_("Bemærk: {text}").format(text=backups.last_prune_problem), file=sys.stderr)


def _cmd_restore(args: argparse.Namespace) -> int:
    from models.backups import restore_backup

    path, source = _file_only(_database_path(args), _("Gendannelse")), Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(_("Sikkerhedskopien {path} findes ikke.").format(path=source))
    if path.is_dir():
        raise CliError(_("{path} er en mappe, ikke en databasefil.").format(path=path))
    with _locked(path):
        before = restore_backup(path, source)
    from models.backups import DAMAGED_MARK

    if before and DAMAGED_MARK in before.name:
        print(_("Den beskadigede database er flyttet urørt til {path}.").format(path=before))
    elif before:
        print(_("Den hidtidige database er gemt i {path}.").format(path=before))
    print(_("Databasen {path} er gendannet fra {source}.").format(path=path, source=_printable(source.name)))
    _prune_note()
    return 0


def _printable(text: str) -> str:
    """``text`` (a file name that may not be valid UTF-8, or an imported value with a lone surrogate) as it
    can be printed."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8", "replace").decode()


def check_output_is_not_the_database(output: Path, database: Path) -> None:
    """Refuse to write an export over the database itself (or its journal files)."""
    if not isinstance(database, Path):  # a server address has no file to overwrite
        return
    target = output.expanduser().resolve()
    base = database.expanduser().resolve()
    if target in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
        raise CliError(_("{path} er selve databasen; vælg et andet filnavn til eksporten.").format(path=output))


def _cmd_export_data(args: argparse.Namespace) -> int:
    from desktop.exports import export_data
    from models.store import close_database, open_database

    check_output_is_not_the_database(Path(args.output), _database_path(args))
    open_database(_database_path(args), create=False, indexes=False)
    try:
        warnings = export_data(Path(args.output).expanduser())
    finally:
        close_database()
    return _finish(warnings, _("Databasen er skrevet til {path}.").format(path=args.output))


MAX_DATA_FILE = 500 * 1024 * 1024  # far above any real register; /dev/zero must not fill the memory


def read_data_file(path: Path) -> dict:
    if path.exists() and not path.is_dir() and (not path.is_file() or path.stat().st_size > MAX_DATA_FILE):
        raise CliError(
            _("{path} er ikke en datafil fra Socialøkonomi (ikke en almindelig fil, eller over 500 MB).").format(
                path=path
            )
        )
    from models.data_lines import read_streamed

    try:
        # export-data's own layout is read as a stream (memory of one row); any other is read whole
        return read_streamed(path) or json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM is allowed
    except FileNotFoundError as error:
        raise CliError(_("Filen {path} findes ikke.").format(path=path)) from error
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        raise StoreError(
            _("{name} er ikke en datafil fra Socialøkonomi (ikke gyldig JSON).").format(name=path.name)
        ) from error
    except RecursionError as error:
        raise StoreError(
            _("{name} er ikke en datafil fra Socialøkonomi: den er indlejret for dybt til at kunne læses.").format(
                name=path.name
            )
        ) from error
    except IsADirectoryError as error:
        raise CliError(_("{path} er en mappe, ikke en datafil.").format(path=path)) from error
    except OSError as error:
        raise StoreError(
            _("{name} kan ikke læses: {reason}").format(name=path.name, reason=error.strerror or error)
        ) from error


def read_import_file(path: Path):
    """A data file (.json) or a filled Excel template (.xlsx), read but not yet imported."""
    if path.suffix.lower() == ".xlsx":
        if not path.is_file():
            raise CliError(_("Filen {path} findes ikke.").format(path=path))
        from exporters.spreadsheet_template import read_template

        return read_template(path)
    return read_data_file(path)


def _cmd_import_data(args: argparse.Namespace) -> int:
    from models.backups import make_backup
    from models.data_import import import_data
    from models.store import close_database, open_database

    document = read_import_file(Path(args.file).expanduser())
    path = _database_path(args)
    from models.backups import backup_folder

    is_file = isinstance(path, Path)
    created = is_file and not path.exists()
    had_backups = is_file and backup_folder(path).exists()
    result = None
    with _locked(path):
        open_database(path, indexes=False)  # a dry run or a refused import leaves the file as it was
        backups: list[Path] = []

        def back_up(_report) -> None:
            # taken when the rows are in but not committed, from the store as it was (a server's backups are
            # the administrator's pg_dump schedule): the file is read and checked once, not once to preview
            if isinstance(path, Path):
                backups.append(make_backup(path, "import"))

        try:
            if args.dry_run:
                result = import_data(document, apply=False)
            else:
                result = import_data(document, apply=True, source=Path(args.file).name, before_commit=back_up)
            for line in result.lines():
                print(_printable(line))
            if result.invalid:
                raise StoreError(
                    _("Intet er importeret: filen har {n} ugyldige poster. Den første: {first}").format(
                        n=len(result.invalid), first=result.invalid[0]
                    )
                )
            if args.dry_run:
                print(_("Prøvekørsel: intet er ændret."))
                return 0
            if not result.added:
                print(_("Intet nyt at importere; databasen er uændret."))
                return 0
            backup = backups[0] if backups else None
        finally:
            close_database()
            if created and (result is None or not result.applied or not result.added):
                _remove_new_database(path, had_backups)  # a refused import into a new file leaves nothing behind
    if not result.applied:
        print(_("Intet er importeret."))
    elif backup:
        print(_("Importeret. Sikkerhedskopi fra før importen: {path}").format(path=backup))
    else:
        print(_("Importeret."))
    return 0 if result.applied else EXIT_ERROR


def _remove_new_database(path: Path, had_backups: bool) -> None:
    import shutil

    from models.backups import backup_folder

    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    if not had_backups and backup_folder(path).is_dir():
        shutil.rmtree(backup_folder(path), ignore_errors=True)


def _locked(path: Path | str):
    """The lock file beside a database file; a server does its own locking."""
    import contextlib

    from desktop.instance_lock import database_lock

    return database_lock(path) if isinstance(path, Path) else contextlib.nullcontext()


def format_status(status) -> str:
    """The status as Danish lines for a terminal."""
    from models.formatting import format_date, format_dkk, format_pct

    jobs = status.jobs
    lines = [
        _("Socialøkonomi {year}, opgjort {date}").format(year=status.year, date=format_date(status.as_of)),
        _("Aktive virksomheder og initiativer: {n}").format(n=status.enterprises_active),
        _("Registrerede: {a}; arbejder mod registrering: {b}").format(
            a=len(status.registrations.registered), b=len(status.registrations.working)
        ),
        _("Jobs gennem Jobcenteret: {total} ({parts}); mål: {target}").format(
            total=jobs.jobcenter_total,
            parts=", ".join(f"{k} {v}" for k, v in jobs.jobcenter.items()),
            target=status.jobs_target if status.jobs_target is not None else "–",
        ),
        _("Jobs gennem egne kanaler: {n}").format(n=jobs.own_total),
        _("Tilskud i alt: {amount}").format(
            amount=format_dkk(status.grants.total_dkk, approximate=status.grants.approximate)
        ),
    ]
    for name, count in status.initiative_members.items():
        lines.append(_("Deltagere i «{name}»: {n}").format(name=name, n=count))
    for e in status.evaluations:
        lines.append(
            _("Samarbejdsaftale {n} ({date}): {completed} afsluttede, {good} gode udfald = {share}").format(
                n=e.agreement_number,
                date=format_date(e.date),
                completed=e.completed if e.completed is not None else "–",
                good=e.good_outcomes,
                share=format_pct(e.good_outcome_share),
            )
        )
    for warning in status.warnings:
        lines.append(_("Advarsel: {text}").format(text=warning))
    return "\n".join(lines)


def _address(text: str) -> Path | str:
    from models.server_address import is_server_address

    return text if is_server_address(text) else Path(text).expanduser()


def _cmd_copy_data(args: argparse.Namespace) -> int:
    from models.copy_data import copy_data

    source, target = _address(args.source), _address(args.target)
    if isinstance(source, Path) and not source.is_file():
        raise CliError(_("Databasen {path} findes ikke.").format(path=source))
    with _locked(source), _locked(target):
        result = copy_data(source, target)
    print(
        _("Kopieret: {rows} rækker i {tables} tabeller fra {source} til {target}; alle tabeller er ens.").format(
            rows=result.rows, tables=result.tables, source=source, target=target
        )
    )
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run

    database = _database_path(args)
    if not args.database:  # the store the user last opened with Filer → Åbn database, if any
        from PySide6.QtCore import QSettings

        from desktop.app import APPLICATION, ORGANIZATION
        from desktop.switch_store import remembered_store

        remembered = remembered_store(QSettings(ORGANIZATION, APPLICATION))
        if remembered:
            database = _address(remembered)
    return run(database, with_example=args.with_example)


COMMANDS = {
    "load-example": _cmd_load_example,
    "status": _cmd_status,
    "export-report": _cmd_export_report,
    "new-report-year": _cmd_new_report_year,
    "export-jobs": _cmd_export_jobs,
    "export-agreements": _cmd_export_agreements,
    "export-data": _cmd_export_data,
    "import-data": _cmd_import_data,
    "copy-data": _cmd_copy_data,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    None: _cmd_gui,
}


def _hint_backups(path: Path) -> None:
    """After a damaged database: where its backups are and how to restore one."""
    from models.backups import usable_backups

    try:
        good, _bad = usable_backups(path)
    except Exception:  # noqa: BLE001 - a hint must never turn a clear message into a traceback
        return
    if good:
        print(
            _("Den nyeste brugbare sikkerhedskopi er {backup}. Gendan den med: socialokonomi restore {backup}").format(
                backup=good[0].path
            ),
            file=sys.stderr,
        )


def _is_damage(error: Exception) -> bool:
    """An error SQLite raised while reading the store that means its contents are damaged (a text that is
    not valid UTF-8, a damaged page found by a query rather than by the check at opening)."""
    import sqlite3

    import peewee

    from models.store import is_damage

    if isinstance(error, UnicodeDecodeError):
        return True
    return isinstance(error, (sqlite3.DatabaseError, peewee.DatabaseError)) and is_damage(error)


def main(argv: list[str] | None = None) -> int:
    from desktop.argparse_da import danish_argparse

    with danish_argparse():  # "brug:", "tilvalg", argparse's error messages
        args = _parser().parse_args(argv)
    from desktop.server_password import asking_for_a_password

    try:
        return asking_for_a_password(lambda: COMMANDS[args.command](args))
    except DamagedDatabaseError as error:
        print(_("socialokonomi: {error}").format(error=error), file=sys.stderr)
        _hint_backups(_database_path(args))
        return EXIT_ERROR
    except (CliError, StoreError) as error:
        print(_("socialokonomi: {error}").format(error=error), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:  # Ctrl+C: every write is all-or-nothing, and temporary files are removed
        print(_("socialokonomi: afbrudt; det, der var i gang, er ikke gemt."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
        return EXIT_ERROR
    except OSError as error:
        from models.backups import reason_text

        where = f" ({error.filename})" if error.filename else ""
        print(
            _("socialokonomi: filen kan ikke bruges{where}: {reason}").format(
                where=_printable(str(where)), reason=reason_text(error)
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a bug is logged, never shown as a traceback
        if _is_damage(error):
            from models.backups import damage_description

            path = _database_path(args)
            print(
                _("socialokonomi: Databasen {path} er beskadiget: {what}. Den er ikke ændret.").format(
                    path=path, what=damage_description(path)
                ),
                file=sys.stderr,
            )
            _hint_backups(path)
            return EXIT_ERROR
        from desktop.error_log import write_log

        print(
            _(
                "socialokonomi: der skete en uventet fejl, og kommandoen blev afbrudt. "
                "En beskrivelse er skrevet i {path}."
            ).format(path=write_log(error)),
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
