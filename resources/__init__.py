"""Data files shipped with the application: the example dataset, icons, translations."""
