"""``shian bench ingest`` runs end to end and cleans up after itself (its speed is the bench's job)."""

from __future__ import annotations

from argparse import Namespace

import pytest
from sqlalchemy import create_engine, text

from desktop.bench import ingest


def test_ingest_bench_on_sqlite_counts_committed_reports():
    res = ingest.run(Namespace(db=None, ingest_terminals=3, ingest_reports=300))
    assert (res["db"], res["reports"], res["terminals"]) == ("sqlite", 300, 3)
    assert res["reports_per_s"] > 0 and res["budget_per_s"] == 5000


@pytest.mark.postgres
def test_ingest_bench_on_postgresql_uses_a_scratch_database_it_drops(pg_server_url):
    from core.db.engine import resolve_url

    res = ingest.run(Namespace(db=pg_server_url, ingest_terminals=2, ingest_reports=200))
    assert (res["db"], res["reports"]) == ("postgresql", 200)
    admin = create_engine(resolve_url(pg_server_url))
    with admin.connect() as c:
        left = c.execute(text("SELECT datname FROM pg_database WHERE datname LIKE 'shian_bench_ingest_%'")).all()
    admin.dispose()
    assert left == []
