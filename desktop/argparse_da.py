"""argparse's own texts in Danish (usage, headings, -h's help, its error messages): argparse looks them up with
gettext at the moment it uses them, through its module's ``_`` and ``ngettext``. ``danish_argparse()`` swaps
those for Danish ones while a parser is built and used, and puts Python's back afterwards. Texts of a later
Python that are not here stay in English."""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

DANISH = {
    "usage: ": "brug: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r findes ikke (vælg mellem %(choices)s)",
    "the following arguments are required: %s": "disse skal angives: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "mangler en værdi",
    "expected at most one argument": "højst én værdi",
    "expected at least one argument": "mindst én værdi",
    "ignored explicit argument %r": "værdien %r hører ikke til her",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af disse skal angives: %s",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s er tvetydigt: det kan være %(matches)s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "unexpected option string: %s": "uventet tilvalg: %s",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)"
    ),
}
DANISH_PLURAL = {"expected %s argument": ("mangler %s værdi", "mangler %s værdier")}


def _gettext(message: str) -> str:
    return DANISH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    one, many = DANISH_PLURAL.get(singular, (singular, plural))
    return one if n == 1 else many


@contextmanager
def danish_argparse() -> Iterator[None]:
    """Build and use parsers inside this block to get argparse's own texts in Danish."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
