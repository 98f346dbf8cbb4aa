"""Run-time hook of the bundle, in place of PyInstaller's own for PySide6, which imports PySide6.QtCore at
the start of every run (about 0.1 s of loading Qt and ICU) only to check for a qt.conf that PySide6's wheels
already embed. Here only the plugin folder is named; Qt is loaded when the application imports it, so the
command-line commands start without Qt, as they do from the installed package."""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":  # Qt's own DLLs beside the program folder's
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
