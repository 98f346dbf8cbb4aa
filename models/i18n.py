"""The one translation mechanism of the application: gettext, with Danish as the source language.

Qt's ``tr`` would not reach ``models/`` and ``exporters/`` (they never import Qt), so the whole application,
widgets included, marks its user-visible strings with ``_()`` from here. An English catalogue can be added
later as ``resources/locale/en/LC_MESSAGES/socialokonomi.mo`` without touching code.
"""

import gettext
import os
from importlib import resources

DOMAIN = "socialokonomi"


def _load() -> gettext.NullTranslations:
    languages = [os.environ["SOCIALOKONOMI_LANG"]] if os.environ.get("SOCIALOKONOMI_LANG") else None
    try:
        localedir = str(resources.files("resources") / "locale")
    except ModuleNotFoundError:  # pragma: no cover - resources is part of the package
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=localedir, languages=languages, fallback=True)


_translations = _load()


def _(message: str) -> str:
    """Return ``message`` in the user's language (Danish when no catalogue applies)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form of a message for ``n``."""
    return _translations.ngettext(singular, plural, n)
