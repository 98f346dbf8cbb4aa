"""The data layer: Peewee models on SQLite, derived figures and the example data. Never imports Qt."""
