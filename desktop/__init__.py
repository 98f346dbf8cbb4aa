"""The application: entry point and command line, main window, wiring."""
