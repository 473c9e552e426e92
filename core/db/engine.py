"""Where the database is and how to open it.

Embedded default: one SQLite file in the user data folder, WAL mode, nothing to install.
Shared mode: a PostgreSQL + PostGIS URL from ``--db`` or ``SHIAN_DB``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from core.db import changes as _changes  # noqa: F401  (registers the change-log hooks)

APP_NAME = "shian"
ENV_DB = "SHIAN_DB"


def data_dir() -> Path:
    d = Path(os.environ.get("SHIAN_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d


def default_db_path() -> Path:
    return data_dir() / "shian.db"


def resolve_url(db: str | None = None) -> str:
    """``--db`` wins, then ``SHIAN_DB``, then the embedded file. A bare path means SQLite."""
    raw = db or os.environ.get(ENV_DB) or str(default_db_path())
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    if raw.startswith(("postgresql://", "postgres://")):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def display_url(url: str) -> str:
    """The URL with any password masked, fit for status bars and logs."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str, **kw) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kw)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    import geoalchemy2  # noqa: F401  (PostGIS DDL hooks must be in place before any table is created)

    return create_engine(url, pool_pre_ping=True, **kw)


class Database:
    """An engine and its session factory. A session is opened per user action, by the caller."""

    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.url = resolve_url(url) if engine is None else engine.url.render_as_string(hide_password=False)
        self.engine = engine or make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def display_url(self) -> str:
        return display_url(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back on any error."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
