"""The bundle's entry point: the same ``main`` as the installed ``socialokonomi`` command.

``socialokonomi --bundle-check [PROGRAM ARG...]`` (not in --help) is the bundle's self-check, for IT and for
tests/test_bundle.py: it starts Qt as the window does and prints, as JSON, the texts of two of Qt's standard
buttons (Danish when Qt's translation is loaded) and whether Python's UTF-8 mode is on; then it runs PROGRAM as
the window starts the programs that open files and folders (QProcess, in the environment the bundle passes on),
and adds its exit code."""

import sys

from desktop.cli import main


def bundle_check(command: list[str]) -> int:
    import json

    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import make_application

    _app = make_application()
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
    result = {
        "buttons": sorted(button.text() for button in box.buttons()),
        "utf8_mode": sys.flags.utf8_mode,
        "program_exit": QProcess.execute(command[0], command[1:]) if command else None,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bundle-check"]:
        sys.exit(bundle_check(sys.argv[2:]))
    sys.exit(main())
