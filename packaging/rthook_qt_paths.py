"""Run-time hook of the bundle, in place of PyInstaller's own for PySide6, which imports PySide6.QtCore at
the start of every run (about 0.1 s of loading Qt and ICU) only to check for a qt.conf that PySide6's wheels
already embed. Here only the plugin folder is named; Qt is loaded when the application imports it, so the
command-line commands start without Qt, as they do from the installed package.

What is changed in the environment for Qt's start is remembered as NAME_ORIG (PyInstaller's own convention for
LD_LIBRARY_PATH), so that ``desktop.app.restore_environment_for_children`` can put it back once Qt has started:
programs the application opens (xdg-open, a file manager, Word) must not load the bundle's libraries."""

import os
import sys


def _set(name: str, value: str) -> None:
    if name in os.environ and f"{name}_ORIG" not in os.environ:
        os.environ[f"{name}_ORIG"] = os.environ[name]
    os.environ[name] = value


_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
_set("QT_PLUGIN_PATH", os.path.join(_qt, "plugins"))
if sys.platform == "win32":  # Qt's own DLLs beside the program folder's
    _set("PATH", sys._MEIPASS + os.pathsep + os.environ.get("PATH", ""))
del _qt

# CPython's own start coerces the C and POSIX locales to C.UTF-8 (PEP 538); PyInstaller's does not, and Qt then
# prints a warning about the locale on every start (cron, ssh without LANG, env -i). Do as CPython does.
if sys.platform.startswith("linux") and not os.environ.get("LC_ALL"):
    import locale

    try:
        _ctype = locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:  # a locale that is not installed behaves as C
        _ctype = "C"
    if _ctype in ("C", "POSIX"):
        try:
            locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
            os.environ["LC_CTYPE"] = "C.UTF-8"
        except locale.Error:
            pass
    del _ctype
