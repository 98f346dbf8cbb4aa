"""The command line's password for a server database: asked for in a terminal when libpq's files and the keyring
gave none, and kept for this run only (in the process's environment, where libpq looks: never in a file)."""

import getpass
import os
import sys
from collections.abc import Callable

from models.i18n import _


def asking_for_a_password(run: Callable[[], int]) -> int:
    """``run()``; if the server wants a password that was not found and the command runs in a terminal, ask for
    it once and run again. Elsewhere (a script, a scheduled task) the refusal says where to put it."""
    from models.server_store import PasswordNeededError

    try:
        return run()
    except PasswordNeededError as error:
        if "PGPASSWORD" in os.environ or not sys.stdin.isatty():
            raise PasswordNeededError(
                str(error)
                + " "
                + _(
                    "Læg den i PostgreSQL's adgangskodefil (~/.pgpass, på Windows %APPDATA%\\postgresql\\pgpass.conf), "
                    "eller kør kommandoen i et terminalvindue, så spørger den."
                ),
                error.address,
            ) from error
        password = getpass.getpass(_("Adgangskode til {address}: ").format(address=error.address.display()))
        if not password:
            raise
        os.environ["PGPASSWORD"] = password  # this process only: libpq reads it, nothing writes it down
        return run()
