"""Shared fixtures: real databases on both engines, and the shared public test data.

PostgreSQL tests run against the server named by SHIAN_TEST_PG (CI sets it to the machine's
PostgreSQL); each test session creates its own throw-away database there, with PostGIS.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
PG_ENV = "SHIAN_TEST_PG"


def shared_data(*parts: str) -> Path:
    """A file from ../shared/data; the test skips with a clear message where it is absent."""
    p = SHARED_DATA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared test data not present: {p}")
    return p


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the user's real data folder or SHIAN_DB from a test."""
    d = tmp_path_factory.mktemp("shian-data")
    monkeypatch.setenv("SHIAN_DATA_DIR", str(d))
    monkeypatch.delenv("SHIAN_DB", raising=False)


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://USER@HOST:PORT/DB (a server with PostGIS)")
    return url


@pytest.fixture(scope="session")
def pg_database(pg_server_url):
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from core.db.engine import resolve_url

    admin_url = resolve_url(pg_server_url)
    name = f"shian_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as c:
        c.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
        ), {"n": name})
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_migrated(pg_database):
    from core.db import migrate
    from core.db.engine import make_engine

    engine = make_engine(pg_database)
    migrate.upgrade(engine)
    engine.dispose()
    return pg_database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from core.db import migrate
    from core.db.engine import make_engine

    path = tmp_path_factory.mktemp("tpl") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _truncate_all(url: str) -> None:
    from sqlalchemy import text

    from core.db.engine import make_engine
    from core.db.models import Base

    engine = make_engine(url)
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as c:
        c.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """An empty, migrated database URL on each engine."""
    if request.param == "sqlite":
        path = tmp_path / "shian.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_migrated")
    _truncate_all(url)
    return url


@pytest.fixture
def db(db_url):
    from core.db.engine import Database

    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path, sqlite_template):
    from core.db.engine import Database

    path = tmp_path / "shian.db"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()
