"""The database: typed models, engine and session handling, migrations."""
