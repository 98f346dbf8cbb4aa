"""A server store's address, ``postgresql://USER@HOST[:PORT]/DBNAME``, and where its password comes from.

The password is never part of the address (the address is remembered in the settings file). libpq finds it
by itself in the user's password file (~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf) or service file, or in
PGPASSWORD; failing those, the application asks once and keeps it in the system keyring (``keyring``).
TLS is required unless the server is on this computer.
"""

import os
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from models.errors import DatabaseOpenError
from models.i18n import _

SCHEMES = ("postgresql", "postgres")
LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")
KEYRING_SERVICE = "Socialøkonomi"
# libpq's sslmode values that do not insist on TLS; a remote server gets "require" instead
WEAK_SSL = ("disable", "allow", "prefer", "")


def is_server_address(text) -> bool:
    """True if ``text`` names a database on a PostgreSQL server rather than a SQLite file."""
    return isinstance(text, str) and text.split("://", 1)[0].lower() in SCHEMES and "://" in text


@dataclass(frozen=True)
class ServerAddress:
    user: str
    host: str
    port: int | None
    dbname: str
    options: dict = field(default_factory=dict)  # libpq parameters from the query string (sslmode, service, ...)

    @property
    def is_local(self) -> bool:
        """True only where the address itself names this computer: a host or ``hostaddr`` elsewhere, or a host
        taken from a service file or the environment (unknown here), needs TLS."""
        hostaddr = self.options.get("hostaddr")
        if "service" in self.options or (hostaddr is not None and hostaddr not in LOCAL_HOSTS):
            return False
        host = self.host or os.environ.get("PGHOST", "")  # no host in the address: libpq takes PGHOST
        hostaddr = os.environ.get("PGHOSTADDR") if hostaddr is None and not self.host else hostaddr
        if hostaddr is not None and hostaddr not in LOCAL_HOSTS:
            return False
        return all(h in LOCAL_HOSTS or h.startswith("/") for h in host.split(","))

    def display(self) -> str:
        """The address as the user writes it (no password): also the key of its password in the keyring."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else quote(self.host, safe="")
        port = f":{self.port}" if self.port else ""
        return f"postgresql://{user}{host}{port}/{quote(self.dbname, safe='')}"

    def connect_params(self, password: str | None = None) -> dict:
        """Keyword arguments for ``psycopg.connect``."""
        params = dict(self.options)
        if self.user:
            params["user"] = self.user
        if self.host:
            params["host"] = self.host
        if self.port:
            params["port"] = self.port
        if not self.is_local and params.get("sslmode", "") in WEAK_SSL:
            params["sslmode"] = "require"
        if password:
            params["password"] = password
        params.setdefault("application_name", "Socialøkonomi")
        params.setdefault("connect_timeout", 10)
        return params


def parse_address(text: str) -> ServerAddress:
    """Read ``postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=...]``; a Danish ``DatabaseOpenError`` if it cannot be."""
    bad = _("Adressen {address} kan ikke læses. Skriv den som postgresql://BRUGER@SERVER:PORT/DATABASE.")
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError as error:
        raise DatabaseOpenError(bad.format(address=text)) from error
    if parts.scheme.lower() not in SCHEMES:
        raise DatabaseOpenError(bad.format(address=text))
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    values = [unquote(parts.path.lstrip("/")), *options.values()]  # libpq may expand a dbname that is a conninfo
    if (
        parts.password is not None
        or any(key.strip().lower() == "password" for key in options)
        or any(_holds_password(value) for value in values)
    ):
        raise DatabaseOpenError(
            _(
                "Skriv ikke adgangskoden i adressen: den ville blive gemt i indstillingerne. Læg den i "
                "PostgreSQL's adgangskodefil (.pgpass), eller skriv den, når programmet spørger."
            )
        )
    dbname = unquote(parts.path.lstrip("/")) or options.pop("dbname", "")
    host = unquote(parts.hostname or "") or options.pop("host", "")
    if not dbname and "service" not in options:
        raise DatabaseOpenError(bad.format(address=text))
    return ServerAddress(unquote(parts.username or ""), host, port, dbname, options)


def _holds_password(value: str) -> bool:
    """True if ``value`` is itself a connection string (``password=…``) or an address with a password."""
    if "password" in value.lower().replace(" ", "") and "=" in value:
        return True
    if is_server_address(value.strip()):
        try:
            return urlsplit(value.strip()).password is not None
        except ValueError:
            return True
    return False


def keyring_password(address: ServerAddress) -> str | None:
    """The password kept in the system keyring for ``address``, if there is a keyring and one is kept."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, address.display())
    except Exception:  # no keyring on this machine, or it is locked: libpq's own sources still apply
        return None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` in the system keyring; False if there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, address.display(), password)
        return True
    except Exception:
        return False
