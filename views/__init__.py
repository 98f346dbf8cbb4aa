"""Qt item models, widgets, forms and dialogs."""
