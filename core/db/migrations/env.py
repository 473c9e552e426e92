"""Alembic environment: runs on the connection core.db.migrate hands it (SQLite or PostgreSQL)."""

from alembic import context

from core.db.models import Base

config = context.config
target_metadata = Base.metadata


def _include_object(obj, name, type_, reflected, compare_to):
    # PostGIS's own tables are not ours to manage.
    return not (type_ == "table" and name in {"spatial_ref_sys"})


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from core.db.engine import make_engine, resolve_url

        engine = make_engine(resolve_url(config.get_main_option("sqlalchemy.url") or None))
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=_include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
