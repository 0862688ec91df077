"""Storage: the database engine, sessions, models, migrations and reference-data loading."""
